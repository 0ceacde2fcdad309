import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, normalizeAddress, parseTrustedProxies } from '../../../subgraphs/common/client-address.ts';

/** A request as node:http gives it: the socket's peer and the headers. */
const request = (peer: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('GATEWAY_TRUSTED_PROXIES', () => {
  it('reads addresses and CIDR ranges, IPv4 and IPv6, comma- or space-separated', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.7 fd00::/8');
    expect(trusted.has('10.200.3.4')).toBe(true);
    expect(trusted.has('192.168.1.7')).toBe(true);
    expect(trusted.has('192.168.1.8')).toBe(false);
    expect(trusted.has('fd12::1')).toBe(true);
    expect(trusted.has('2001:db8::1')).toBe(false);
    expect(parseTrustedProxies('').empty).toBe(true);
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x'])('refuses "%s", naming the variable', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(
      `GATEWAY_TRUSTED_PROXIES must list IP addresses or CIDR ranges (e.g. "10.0.0.0/8, 192.168.1.7"), got "${entry}"`,
    );
  });

  it('reads an IPv4 address a dual-stack socket reports as IPv6 as the IPv4 address', () => {
    expect(normalizeAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(parseTrustedProxies('10.0.0.0/8').has(normalizeAddress('::ffff:10.1.2.3'))).toBe(true);
  });
});

describe('the client address', () => {
  const trusted = parseTrustedProxies('10.0.0.0/8');

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf(request('203.0.113.5', '198.51.100.1'), parseTrustedProxies(undefined))).toBe('203.0.113.5');
  });

  it('is the peer when the peer is not a trusted proxy', () => {
    expect(clientAddressOf(request('203.0.113.5', '198.51.100.1'), trusted)).toBe('203.0.113.5');
  });

  it('behind trusted proxies is the rightmost address no trusted proxy stands for: what the client wrote to the left is not believed', () => {
    expect(clientAddressOf(request('10.0.0.2', '198.51.100.1'), trusted)).toBe('198.51.100.1');
    expect(clientAddressOf(request('10.0.0.2', '6.6.6.6, 198.51.100.1, 10.0.0.9'), trusted)).toBe('198.51.100.1');
  });

  it('is the last trusted hop when the header is missing, all trusted, or garbled', () => {
    expect(clientAddressOf(request('10.0.0.2'), trusted)).toBe('10.0.0.2');
    expect(clientAddressOf(request('10.0.0.2', '10.0.0.7, 10.0.0.9'), trusted)).toBe('10.0.0.7');
    expect(clientAddressOf(request('10.0.0.2', 'not-an-address, 10.0.0.9'), trusted)).toBe('10.0.0.9');
  });
});
