import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { ErrorCode } from './contract/errors.ts';
import { logger } from './logger.ts';

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
  /** Answers `GET /health`; a rejection reports 503. Default: always healthy. */
  health?: () => Promise<Record<string, unknown>>;
  /**
   * Routes served before GraphQL (the gateway's explorer assets and `/metrics`): returns true when it answered
   * the request itself.
   */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A running HTTP server: where it listens and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

class BodyTooLargeError extends Error {}

/**
 * Reads a request body up to `limit` bytes. Past the limit it keeps draining (without buffering) so that the
 * client still receives the 413 answer, and only cuts the connection of a client sending far more.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
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

/**
 * Serves an ApolloServer over plain node:http: GraphQL on every path but `/health`, with a request-size
 * limit (oversized queries get a GraphQL error, not a dropped socket) and a graceful stop.
 * Written against `executeHTTPGraphQLRequest`, the documented integration point of Apollo Server.
 */
export async function listenGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ListenOptions<TContext>,
): Promise<RunningServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  await server.start();

  const httpServer = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error while serving a request');
      if (!res.headersSent) sendGraphQLError(res, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') {
      try {
        sendJson(res, 200, { status: 'ok', ...(await (options.health?.() ?? Promise.resolve({}))) });
      } catch (error) {
        sendJson(res, 503, { status: 'unavailable', reason: error instanceof Error ? error.message : 'unknown' });
      }
      return;
    }

    if (options.extraRoutes?.(req, res)) return;

    let body: unknown;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendGraphQLError(res, 413, `${error.message}: send a smaller query or a persisted operation`, ErrorCode.QUERY_TOO_COMPLEX);
          return;
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.includes('application/json')) {
        try {
          body = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          sendGraphQLError(res, 400, 'Request body is not valid JSON', ErrorCode.BAD_USER_INPUT);
          return;
        }
      } else {
        body = text;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    };
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
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
