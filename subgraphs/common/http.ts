import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { ErrorCode } from './contract/errors.ts';
import { withinDeadline } from './deadline.ts';
import { logger } from './logger.ts';
import { traceServerRequest } from './telemetry.ts';
import { queryNestingDepth } from './query-nesting.ts';

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
  /** How long a client may take to send its request headers, in ms. Default 10 000. */
  headersTimeoutMs?: number;
  /**
   * How long a client may take to send its whole request (headers and body), in ms; a body trickled slower is
   * answered 408 and the connection closed. Default 10 000.
   */
  requestTimeoutMs?: number;
  /** How long an idle kept-alive connection stays open, in ms. Default 5 000. */
  keepAliveTimeoutMs?: number;
  /** Most connections open at once; more are refused at accept. Default 1 024. */
  maxConnections?: number;
  /** Deepest bracket nesting of a query text, checked before parsing. Default 64. */
  maxQueryNesting?: number;
}

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

/**
 * A subgraph's direct path past Apollo Server's request pipeline (`compiled-executor.ts`): answers a plain POST
 * itself, or returns the context to hand to Apollo Server, or `undefined` (Apollo Server takes the request whole).
 */
export interface DirectPath {
  answerDirectly<TContext extends object>(
    post: unknown,
    createContext: () => Promise<TContext>,
  ): Promise<{ json: string } | { delegate: TContext } | undefined>;
}

const directPaths = new WeakMap<object, DirectPath>();

/** Makes {@link listenGraphQL} try `path` first for the plain POSTs sent to `server`. */
export function serveDirectly(server: ApolloServer<any>, path: DirectPath): void {
  directPaths.set(server, path);
}

/**
 * Whether Apollo Server would answer this request as JSON (`application/json; charset=utf-8`) without further
 * negotiation: a POST without a search string, sent as JSON, accepting anything or JSON. The direct path takes only
 * these; other accept headers, content types and GETs go through Apollo Server.
 */
function isPlainJsonPost(req: IncomingMessage, search: string): boolean {
  if (req.method !== 'POST' || search !== '') return false;
  const contentType = req.headers['content-type'];
  if (contentType !== 'application/json' && contentType !== 'application/json; charset=utf-8') return false;
  const accept = req.headers.accept;
  return accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json';
}

/** A running HTTP server: where it listens and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
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
 * The request's body: parsed JSON when sent as JSON, else the text; undefined for a GET. Answers 413 (too large),
 * 408 (too slow) or 400 (malformed JSON) itself and returns {@link ANSWERED}.
 */
async function readRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
  requestTimeoutMs: number,
): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  let text: string;
  try {
    text = await readBody(req, maxBodyBytes, requestTimeoutMs);
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
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The handler of every request: probes, extra routes, body limits, nesting check, the direct path, then Apollo Server. */
function requestHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ListenOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxQueryNesting = options.maxQueryNesting ?? 64;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1_000;
  return async (req, res) => {
    const { pathname, search } = pathAndSearchOf(req.url);
    if (pathname === '/health') return answerProbe(res, options.health, 'health check', probeTimeoutMs);
    if (pathname === '/ready') return answerProbe(res, options.ready, 'readiness check', probeTimeoutMs);
    if (options.extraRoutes?.(req, res)) return;
    const body = await readRequestBody(req, res, maxBodyBytes, requestTimeoutMs);
    if (body === ANSWERED || refusedForNesting(res, body, search, maxQueryNesting)) return;

    let createContext = () => options.context(req);
    const direct = directPaths.get(server);
    if (direct && isPlainJsonPost(req, search)) {
      const answer = await direct.answerDirectly(body, createContext);
      if (answer && 'json' in answer) {
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(answer.json);
        return;
      }
      if (answer) createContext = () => Promise.resolve(answer.delegate);
    }
    await executeThroughApollo(server, req, res, { search, body, createContext });
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
  const handle = requestHandler(server, options);
  const httpServer = http.createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // How often Node checks headersTimeout/requestTimeout (default 30 s): often enough to act on time.
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const served = options.traceRequests ? traceServerRequest('graphql.request', req.headers, () => handle(req, res)) : handle(req, res);
      void served.catch((error: unknown) => {
        logger.error({ err: error }, 'unhandled error while serving a request');
        if (!res.headersSent) sendGraphQLError(res, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
        else res.end();
      });
    },
  );
  httpServer.maxConnections = options.maxConnections ?? 1_024;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = httpServer.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}/graphql`,
    port,
    async stop() {
      httpServer.closeIdleConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await server.stop();
    },
  };
}
