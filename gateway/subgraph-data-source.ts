import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind } from 'graphql';
import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import { ErrorCode } from '../subgraphs/common/contract/index.ts';
import { SIGNATURE_HEADER } from '../subgraphs/common/request-signature.ts';
import { CircuitBreaker } from './circuit-breaker.ts';

/** Options of {@link SubgraphDataSource}. */
export interface SubgraphDataSourceOptions<TContext> {
  /** The subgraph's name, for errors that name it. */
  name: string;
  url: string;
  /** How long one fetch may take (until the whole response is read), in ms. */
  timeoutMs: number;
  /** HTTP connection pool shared by the gateway's data sources. */
  agent: Agent;
  /** Headers of the client's request to pass on to the subgraph (the shopper's market). */
  forwardedHeaders: (context: TContext) => Record<string, string>;
  /**
   * When the client's whole request must be answered (`performance.now()` milliseconds), if it has a deadline:
   * no fetch runs past it. Default: none, each fetch gets `timeoutMs`.
   */
  deadline?: (context: TContext) => number | undefined;
  /** The subgraph's circuit breaker. Default: a new one with its defaults (5 failures, 5 s cool-down). */
  breaker?: CircuitBreaker;
  /**
   * Wraps the fetch-shaped send (metrics time it, tracing adds `traceparent` to its headers). The wrapper sees
   * `(url, { method, headers, body })` and a response with `status`, as it would around `fetch`.
   */
  wrapSend?: (send: SubgraphSend) => SubgraphSend;
  /** Signs a request body: the value of the {@link SIGNATURE_HEADER} header subgraphs check. Default: unsigned. */
  signBody?: (body: string) => string;
  /**
   * Share one fetch among identical queries in flight at once (default true): see {@link SubgraphDataSource}.
   * Never mutations.
   */
  deduplicateQueries?: boolean;
}

/** What a send answered: the status, headers and whole body. */
type SendAnswer = Awaited<ReturnType<SubgraphSend>>;

/** A fetch-shaped send to a subgraph: what `wrapSend` wrappers see. `timeoutMs` bounds this one fetch. */
export type SubgraphSend = (
  url: string,
  init: { method: string; headers: Record<string, string> | Headers; body: string; timeoutMs?: number },
) => Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>;

/** A failed send: a GraphQL error naming the service, telling whether the deadline (not the network) ended it. */
class SendFailure extends GraphQLError {
  timedOut = false;
}

