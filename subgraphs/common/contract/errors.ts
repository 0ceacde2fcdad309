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
  /** The request itself is unusable: no operation to run, an operation type the API does not have. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The operation's estimated cost is over the per-operation budget; `extensions.cost` and `maxCost` say by how much. */
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  /**
   * The operation costs more than the client's whole budget per window (HTTP 400): no retry can admit it; ask
   * for less, or for a larger budget. `extensions.cost` and `budget` say by how much.
   */
  COST_EXCEEDS_BUDGET: 'COST_EXCEEDS_BUDGET',
  /** The client spent its cost budget for the window (HTTP 429); retry after `retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Reference data we need (an exchange rate, a tax table) is missing: our fault, logged, not the client's. */
  DATA_UNAVAILABLE: 'DATA_UNAVAILABLE',
  /** A subgraph did not answer (in time): its fields are null, the rest of the response is complete. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** An exchange-rate lock ran out before checkout: request the quote again for a new lock and amounts. */
  FX_LOCK_EXPIRED: 'FX_LOCK_EXPIRED',
  /** Anything unexpected: the message is generic and details stay in the server log. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Longest part of a client's value an error message or extension repeats back; the rest is cut. */
export const MAX_ECHOED_LENGTH = 64;

/** A client's value as an error may show it: strings cut to {@link MAX_ECHOED_LENGTH} characters. */
export function echoed(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.length > MAX_ECHOED_LENGTH ? `${text.slice(0, MAX_ECHOED_LENGTH)}…` : text;
}

/**
 * An error a domain function throws when its input breaks a business rule. It knows nothing of
 * GraphQL; the shared error formatter (`format-error.ts`) turns it into the client's error at the edge,
 * keeping code, message and details.
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

/** Shorthand for reference data that should exist and does not (our fault: the formatter logs it). */
export function dataUnavailable(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.DATA_UNAVAILABLE, message, details);
}

/** Shorthand for a lookup that found nothing. */
export function notFound(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, message, details);
}
