import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { DomainError, echoed, ErrorCode, MAX_ECHOED_LENGTH } from './errors.ts';
import { logger } from '../logger.ts';

/** Codes whose messages were written for clients and may be shown as they are. */
const CLIENT_SAFE_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.NOT_AVAILABLE,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.COST_LIMIT_EXCEEDED,
  ErrorCode.COST_EXCEEDS_BUDGET,
  ErrorCode.RATE_LIMITED,
  ErrorCode.DATA_UNAVAILABLE,
  ErrorCode.FX_LOCK_EXPIRED,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Codes our own scalars and rules set, which must not be overwritten by a generic wrapper's code. */
const OWN_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.DATA_UNAVAILABLE,
]);

function withoutCodeAndStack(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const { code: _code, stacktrace: _stack, ...rest } = extensions ?? {};
  return rest;
}

/**
 * A subgraph refuses an operation whose variables or literals fail its scalars with HTTP 400 and a client
 * error in the body; Apollo Gateway reports that as a bare "400: Bad Request" carrying the response. The
 * subgraph's own error is what the client must see (e.g. BAD_USER_INPUT naming the unknown country).
 */
function clientErrorFromSubgraphResponse(error: unknown): GraphQLFormattedError | undefined {
  for (const cause of causesOf(error)) {
    if (!(cause instanceof GraphQLError)) continue;
    const response = cause.extensions.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined;
    const first = response?.body?.errors?.find((candidate) => CLIENT_SAFE_CODES.has(String(candidate.extensions?.code)));
    if (first) {
      const { stacktrace: _stack, ...extensions } = first.extensions ?? {};
      return { message: first.message, extensions };
    }
  }
  return undefined;
}

/** Walks `originalError` links, because graphql-js and Apollo wrap what a resolver or scalar threw. */
function* causesOf(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    yield current;
    current = (current as { originalError?: unknown }).originalError;
  }
}

/** Longest message a client gets back, whatever it quotes. */
const MAX_MESSAGE_LENGTH = 1_024;

/**
 * The safety net of "bad values are echoed truncated": graphql-js's own messages quote a client's value whole
 * (`String cannot represent a non string value: "…"`), and so might a message written without `echoed()`.
 * Quoted runs longer than {@link MAX_ECHOED_LENGTH} and string details are cut; the message is capped.
 */
function withEchoesCut(formatted: GraphQLFormattedError): GraphQLFormattedError {
  // Every quoted run, matched left to right so quotes pair up as written; graphql-js quotes values JSON-style,
  // so a run may contain escaped quotes (`"a\\"b"` is one run). Only runs longer than the limit are cut.
  let message = formatted.message.replace(/"((?:[^"\\]|\\.)*)"/g, (run, inner: string) =>
    inner.length > MAX_ECHOED_LENGTH ? `"${echoed(inner).replace(/(?<!\\)\\…$/, '…')}"` : run,
  );
  if (message.length > MAX_MESSAGE_LENGTH) message = `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
  const extensions =
    formatted.extensions &&
    Object.fromEntries(
      Object.entries(formatted.extensions).map(([key, value]) => [
        key,
        typeof value === 'string' && key !== 'stacktrace' ? echoed(value) : value,
      ]),
    );
  return { ...formatted, message, ...(extensions ? { extensions } : {}) };
}

const alreadyLogged = new Set<string>();

/** True the first time a message is seen (bounded: after 1 000 distinct messages, the memory starts over). */
function firstTime(message: string): boolean {
  if (alreadyLogged.has(message)) return false;
  if (alreadyLogged.size >= 1_000) alreadyLogged.clear();
  alreadyLogged.add(message);
  return true;
}

/**
 * Apollo Server's `formatError`: turns anything thrown into a safe error for clients.
 * - a DomainError keeps its code, message and details;
 * - a scalar's BAD_USER_INPUT rejection of a literal keeps BAD_USER_INPUT (graphql-js would report it as a
 *   validation failure);
 * - anything else unexpected becomes a generic INTERNAL_SERVER_ERROR, logged here with its stack.
 * Stack traces never leave the server unless `exposeStackTraces` (development only).
 */
export function createErrorFormatter(exposeStackTraces: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => withEchoesCut(formatError(formatted, error));

  function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const downstream = clientErrorFromSubgraphResponse(error);
    if (downstream) return { ...formatted, message: downstream.message, extensions: downstream.extensions };
    for (const cause of causesOf(error)) {
      if (cause instanceof DomainError) {
        // Missing reference data is our fault: the client gets a stable code, the operator a log line.
        if (cause.code === ErrorCode.DATA_UNAVAILABLE && firstTime(cause.message)) {
          logger.error({ err: cause, path: formatted.path }, 'reference data unavailable (logged once per message)');
        }
        return {
          ...formatted,
          message: cause.message,
          extensions: { ...cause.details, code: cause.code },
        };
      }
      // A scalar's or validation rule's own code survives graphql-js's and Apollo's wrapping.
      if (cause !== error && cause instanceof GraphQLError) {
        const causeCode = cause.extensions.code;
        if (typeof causeCode === 'string' && OWN_CODES.has(causeCode)) {
          return { ...formatted, extensions: { ...withoutCodeAndStack(formatted.extensions), ...cause.extensions, code: causeCode } };
        }
      }
    }

    const code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    if (CLIENT_SAFE_CODES.has(code) || code === 'DOWNSTREAM_SERVICE_ERROR') {
      return { ...formatted, extensions: exposeStackTraces ? formatted.extensions : { ...extensions, code } };
    }
    logger.error({ err: error, path: formatted.path }, 'internal error while resolving a request');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: exposeStackTraces ? { ...formatted.extensions, code } : { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
}