/** An HTTP connection pool to the subgraphs: kept alive, so a request costs no connection set-up. */
export function createSubgraphAgent(): Agent {
  return new Agent({ keepAliveTimeout: 4_000, connections: 128, pipelining: 1 });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Apollo Gateway's data source for one subgraph (its documented `GraphQLDataSource` extension point), sending
 * over a pooled undici agent instead of the Fetch API: the stock data source builds Fetch `Request`, `Headers`
 * and stream objects per subgraph per request that the gateway never needs, its largest per-request cost.
 * Behaviour is the stock one's — the same request body (query, variables, operationName, extensions), the
 * market headers forwarded, non-2xx answers as `<status>: <text>` errors
 * carrying the subgraph's body in `extensions.response` — plus a deadline: a subgraph that does not answer in
 * time, or cannot be reached, costs only its own fields, reported as SERVICE_UNAVAILABLE naming it.
 */
export class SubgraphDataSource<TContext extends Record<string, unknown>> implements GraphQLDataSource<TContext> {
  readonly #options: SubgraphDataSourceOptions<TContext>;
  readonly #send: SubgraphSend;
  readonly breaker: CircuitBreaker;
  /** Fetches of queries in flight, by what the subgraph sees of them (headers and body); absent: no sharing. */
  readonly #inFlight: Map<string, Promise<SendAnswer>> | undefined;
  /** Fetches answered by joining an identical one in flight instead of sending their own. */
  sharedFetches = 0;

  constructor(options: SubgraphDataSourceOptions<TContext>) {
    this.#options = options;
    this.breaker = options.breaker ?? new CircuitBreaker();
    const send = createSend(options);
    this.#send = options.wrapSend ? options.wrapSend(send) : send;
    this.#inFlight = options.deduplicateQueries === false ? undefined : new Map();
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const { name } = this.#options;
    const { http: _http, ...operation } = options.request;
    if (!operation.query) throw new Error('Missing query');
    const context = options.context as TContext;
    const deadline = this.#options.deadline?.(context);
    const left = deadline === undefined ? Infinity : Math.floor(deadline - performance.now());
    // The client's whole-request deadline bounds every fetch; a fetch cut short by it says nothing about the
    // subgraph's health, so only a fetch given the subgraph's full timeout counts against its breaker.
    const timeoutMs = Math.min(this.#options.timeoutMs, left);
    const cutByDeadline = timeoutMs < this.#options.timeoutMs;
    if (timeoutMs <= 0) {
      throw new GraphQLError(`The request ran out of time before the ${name} service was asked; its fields are null.`, {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: name, reason: 'REQUEST_DEADLINE' },
      });
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [header, value] of Object.entries(this.#options.forwardedHeaders(options.context as TContext))) headers[header] = value;
    const body = JSON.stringify(operation);
    // What the subgraph sees of this fetch, before it is signed: two queries alike in it get the same answer. (A
    // header value holds no line break, so the lines cannot run into each other or into the body.)
    let sharedKey: string | undefined;
    if (this.#inFlight && isQuery(options)) {
      sharedKey = '';
      for (const header in headers) sharedKey += `${header}: ${headers[header]}\n`;
      sharedKey += body;
    }
    const inFlight = sharedKey === undefined ? undefined : this.#inFlight!.get(sharedKey);
    let answer: SendAnswer;
    if (inFlight) {
      this.sharedFetches++;
      answer = await withinTime(inFlight, timeoutMs, name);
    } else {
      const sending = this.#sendCounted(headers, body, timeoutMs, cutByDeadline);
      if (sharedKey !== undefined) {
        this.#inFlight!.set(sharedKey, sending);
        const forget = () => this.#inFlight!.delete(sharedKey);
        sending.then(forget, forget);
      }
      answer = await sending;
    }
    const { status, headers: responseHeaders, text } = answer;
    const statusText = STATUS_TEXT[status] ?? '';
    const contentType = String(responseHeaders['content-type'] ?? '');
    const isJson = contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');
    // Parsed for each request: the gateway merges and rewrites the objects of an answer in place.
    const parsed: unknown = isJson ? JSON.parse(text) : text;
    if (status < 200 || status >= 300) {
      // The stock data source's error shape: the gateway's error formatter relays a subgraph's client error
      // (e.g. BAD_USER_INPUT naming an unknown country) from `extensions.response.body`.
      throw new GraphQLError(`${status}: ${statusText}`, {
        extensions: { response: { url: this.#options.url, status, statusText, body: parsed } },
      });
    }
    if (typeof parsed !== 'object' || parsed === null) {
      throw new Error(`Expected a JSON response body from the ${name} service, but received: ${String(parsed).slice(0, 64)}`);
    }
    return parsed as GatewayGraphQLResponse;
  }

  /** Sends one fetch through the circuit breaker, and tells the breaker how it went. */
  async #sendCounted(headers: Record<string, string>, body: string, timeoutMs: number, cutByDeadline: boolean): Promise<SendAnswer> {
    const { name } = this.#options;
    if (!this.breaker.tryAcquire()) {
      const retryAfterSeconds = Math.max(1, Math.ceil(this.breaker.retryAfterMs() / 1_000));
      throw new GraphQLError(
        `The ${name} service is failing; its circuit is open, so its fields are null without asking it. Retry in ${retryAfterSeconds} s.`,
        { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: name, reason: 'CIRCUIT_OPEN', retryAfterSeconds } },
      );
    }
    const signed = this.#options.signBody ? { ...headers, [SIGNATURE_HEADER]: this.#options.signBody(body) } : headers;
    let answer: SendAnswer;
    try {
      answer = await this.#send(this.#options.url, { method: 'POST', headers: signed, body, timeoutMs });
    } catch (error) {
      if (error instanceof SendFailure && error.timedOut && cutByDeadline) this.breaker.release();
      else this.breaker.recordFailure();
      throw error;
    }
    // A 5xx is the subgraph failing; anything else (including a 4xx for a client's mistake) shows it answering.
    if (answer.status >= 500) this.breaker.recordFailure();
    else this.breaker.recordSuccess();
    return answer;
  }
}

/** Whether the subgraph operation only reads: a query (never a mutation, which must run once per request). */
function isQuery(options: GraphQLDataSourceProcessOptions<Record<string, unknown>>): boolean {
  const document = 'document' in options ? options.document : undefined;
  const definition = document?.definitions.find((node) => node.kind === Kind.OPERATION_DEFINITION);
  if (definition) return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'query';
  return /^\s*(?:query\b|\{)/.test(options.request.query ?? '');
}

/**
 * Waits for a fetch another request started, for no longer than this request may: it shares that fetch's answer or
 * failure, and gives up on its own deadline as its own fetch would.
 */
function withinTime(sending: Promise<SendAnswer>, timeoutMs: number, name: string): Promise<SendAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(sendFailure(name, true, timeoutMs, new SendTimeout(`no answer within ${timeoutMs} ms`)));
    }, timeoutMs);
    sending.then(
      (answer) => {
        clearTimeout(timer);
        resolve(answer);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // Each request gets its own error: the gateway attaches a request's path and locations to what it is given.
        reject(
          error instanceof GraphQLError
            ? new GraphQLError(error.message, {
                extensions: error.extensions,
                ...(error.originalError && { originalError: error.originalError }),
              })
            : error,
        );
      },
    );
  });
}

