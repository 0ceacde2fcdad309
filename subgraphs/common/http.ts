import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { ErrorCode } from './contract/errors.ts';
import { withinDeadline } from './deadline.ts';
import { logger } from './logger.ts';
import { traceServerRequest } from './telemetry.ts';
import { queryNestingDepth } from './query-nesting.ts';
import { clientAddressOf, type TrustedProxies } from './client-address.ts';
import {
  createRequestCounter,
  guardConnections,
  SUBGRAPH_CONNECTION_LIMITS,
  type ConnectionLimits,
  type ConnectionStats,
} from './connection-guard.ts';
import { SIGNATURE_HEADER, verifyBody } from './request-signature.ts';
import type { FastPath } from './fast-path.ts';

/** Options of {@link listenGraphQL}. */
export interface ListenOptions<TContext extends BaseContext> {
  /** Port to bind; 0 picks a free one. */
  port: number;
  /** Host to bind. Default `127.0.0.1`. */
  host?: string;
  /** Builds the per-request context (loaders, market) from the incoming request. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest request body accepted, in bytes. Default 64 KiB: larger queries are refused with 413. */
  maxBodyBytes?: number;
  /** Answers `GET /health` (the process is alive); a rejection reports 503. Default: always healthy. */
  health?: () => Promise<Record<string, unknown>>;
  /**
   * Runs each request in an OpenTelemetry server span continuing the caller's `traceparent` (subgraphs, when
   * tracing is on; the gateway has its own span in the partner edge). Default false.
   */
  traceRequests?: boolean;
  /**
   * Routes served before GraphQL (the gateway's explorer assets and `/metrics`): returns true when it answered
   * the request itself.
   */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Answers `GET /ready` (the part can serve: supergraph loaded, database reachable); a rejection, or no answer
   * within `probeTimeoutMs`, reports 503. Default: ready once listening.
   */
  ready?: () => Promise<Record<string, unknown>>;
  /** How long `/health` and `/ready` may take before they answer 503, in ms. Default 1 000. */
  probeTimeoutMs?: number;
  /**
   * Connection limits and timeouts (see `connection-guard.ts`); unset ones take {@link SUBGRAPH_CONNECTION_LIMITS}
   * (the gateway passes its own defaults).
   */
  limits?: Partial<ConnectionLimits>;
  /** Load balancers whose `X-Forwarded-For` names the client (per-client limits). Default: none. */
  trustedProxies?: TrustedProxies;
  /** The API key a request presents, if any: requests in progress are also counted per key. Default: none. */
  clientKeyOf?: (req: IncomingMessage) => string | undefined;
  /**
   * The shared secret every GraphQL request must be signed with (`x-meridian-signature`, see
   * `request-signature.ts`): a subgraph answers only its gateway. Probes are not signed. Default: none checked.
   */
  requestSecret?: string;
  /** Deepest bracket nesting of a query text, checked before parsing. Default 64. */
  maxQueryNesting?: number;
  /**
   * The server's fast path (`fast-path.ts`, built with the server by `createSubgraphServer`): tried first for every
   * GraphQL request; what it does not answer goes to Apollo Server. Default none: Apollo Server answers all.
   */
  fastPath?: FastPath<TContext>;
}

/**
 * Largest request body a subgraph accepts. Larger than a client's: the gateway's plan for one small client
 * request carries every entity's representation (about 700 bytes each with the fields pricing requires), and
 * the gateway's cost limit admits hundreds of entities in one fetch.
 */
export const SUBGRAPH_MAX_BODY_BYTES = 1024 * 1024;

/** The query texts of a GraphQL request (a POST body, or the `query` search parameter of a GET). */
function queryTextsOf(body: unknown, search: string): string[] {
  const texts: string[] = [];
  const query = search === '' ? null : new URLSearchParams(search).get('query');
  if (query) texts.push(query);
  for (const item of Array.isArray(body) ? body : [body]) {
    if (item && typeof item === 'object' && typeof (item as { query?: unknown }).query === 'string')
      texts.push((item as { query: string }).query);
  }
  return texts;
}

/**
 * The path and search (`?…`, or '') of a request target, as `new URL(target, base)` gives them. The targets
 * every GraphQL POST uses (`/graphql`, `/`) need no parsing, sparing a URL object per request; anything else
 * (dot segments, escapes, absolute forms) goes through the URL parser.
 */
