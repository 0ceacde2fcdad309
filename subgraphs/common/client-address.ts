import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** The addresses whose `X-Forwarded-For` is believed: the load balancers in front of the gateway. */
export interface TrustedProxies {
  /** Whether `address` (a normalised IP) is one of the trusted proxies. */
  has(address: string): boolean;
  /** True when no proxy is trusted: every client address is the socket's peer. */
  readonly empty: boolean;
}

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`, how a dual-stack socket reports it) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

const NO_PROXIES: TrustedProxies = { has: () => false, empty: true };

/**
 * Parses a list of addresses and CIDR ranges (`10.0.0.0/8, 192.168.1.7, fd00::/8`), comma- or space-separated.
 * Throws naming `name` and the first entry that is neither.
 */
export function parseTrustedProxies(raw: string | undefined, name = 'GATEWAY_TRUSTED_PROXIES'): TrustedProxies {
  const entries = (raw ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) return NO_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    if (family === 0 || rest.length > 0 || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > maxBits))) {
      throw new Error(`${name} must list IP addresses or CIDR ranges (e.g. "10.0.0.0/8, 192.168.1.7"), got "${entry.slice(0, 64)}"`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(normalizeAddress(address), type);
    else list.addSubnet(normalizeAddress(address), bits, type);
  }
  return {
    empty: false,
    has: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client's address. The socket's peer, unless that peer is a trusted proxy: then `X-Forwarded-For` is read
 * from the right (each proxy appends the address it received from), skipping trusted proxies, and the first
 * address no trusted proxy vouches for beyond is the client. An entry that is not an address ends the walk at the
 * last hop that was trusted, so a forged or garbled header can only name a proxy, never an address of its choosing.
 */
export function clientAddressOf(req: IncomingMessage, trusted: TrustedProxies): string {
  const peer = normalizeAddress(req.socket.remoteAddress ?? 'unknown');
  if (trusted.empty || !trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  if (header === undefined) return peer;
  const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalizeAddress(hops[index] ?? '');
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
