import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';

/**
 * Error codes of the partner edge (keys, trusted documents, explorer access), sent in `extensions.code` like
 * every other error of the graph. Stable: partners branch on them.
 */
export const PartnerErrorCode = {
  /** The `x-api-key` is unknown or revoked, or a key is required and none was sent. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The key is valid but lacks the scope this needs (e.g. `schema` for the explorer in production). */
  FORBIDDEN: 'FORBIDDEN',
  /** A `documentId` or persisted-query hash names no registered document. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** A `trusted-only` key sent an operation text instead of a registered document id. */
  OPERATION_NOT_TRUSTED: 'OPERATION_NOT_TRUSTED',
  /** `extensions.persistedQuery.sha256Hash` is not the SHA-256 of the `query` sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** The request is malformed (e.g. both `documentId` and `query`). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The address spent its budget of key and document lookups (HTTP 429, `retry-after`). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The gateway's database did not answer a key or document lookup in time (HTTP 503): retry shortly. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type PartnerErrorCode = (typeof PartnerErrorCode)[keyof typeof PartnerErrorCode];

const refusals = new WeakMap<HTTPGraphQLResponse, PartnerErrorCode>();

/** The code of an answer made by {@link partnerErrorResponse} (metrics count them), else undefined. */
export function edgeRefusalCode(response: HTTPGraphQLResponse): PartnerErrorCode | undefined {
  return refusals.get(response);
}

/** A GraphQL-shaped error answer (`{"errors": [...]}`) with an HTTP status, sent before any operation runs. */
export function partnerErrorResponse(
  status: number,
  code: PartnerErrorCode,
  message: string,
  extraHeaders: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): HTTPGraphQLResponse {
  const headers = new HeaderMap([['content-type', 'application/json; charset=utf-8']]);
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  const response: HTTPGraphQLResponse = {
    status,
    headers,
    body: { kind: 'complete', string: JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }) },
  };
  refusals.set(response, code);
  return response;
}
