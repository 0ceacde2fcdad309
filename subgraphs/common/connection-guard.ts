import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { normalizeAddress, type TrustedProxies } from './client-address.ts';

/** How many connections one process holds and for how long: the same for the gateway and every subgraph. */
export interface ConnectionLimits {
  /** Most connections open at once; more are refused at accept. */
  maxConnections: number;
  /**
   * Most connections open at once from one peer address; more are closed as soon as they are accepted. Trusted
   * proxies are exempt (their clients are counted per request instead, see `maxRequestsPerClient`).
   */
  maxConnectionsPerAddress: number;
  /** How long a client may take to send its request headers, in ms. */
  headersTimeoutMs: number;
  /** How long a client may take to send its whole request (headers and body), in ms. */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open, in ms. */
  keepAliveTimeoutMs: number;
  /** How long an answer may take to reach the client once it is being written, in ms; then the connection is closed. */
  writeTimeoutMs: number;
  /** Most bytes of answers one connection may leave waiting for a client that does not read; past it, it is closed. */
  maxBufferedBytes: number;
  /** Most requests in progress at once for one client (its API key, else its address); more are answered 429. 0: no limit. */
  maxRequestsPerClient: number;
}

/**
 * The gateway's defaults. One address may hold what a busy office behind one NAT needs; slow or silent
 * connections are cut within seconds; an answer gets half a minute to reach even a slow phone.
 */
export const GATEWAY_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 4_096,
  maxConnectionsPerAddress: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  writeTimeoutMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxRequestsPerClient: 64,
};

/**
 * A subgraph's defaults: its one legitimate client, the gateway, keeps a pool of up to 128 connections per worker
 * from one address, so the per-address cap is wide and there is no per-client request limit (the gateway's own
 * limits apply before it asks).
 */
export const SUBGRAPH_CONNECTION_LIMITS: ConnectionLimits = {
  ...GATEWAY_CONNECTION_LIMITS,
  maxConnectionsPerAddress: 1_024,
  maxRequestsPerClient: 0,
};

