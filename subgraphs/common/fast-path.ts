import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  HeaderMap,
  type ApolloServer,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestContext,
  type GraphQLRequestExecutionListener,
  type GraphQLRequestListener,
} from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import type { CompiledExecution } from './compiled-executor.ts';
import { createMemoCache, memoize } from './memo-cache.ts';

/**
 * The request hooks the fast path runs, in Apollo Server's order and with its arguments. A plugin's request
 * listener may have only these; the fast path refuses a request whose listener has another (see
 * {@link createFastPath}).
 */
const RUN_REQUEST_HOOKS = ['didResolveSource', 'didResolveOperation', 'executionDidStart', 'didEncounterErrors', 'willSendResponse'];
/** The execution hook the fast path runs (not `willResolveField`: compiled queries call no per-field hook). */
const RUN_EXECUTION_HOOKS = ['executionDidEnd'];

/** A request listener of the hooks the fast path runs. */
export type FastPathRequestListener<TContext extends BaseContext> = Pick<
  GraphQLRequestListener<TContext>,
  'didResolveSource' | 'didResolveOperation' | 'didEncounterErrors' | 'willSendResponse'
> & {
  executionDidStart?(
    ...args: Parameters<NonNullable<GraphQLRequestListener<TContext>['executionDidStart']>>
  ): Promise<Pick<GraphQLRequestExecutionListener<TContext>, 'executionDidEnd'> | void>;
};

/**
 * An Apollo Server plugin a subgraph may register: server hooks as Apollo Server runs them, request hooks only
 * those the fast path runs too, so that every request runs every hook whichever path answers it.
 */
export type SubgraphPlugin<TContext extends BaseContext> = Omit<ApolloServerPlugin<TContext>, 'requestDidStart'> & {
  requestDidStart?(requestContext: GraphQLRequestContext<TContext>): Promise<FastPathRequestListener<TContext> | void>;
};

/** Options of {@link createFastPath}: the server's own execution, plugins and error formatting. */
export interface FastPathOptions<TContext extends BaseContext> {
  /** The Apollo Server whose requests the fast path answers (its logger and cache go to the plugins). */
  server: ApolloServer<TContext>;
  /** The compiled executor Apollo Server runs too (`compiled-executor.ts`). */
  execution: CompiledExecution;
  /** The plugins registered with the server; their request hooks run on the fast path too. */
  plugins: readonly SubgraphPlugin<TContext>[];
  /** The server's `formatError`. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The server's `includeStacktraceInErrorResponses`. */
  includeStacktraceInErrorResponses: boolean;
}

/** The parts of an HTTP request the fast path reads: it takes no stream, the body is already read. */
export interface FastPathRequest {
  method: string | undefined;
  /** The search string of the target (`?…`, or ''). */
  search: string;
  headers: IncomingHttpHeaders;
  /** The body, parsed when sent as JSON. */
  body: unknown;
}

/** An answer to write: status, headers (content-type among them) and body. */
export interface FastPathAnswer {
  status: number;
  headers: HeaderMap;
  body: string;
}

/** A subgraph's fast path (see {@link createFastPath}); `listenGraphQL` takes it as its `fastPath` option. */
export interface FastPath<TContext extends BaseContext> {
  /** How many requests it answered (tests, benches). */
  readonly stats: { answered: number };
  /** Answers a request it supports; undefined (nothing run, no context built) for Apollo Server to answer. */
  answer(request: FastPathRequest, createContext: () => Promise<TContext>): Promise<FastPathAnswer | undefined>;
}