/** A send that failed: SERVICE_UNAVAILABLE naming the service, saying whether time (not the network) ended it. */
function sendFailure(name: string, timedOut: boolean, timeoutMs: number, error: unknown): SendFailure {
  const failure = new SendFailure(
    timedOut
      ? `The ${name} service did not answer within ${timeoutMs} ms; its fields are null. Retry shortly.`
      : `The ${name} service is unreachable; its fields are null. Retry shortly.`,
    { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: name }, originalError: error as Error },
  );
  failure.timedOut = timedOut;
  return failure;
}

/** The timer of one send ran out: its own timeout, or what was left of the client's deadline. */
class SendTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * The plain send over the pooled agent, bounded by `timeoutMs` (the fetch's own, or what is left of the client's
 * deadline); failures become SERVICE_UNAVAILABLE naming the service.
 *
 * It uses undici's `dispatch` (the documented handler API under `request`) with one plain timer: `request` wraps
 * every answer in a Readable stream and an async resource, and an `AbortSignal.timeout` per fetch arms a timer
 * that fires ten seconds later for every fetch long answered (building a DOMException each time) — the three
 * together were about a tenth of the gateway's CPU per listing request. The whole answer is buffered anyway.
 */
function createSend<TContext>(options: SubgraphDataSourceOptions<TContext>): SubgraphSend {
  const { name, agent } = options;
  const url = new URL(options.url);
  const origin = url.origin;
  const path = url.pathname + url.search;
  const failure = (error: unknown, timeoutMs: number): SendFailure =>
    sendFailure(
      name,
      error instanceof SendTimeout || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError,
      timeoutMs,
      error,
    );
  return (_url, init) => {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs;
    const headers = init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers;
    return new Promise((resolve, reject) => {
      let controller: Dispatcher.DispatchController | undefined;
      let settled = false;
      let status = 0;
      let responseHeaders: Record<string, string | string[] | undefined> = {};
      const chunks: Buffer[] = [];
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(failure(error, timeoutMs));
      };
      // Answers at the deadline even when no connection was ever made (the request still waits in the pool).
      const timer = setTimeout(() => {
        const timeout = new SendTimeout(`no answer within ${timeoutMs} ms`);
        fail(timeout);
        controller?.abort(timeout);
      }, timeoutMs);
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(started) {
          controller = started;
          if (settled) started.abort(new SendTimeout(`no answer within ${timeoutMs} ms`));
        },
        onResponseStart(_controller, statusCode, parsedHeaders) {
          // 1xx answers are informational: the real one follows.
          if (statusCode < 200) return;
          status = statusCode;
          responseHeaders = parsedHeaders as Record<string, string | string[] | undefined>;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status,
            headers: responseHeaders,
            text: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
          });
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      };
      try {
        agent.dispatch(
          { origin, path, method: 'POST', headers, body: init.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
          handler,
        );
      } catch (error) {
        fail(error);
      }
    });
  };
}