/** A whole number from `name`, at least `least`; `fallback` when unset. Throws naming a malformed value. */
function readLimit(env: NodeJS.ProcessEnv, name: string, fallback: number, least = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number ≥ ${least}, got "${raw.slice(0, 64)}"`);
  return value;
}

/** `defaults`, each overridden by its `HTTP_…` variable when set. Throws naming a malformed value. */
export function connectionLimitsFromEnv(defaults: ConnectionLimits, env: NodeJS.ProcessEnv = process.env): ConnectionLimits {
  return {
    maxConnections: readLimit(env, 'HTTP_MAX_CONNECTIONS', defaults.maxConnections),
    maxConnectionsPerAddress: readLimit(env, 'HTTP_MAX_CONNECTIONS_PER_ADDRESS', defaults.maxConnectionsPerAddress),
    headersTimeoutMs: readLimit(env, 'HTTP_HEADERS_TIMEOUT_MS', defaults.headersTimeoutMs),
    requestTimeoutMs: readLimit(env, 'HTTP_REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs),
    keepAliveTimeoutMs: readLimit(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', defaults.keepAliveTimeoutMs),
    writeTimeoutMs: readLimit(env, 'HTTP_WRITE_TIMEOUT_MS', defaults.writeTimeoutMs),
    maxBufferedBytes: readLimit(env, 'HTTP_MAX_BUFFERED_BYTES', defaults.maxBufferedBytes),
    maxRequestsPerClient: readLimit(env, 'HTTP_MAX_REQUESTS_PER_CLIENT', defaults.maxRequestsPerClient, 0),
  };
}

/** What the guard holds now, for `/metrics`-style introspection and tests. */
export interface ConnectionStats {
  open: number;
  /** Connections closed at accept because their address held its share. */
  refusedPerAddress: number;
  /** Connections closed because an answer did not reach the client in time, or piled up unread. */
  closedSlowReaders: number;
}

/** The responses in progress on one connection, and since when the client has held one up (0: not yet). */
interface InProgress {
  responses: Set<ServerResponse>;
  since: number;
}

/** Closes the connections that have sent nothing for longer than `timeoutMs`; forgets those that have spoken. */
function closeSilent(silent: Map<Socket, number>, now: number, timeoutMs: number): void {
  for (const [socket, since] of silent) {
    if (socket.bytesRead > 0) silent.delete(socket);
    else if (now - since > timeoutMs) {
      silent.delete(socket);
      socket.destroy();
    }
  }
}

/**
 * Closes the connections that have held up their answers longer than the write timeout, or leave more than the
 * bound unsent. A connection's clock starts when a sweep first sees an answer being written (the time spent
 * computing it is the request deadline's business) and runs until it has no response in progress, so answers
 * queued behind pipelined requests do not each get a new write timeout.
 */
function closeSlowReaders(inProgress: Map<Socket, InProgress>, now: number, limits: ConnectionLimits, stats: ConnectionStats): void {
  for (const [socket, entry] of inProgress) {
    let writingNow = false;
    // Answers queued behind the one being written wait in their own buffers, not yet the socket's.
    let buffered = socket.writableLength;
    for (const res of entry.responses) {
      if (res.headersSent && !res.writableFinished) writingNow = true;
      if (res.socket !== socket) buffered += res.writableLength;
    }
    if (!writingNow && entry.since === 0) continue;
    if (entry.since === 0) entry.since = now;
    if (now - entry.since > limits.writeTimeoutMs || buffered > limits.maxBufferedBytes) {
      stats.closedSlowReaders++;
      inProgress.delete(socket);
      socket.destroy();
    }
  }
}

/**
 * Counts connections per peer address and closes, at accept, those over the address's share; every second,
 * closes the connections silent since they opened for longer than the headers timeout (Node's starts only with
 * the first byte), and those whose answers wait on the client longer than the write timeout or exceed the
 * unsent-bytes bound. Node's own timeouts (headers, request, keep-alive) cut the slow senders.
 */
export function guardConnections(server: Server, limits: ConnectionLimits, trusted: TrustedProxies) {
  server.maxConnections = limits.maxConnections;
  const perAddress = new Map<string, number>();
  const silent = new Map<Socket, number>();
  const inProgress = new Map<Socket, InProgress>();
  const stats: ConnectionStats = { open: 0, refusedPerAddress: 0, closedSlowReaders: 0 };

  server.on('connection', (socket: Socket) => {
    const address = normalizeAddress(socket.remoteAddress ?? 'unknown');
    stats.open++;
    silent.set(socket, performance.now());
    socket.once('close', () => {
      stats.open--;
      silent.delete(socket);
    });
    if (trusted.has(address)) return;
    const held = perAddress.get(address) ?? 0;
    if (held >= limits.maxConnectionsPerAddress) {
      stats.refusedPerAddress++;
      socket.destroy();
      return;
    }
    perAddress.set(address, held + 1);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });

  const sweep = setInterval(
    () => {
      const now = performance.now();
      closeSilent(silent, now, limits.headersTimeoutMs);
      closeSlowReaders(inProgress, now, limits, stats);
    },
    Math.min(1_000, limits.writeTimeoutMs, limits.headersTimeoutMs),
  );
  sweep.unref();
  server.once('close', () => clearInterval(sweep));

  return {
    /** Watches a response until it is fully handed to the client or its connection closes. */
    watch(req: IncomingMessage, res: ServerResponse): void {
      const socket = req.socket;
      let entry = inProgress.get(socket);
      if (!entry) {
        entry = { responses: new Set(), since: 0 };
        inProgress.set(socket, entry);
      }
      const responses = entry.responses;
      responses.add(res);
      const done = () => {
        responses.delete(res);
        if (responses.size === 0 && inProgress.get(socket)?.responses === responses) inProgress.delete(socket);
      };
      res.once('finish', done);
      res.once('close', done);
    },
    stats: (): ConnectionStats => ({ ...stats }),
  };
}

/** Requests in progress per client, refused past `limit`. */
export function createRequestCounter(limit: number) {
  const inFlight = new Map<string, number>();
  return {
    /** Takes a slot for `client`; false when it already holds `limit`. Release with {@link release}. */
    acquire(client: string): boolean {
      if (limit === 0) return true;
      const held = inFlight.get(client) ?? 0;
      if (held >= limit) return false;
      inFlight.set(client, held + 1);
      return true;
    },
    release(client: string): void {
      if (limit === 0) return;
      const left = (inFlight.get(client) ?? 1) - 1;
      if (left === 0) inFlight.delete(client);
      else inFlight.set(client, left);
    },
  };
}