export function pathAndSearchOf(target: string | undefined): { pathname: string; search: string } {
  if (target === '/graphql' || target === '/' || target === '/health' || target === '/ready') return { pathname: target, search: '' };
  const url = new URL(target ?? '/', 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/** A running HTTP server: where it listens and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** What the connection guard holds and has refused so far. */
  connections(): ConnectionStats;
  stop(): Promise<void>;
}

class BodyTooLargeError extends Error {}
class BodyTimeoutError extends Error {}

/**
 * Reads a request body up to `limit` bytes. Past the limit it keeps draining (without buffering) so that the
 * client still receives the 413 answer, and only cuts the connection of a client sending far more.
 */
function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Node's own requestTimeout is checked only every few seconds; this cuts a trickled body off on time.
    const timer = setTimeout(() => reject(new BodyTimeoutError(`Request body not received within ${timeoutMs} ms`)), timeoutMs);
    req.once('close', () => clearTimeout(timer));
    req.once('end', () => clearTimeout(timer));
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16) req.destroy();
    });
    req.on('end', () => {
      if (size > limit) reject(new BodyTooLargeError(`Request body exceeds ${limit} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Resolves when `res` can take more (drain) or is gone (close). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Marks a request already answered by a step of {@link listenGraphQL}'s handler. */
const ANSWERED = Symbol('answered');

/** Answers `GET /health` or `/ready` with its probe's result, or 503 when it fails or does not answer in time. */
async function answerProbe(
  res: ServerResponse,
  probe: (() => Promise<Record<string, unknown>>) | undefined,
  what: string,
  timeoutMs: number,
): Promise<void> {
  try {
    sendJson(res, 200, { status: 'ok', ...(await withinDeadline(probe?.() ?? Promise.resolve({}), timeoutMs, what)) });
  } catch (error) {
    sendJson(res, 503, { status: 'unavailable', reason: error instanceof Error ? error.message : 'unknown' });
  }
}

/**
 * Refuses (401 without a signature, 403 with a wrong or stale one) a request not signed with `secret` over its
 * body, before anything parses it. The codes are the gateway's partner edge's.
 */
function refusedUnsigned(req: IncomingMessage, res: ServerResponse, secret: string, body: string): boolean {
  const check = verifyBody(secret, body, req.headers[SIGNATURE_HEADER]);
  if (check === 'ok') return false;
  res.shouldKeepAlive = false;
  if (check === 'missing') {
    sendGraphQLError(
      res,
      401,
      'This service answers only requests signed by the Meridian gateway: send queries to the gateway.',
      'UNAUTHENTICATED',
    );
  } else {
    const why =
      check === 'expired'
        ? 'is too old (the clocks of the gateway and this service disagree by more than 5 minutes)'
        : 'does not match the request (the gateway and this service must share the same SUBGRAPH_SHARED_SECRET)';
    sendGraphQLError(res, 403, `The request's ${SIGNATURE_HEADER} signature ${why}.`, 'FORBIDDEN');
  }
  return true;
}

/** The request's body text ('' for a GET); answers 413 (too large) or 408 (too slow) itself and returns {@link ANSWERED}. */
async function readRequestText(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  requestTimeoutMs: number,
): Promise<string | typeof ANSWERED> {
  if (req.method !== 'POST') return '';
  try {
    return await readBody(req, maxBodyBytes, requestTimeoutMs);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendGraphQLError(res, 413, `${error.message}: send a smaller query or a persisted operation`, ErrorCode.QUERY_TOO_COMPLEX);
      return ANSWERED;
    }
    if (error instanceof BodyTimeoutError) {
      res.shouldKeepAlive = false;
      sendGraphQLError(res, 408, error.message, ErrorCode.BAD_REQUEST);
      req.destroy();
      return ANSWERED;
    }
    throw error;
  }
}

/**
 * The request's body: parsed JSON when sent as JSON, else the text; undefined for a GET. Answers 413 (too large),
 * 408 (too slow), 401/403 (not signed, when a secret is required) or 400 (malformed JSON) itself and returns
 * {@link ANSWERED}.
 */
async function readRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  settings: { maxBodyBytes: number; requestTimeoutMs: number; requestSecret: string | undefined },
): Promise<unknown> {
  const text = await readRequestText(req, res, settings.maxBodyBytes, settings.requestTimeoutMs);
  if (text === ANSWERED) return ANSWERED;
  if (settings.requestSecret !== undefined && refusedUnsigned(req, res, settings.requestSecret, text)) return ANSWERED;
  if (req.method !== 'POST') return undefined;
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.includes('application/json')) return text;
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    sendGraphQLError(res, 400, 'Request body is not valid JSON', ErrorCode.BAD_USER_INPUT);
    return ANSWERED;
  }
}

/** Refuses (400) a query text nesting brackets deeper than `maxQueryNesting`, before anything parses it. */
function refusedForNesting(res: ServerResponse, body: unknown, search: string, maxQueryNesting: number): boolean {
  for (const text of queryTextsOf(body, search)) {
    if (queryNestingDepth(text, maxQueryNesting) > maxQueryNesting) {
      sendGraphQLError(res, 400, `The query nests brackets more than ${maxQueryNesting} deep`, ErrorCode.QUERY_TOO_COMPLEX);
      return true;
    }
  }
  return false;
}