/** A POST body of the shape the fast path answers: a query text, variables, an operation name. */
interface PlainPostBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** A parsed and validated query text, with the hash Apollo Server gives plugins as `queryHash`. */
interface KnownDocument {
  document: DocumentNode;
  queryHash: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/** Total length of the query texts the fast path keeps parsed (the gateway sends a few dozen shapes). */
const MAX_QUERY_CHARS = 4 * 1024 * 1024;

/** The response type each `Accept` header negotiates: clients send a handful of distinct headers. */
const responseTypes = createMemoCache<string>('fastPath.responseType', 200);

/**
 * The content type Apollo Server answers a single result with for this `Accept` header (its negotiation, the
 * GraphQL-over-HTTP spec's two types), or '' when it would answer another (the JSONP-style callback type, or 406).
 */
function responseTypeOf(accept: string | undefined): string {
  if (accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json') return JSON_TYPE;
  return memoize(responseTypes, accept, () => {
    const preferred = new Negotiator({ headers: { accept } }).mediaType([
      JSON_TYPE,
      GRAPHQL_RESPONSE_TYPE,
      'application/json; callback=?', // listed so a client preferring it is left to Apollo Server
    ]);
    return preferred === JSON_TYPE || preferred === GRAPHQL_RESPONSE_TYPE ? preferred : '';
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * The body of a POST the fast path may answer: an object with a non-empty string `query`, `variables` an object
 * (or null or absent), `operationName` a string (or null or absent), and nothing else (no `extensions`, so no
 * persisted queries).
 */
export function plainPostBodyOf(body: unknown): PlainPostBody | undefined {
  if (!isRecord(body)) return undefined;
  for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query === '') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return body as unknown as PlainPostBody;
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType === 'application/json' || contentType === 'application/json; charset=utf-8';
}

/** The names of a listener's methods, its class's included (a listener may be a class instance). */
function hookNamesOf(listener: object): string[] {
  const names: string[] = [];
  for (let level: object | null = listener; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (name !== 'constructor' && typeof (listener as Record<string, unknown>)[name] === 'function') names.push(name);
    }
  }
  return names;
}

/** Throws when a plugin's listener has a hook the fast path does not run: it would silently be skipped. */
function assertRunnable(listener: object, runs: readonly string[], kind: string): void {
  for (const hook of hookNamesOf(listener)) {
    if (!runs.includes(hook)) {
      throw new Error(
        `A plugin's ${kind} listener has "${hook}", which the subgraph fast path (subgraphs/common/fast-path.ts) does not run; ` +
          `it runs only ${runs.join(', ')}. Remove the hook or teach the fast path to run it.`,
      );
    }
  }
}

/**
 * Throws (the subgraph does not start) for one of Apollo Server's own plugins with request hooks: each has hooks
 * the fast path does not run (per-field trace and cache-hint hooks, validation hooks, usage reporting's many).
 * A disabled marker (`ApolloServerPlugin…Disabled()`) has none and is accepted.
 */
function refuseApolloRequestPlugin(plugin: object): void {
  const internal = plugin as { __internal_plugin_id__?: string; __is_disabled_plugin__?: boolean; requestDidStart?: unknown };
  if (internal.__internal_plugin_id__ === undefined || internal.__is_disabled_plugin__ || !internal.requestDidStart) return;
  throw new Error(
    `Apollo Server's ${internal.__internal_plugin_id__} plugin has request hooks the subgraph fast path (subgraphs/common/fast-path.ts) ` +
      `does not run (it runs only ${RUN_REQUEST_HOOKS.join(', ')} and ${RUN_EXECUTION_HOOKS.join(', ')}): a subgraph does not start with it.`,
  );
}

type CachePolicy = GraphQLRequestContext<BaseContext>['overallCachePolicy'];
type CacheHint = Parameters<CachePolicy['restrict']>[0];

/** The cache policy plugins see; subgraphs set no cache hints (cache control is off), so it stays uncacheable. */
function uncacheablePolicy(): CachePolicy {
  const policy: CachePolicy = {
    replace(hint: CacheHint) {
      Object.assign(policy, hint);
    },
    restrict(hint: CacheHint) {
      if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
      if (hint.scope === 'PRIVATE') policy.scope = 'PRIVATE';
    },
    policyIfCacheable() {
      return policy.maxAge === undefined || policy.maxAge <= 0 ? null : { maxAge: policy.maxAge, scope: policy.scope ?? 'PUBLIC' };
    },
  };
  return policy;
}

/** Apollo Server's test for a variable-coercion error, which it answers as BAD_USER_INPUT. */
function isVariableCoercionError(error: GraphQLError): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node?.kind !== Kind.VARIABLE_DEFINITION) return false;
  const name = node.variable.name.value;
  return ['has invalid value', 'got invalid value ', 'of required type ', 'of non-null type '].some((tail) =>
    error.message.startsWith(`Variable "$${name}" ${tail}`),
  );
}

/** The errors of a run as Apollo Server hands them to plugins: variable-coercion errors coded BAD_USER_INPUT. */
function errorsAsApolloSeesThem(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.map((error) =>
    isVariableCoercionError(error) && error.extensions?.code == null
      ? new GraphQLError(error.message, {
          nodes: error.nodes,
          originalError: error.originalError ?? error,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
        })
      : error,
  );
}

type RequestContext<TContext extends BaseContext> = {
  -readonly [K in keyof GraphQLRequestContext<TContext>]: GraphQLRequestContext<TContext>[K];
};

/**
 * Formats errors as Apollo Server does (`normalizeAndFormatErrors`): a GraphQLError for anything thrown, a
 * default `extensions.code`, an `extensions.http` taken out into the response's status and headers, a stack
 * trace when asked for, then the server's `formatError`.
 */
function formatErrors<TContext extends BaseContext>(
  errors: readonly unknown[],
  options: FastPathOptions<TContext>,
  http: RequestContext<TContext>['response']['http'],
): GraphQLFormattedError[] {
  const enrich = (thrown: unknown): GraphQLFormattedError => {
    const error = thrown instanceof GraphQLError ? thrown : asGraphQLError(thrown);
    const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
    const head = extensions.http as { status?: unknown; headers?: unknown } | undefined;
    if (
      head &&
      typeof head === 'object' &&
      (head.status === undefined || typeof head.status === 'number') &&
      (head.headers === undefined || head.headers instanceof Map)
    ) {
      if (typeof head.status === 'number') http.status = head.status;
      if (head.headers instanceof Map) for (const [name, value] of head.headers) http.headers.set(name, value);
      delete extensions.http;
    }
    if (options.includeStacktraceInErrorResponses) extensions.stacktrace = error.stack?.split('\n');
    return { ...error.toJSON(), extensions };
  };
  return errors.map((error) => {
    try {
      return options.formatError(enrich(error), error);
    } catch (formattingError) {
      if (options.includeStacktraceInErrorResponses) return enrich(formattingError);
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
}

function asGraphQLError(thrown: unknown): GraphQLError {
  if (thrown instanceof GraphQLError) return thrown;
  const error = thrown instanceof Error ? thrown : new GraphQLError(`Unexpected error value: ${String(thrown)}`);
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
}

/** What the fast path knows of a request it answers, once it has decided to. */
interface AcceptedRequest<TContext extends BaseContext> {
  request: FastPathRequest;
  body: PlainPostBody;
  known: KnownDocument;
  operation: OperationDefinitionNode;
  contentType: string;
  context: TContext;
}

/** The request context Apollo Server builds for plugins, for a request the fast path answers. */
function requestContextOf<TContext extends BaseContext>(
  options: FastPathOptions<TContext>,
  { request, body, known, context }: AcceptedRequest<TContext>,
): RequestContext<TContext> {
  const headers = new HeaderMap();
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    logger: options.server.logger,
    cache: options.server.cache,
    schema: options.execution.schema,
    request: {
      query: body.query,
      variables: body.variables ?? undefined,
      operationName: body.operationName ?? undefined,
      http: { method: 'POST', headers, search: request.search, body: request.body },
    },
    response: { http: { status: undefined, headers: new HeaderMap() } },
    // Apollo Server hands resolvers a shallow copy of the context; so does the fast path.
    contextValue: Object.assign(Object.create(Object.getPrototypeOf(context)), context) as TContext,
    metrics: { persistedQueryHit: false, persistedQueryRegister: false },
    overallCachePolicy: uncacheablePolicy(),
    requestIsBatched: false,
    queryHash: known.queryHash,
    source: body.query,
  };
}

/** Calls `hook` of every listener (as Apollo Server does: all at once) and waits for them. */
async function invokeAll<TListener>(listeners: readonly TListener[], hook: (listener: TListener) => unknown): Promise<void> {
  await Promise.all(listeners.map(hook));
}

/** The listeners of a request's plugins, each checked to have only hooks the fast path runs. */
async function startListeners<TContext extends BaseContext>(
  plugins: readonly SubgraphPlugin<TContext>[],
  requestContext: RequestContext<TContext>,
): Promise<FastPathRequestListener<TContext>[]> {
  const listeners: FastPathRequestListener<TContext>[] = [];
  for (const listener of await Promise.all(plugins.map((plugin) => plugin.requestDidStart?.(requestContext)))) {
    if (!listener) continue;
    assertRunnable(listener, RUN_REQUEST_HOOKS, 'request');
    listeners.push(listener);
  }
  return listeners;
}

/** Runs an accepted request through its plugins' hooks and the compiled executor, as Apollo Server's pipeline does. */
async function runRequest<TContext extends BaseContext>(
  options: FastPathOptions<TContext>,
  accepted: AcceptedRequest<TContext>,
): Promise<FastPathAnswer> {
  const requestContext = requestContextOf(options, accepted);
  const listeners = await startListeners(options.plugins, requestContext);
  // Hooks are typed for the stage of the request; the one context object grows through the stages, as Apollo's does.
  const stage = requestContext as never;
  const respond = async (result: { errors?: GraphQLFormattedError[]; data?: unknown; extensions?: unknown }) => {
    requestContext.response.body = { kind: 'single', singleResult: result as ExecutionResult };
    await invokeAll(listeners, (listener) => listener.willSendResponse?.(stage));
    const http = requestContext.response.http;
    if (!http.headers.has('content-type')) http.headers.set('content-type', accepted.contentType);
    const { errors, data, extensions } = result;
    return { status: http.status ?? 200, headers: http.headers, body: `${JSON.stringify({ errors, data, extensions })}\n` };
  };
  const encountered = async (errors: GraphQLError[], http: RequestContext<TContext>['response']['http']) => {
    requestContext.errors = errors;
    await invokeAll(listeners, (listener) => listener.didEncounterErrors?.(stage));
    return formatErrors(errors, options, http);
  };
  const failWith = async (error: unknown) => {
    const formatted = await encountered([asGraphQLError(error)], requestContext.response.http);
    requestContext.response.http.status ??= 500;
    return respond({ errors: formatted });
  };

  await invokeAll(listeners, (listener) => listener.didResolveSource?.(stage));
  requestContext.document = accepted.known.document;
  requestContext.operation = accepted.operation;
  requestContext.operationName = accepted.operation.name?.value ?? null;
  try {
    await invokeAll(listeners, (listener) => listener.didResolveOperation?.(stage));
  } catch (error) {
    return failWith(error);
  }
  const executionListeners: Pick<GraphQLRequestExecutionListener<TContext>, 'executionDidEnd'>[] = [];
  for (const listener of await Promise.all(listeners.map((each) => each.executionDidStart?.(stage)))) {
    if (!listener) continue;
    assertRunnable(listener, RUN_EXECUTION_HOOKS, 'execution');
    executionListeners.unshift(listener); // Apollo Server ends executions in the reverse order of their start
  }
  let result: ExecutionResult;
  try {
    result = await options.execution.run({
      document: accepted.known.document,
      operation: accepted.operation,
      variables: requestContext.request.variables,
      operationName: requestContext.request.operationName,
      context: requestContext.contextValue,
    });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    await invokeAll(executionListeners, (listener) => listener.executionDidEnd?.(error));
    return failWith(error);
  }
  let formattedErrors: GraphQLFormattedError[] | undefined;
  if (result.errors?.length) {
    const http = { status: undefined as number | undefined, headers: new HeaderMap() };
    formattedErrors = await encountered(errorsAsApolloSeesThem(result.errors), http);
    // Apollo Server answers 400 to a request whose variables did not coerce (no data at all).
    if (result.data === undefined && http.status === undefined) http.status = 400;
    if (http.status !== undefined) requestContext.response.http.status = http.status;
    for (const [name, value] of http.headers) requestContext.response.http.headers.set(name, value);
  }
  await invokeAll(executionListeners, (listener) => listener.executionDidEnd?.());
  return respond({ errors: formattedErrors, data: result.data, extensions: result.extensions });
}

/**
 * A subgraph's fast path: answers the requests the gateway sends (a JSON POST of a query, accepting
 * `application/json` or `application/graphql-response+json` by the spec's negotiation, q-values included) with
 * Apollo Server's answer, byte for byte, without the cost of its per-request pipeline (HTTP normalisation,
 * hashing every query text, its document store, content negotiation per request). It runs the same plugins
 * through the same hooks, in the same order: `requestDidStart`, `didResolveSource`, `didResolveOperation`,
 * `executionDidStart` and `executionDidEnd`, `didEncounterErrors`, `willSendResponse`. A plugin with any other
 * request hook is refused rather than skipped: Apollo Server's own such plugins (inline traces, cache control,
 * usage reporting, …) when the subgraph is built (it does not start), a plugin written as {@link SubgraphPlugin}
 * at type-check, and any other plugin on its first request, which fails with an error naming the hook.
 *
 * Everything else is left to Apollo Server before anything runs: GETs, batches, other content types, bodies
 * with `extensions`, query texts that do not parse or validate (Apollo words those errors), mutations and
 * subscriptions, and a context that fails to build (Apollo Server builds it again and reports the failure).
 */
export function createFastPath<TContext extends BaseContext>(options: FastPathOptions<TContext>): FastPath<TContext> {
  for (const plugin of options.plugins) refuseApolloRequestPlugin(plugin);
  const stats = { answered: 0 };
  // Keyed by query text, bounded by the texts' total length; a text that does not validate is not kept.
  const documents = new LRUCache<string, KnownDocument>({ maxSize: MAX_QUERY_CHARS, sizeCalculation: (_, query) => query.length + 1 });

  function knownDocument(query: string): KnownDocument | undefined {
    let known = documents.get(query);
    if (known) return known;
    const document = options.execution.parseAndValidate(query);
    if (!document) return undefined;
    known = { document, queryHash: createHash('sha256').update(query).digest('hex') };
    documents.set(query, known);
    return known;
  }

  async function answer(request: FastPathRequest, createContext: () => Promise<TContext>): Promise<FastPathAnswer | undefined> {
    if (request.method !== 'POST' || request.search !== '' || !isJsonContentType(request.headers['content-type'])) return undefined;
    const contentType = responseTypeOf(request.headers.accept);
    const body = contentType === '' ? undefined : plainPostBodyOf(request.body);
    if (!body) return undefined;
    const known = knownDocument(body.query);
    if (!known) return undefined;
    const operation = getOperationAST(known.document, body.operationName ?? undefined) ?? undefined;
    if (!operation || operation.operation !== 'query') return undefined;
    let context: TContext;
    try {
      context = await createContext();
    } catch {
      return undefined;
    }
    stats.answered++;
    return runRequest(options, { request, body, known, operation, contentType, context });
  }

  return { stats, answer };
}
