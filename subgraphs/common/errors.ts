import { GraphQLError } from 'graphql';

/**
 * Stable error codes clients may branch on. They travel in `extensions.code` of every GraphQL error
 * the graph returns; their spelling is part of the public contract and never changes.
 */
export const ErrorCode = {
  /** An argument is malformed or names something we do not know (country, currency, locale, id). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The thing asked for does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** A product exists but is not offered in the requested market. */
  NOT_AVAILABLE: 'NOT_AVAILABLE',
  /** The operation is too large or too deep to be served. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A subgraph did not answer (in time): its fields are null, the rest of the response is complete. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Anything unexpected: the message is generic and details stay in the server log. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error a domain function throws when its input breaks a business rule. It knows nothing of
 * GraphQL; `toGraphQLError` turns it into one at the edge, keeping code, message and details.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** Shorthand for the most common domain error: a value the caller sent that we cannot use. */
export function badUserInput(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
}

/** Shorthand for a lookup that found nothing. */
export function notFound(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, message, details);
}

/** Converts a DomainError into the GraphQLError the client sees: same code, same message, details as extensions. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: { ...error.details, code: error.code },
    originalError: error,
  });
}