/** Hands the request to Apollo Server and writes its answer. */
async function executeThroughApollo<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  request: { search: string; body: unknown; createContext: () => Promise<TContext> },
): Promise<void> {
  const headers = new HeaderMap();
  const incoming = req.headers;
  for (const key in incoming) {
    const value = incoming[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: request.search,
    body: request.body,
  };
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: request.createContext,
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  // Incremental answers wait for a slow reader rather than piling up in memory; the connection guard closes
  // one that stops reading, which ends the wait.
  for await (const chunk of response.body.asyncIterator) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

/** The identities a request's in-progress count is kept under: its client address, and its API key if it shows one. */
function requestClientsOf<TContext extends BaseContext>(req: IncomingMessage, options: ListenOptions<TContext>): string[] {
  const clients = [`ip:${clientAddressOf(req, options.trustedProxies ?? NO_TRUSTED_PROXIES)}`];
  const key = options.clientKeyOf?.(req);
  if (key) clients.push(`key:${key.slice(0, 128)}`);
  return clients;
}

const NO_TRUSTED_PROXIES: TrustedProxies = { has: () => false, empty: true };

/** Answers 429 when one of `clients` already has its share of requests in progress; else takes a slot for each. */
function refusedForConcurrency(
  res: ServerResponse,
  counter: ReturnType<typeof createRequestCounter>,
  clients: string[],
  limit: number,
): boolean {
  const taken: string[] = [];
  for (const client of clients) {
    if (counter.acquire(client)) {
      taken.push(client);
      continue;
    }
    for (const held of taken) counter.release(held);
    res.setHeader('retry-after', '1');
    sendGraphQLError(
      res,
      429,
      `Too many requests in progress at once from this client (at most ${limit}): wait for answers before sending more.`,
      ErrorCode.RATE_LIMITED,
    );
    return true;
  }
  return false;
}

/** The handler of every request: probes, extra routes, body limits and signature, nesting check, the fast path, then Apollo Server. */
function requestHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ListenOptions<TContext>,
  limits: ConnectionLimits,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const bodySettings = {
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    requestTimeoutMs: limits.requestTimeoutMs,
    requestSecret: options.requestSecret,
  };
  const maxQueryNesting = options.maxQueryNesting ?? 64;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1_000;
  return async (req, res) => {
    const { pathname, search } = pathAndSearchOf(req.url);
    if (pathname === '/health') return answerProbe(res, options.health, 'health check', probeTimeoutMs);
    if (pathname === '/ready') return answerProbe(res, options.ready, 'readiness check', probeTimeoutMs);
    if (options.extraRoutes?.(req, res)) return;
    const body = await readRequestBody(req, res, bodySettings);
    if (body === ANSWERED || refusedForNesting(res, body, search, maxQueryNesting)) return;

    const createContext = () => options.context(req);
    const answer = await options.fastPath?.answer({ method: req.method, search, headers: req.headers, body }, createContext);
    if (answer) {
      for (const [key, value] of answer.headers) res.setHeader(key, value);
      res.statusCode = answer.status;
      res.end(answer.body);
      return;
    }
    await executeThroughApollo(server, req, res, { search, body, createContext });
  };
}

/**
 * Counts each request in progress under its client (address, and API key if it shows one) and answers 429 past
 * `maxRequestsPerClient`, then hands it to `handle`. Probes and static routes count too: they are requests.
 */
function limitRequestsPerClient<TContext extends BaseContext>(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: ListenOptions<TContext>,
  limit: number,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  if (limit === 0) return handle;
  const counter = createRequestCounter(limit);
  return async (req, res) => {
    const clients = requestClientsOf(req, options);
    if (refusedForConcurrency(res, counter, clients, limit)) return;
    try {
      await handle(req, res);
    } finally {
      for (const client of clients) counter.release(client);
    }
  };
}

/**
 * Serves an ApolloServer over plain node:http: GraphQL on every path but `/health` and `/ready`, with a
 * request-size limit (oversized queries get a GraphQL error, not a dropped socket) and a graceful stop.
 * Written against `executeHTTPGraphQLRequest`, the documented integration point of Apollo Server.
 */
export async function listenGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ListenOptions<TContext>,
): Promise<RunningServer> {
  await server.start();
  const limits: ConnectionLimits = { ...SUBGRAPH_CONNECTION_LIMITS, ...options.limits };
  const handle = limitRequestsPerClient(requestHandler(server, options, limits), options, limits.maxRequestsPerClient);
  const httpServer = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks headersTimeout/requestTimeout (default 30 s): often enough to act on time.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      guard.watch(req, res);
      const served = options.traceRequests ? traceServerRequest('graphql.request', req.headers, () => handle(req, res)) : handle(req, res);
      void served.catch((error: unknown) => {
        logger.error({ err: error }, 'unhandled error while serving a request');
        if (!res.headersSent) sendGraphQLError(res, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
        else res.end();
      });
    },
  );
  const guard = guardConnections(httpServer, limits, options.trustedProxies ?? NO_TRUSTED_PROXIES);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}/graphql`,
    port,
    connections: guard.stats,
    async stop() {
      httpServer.closeIdleConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
    },
  };
}
