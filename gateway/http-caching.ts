import { createHash } from 'node:crypto';
import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';

/** What every answer not marked publicly cacheable says: partner-keyed, POSTs, mutations, errors, partial answers. */
export const NOT_CACHEABLE = 'private, no-store';

/** A strong entity tag of a body: its SHA-256, so equal tags mean byte-identical answers. */
export function entityTagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;
}

/** Whether an `If-None-Match` header names `tag` (or `*`); weak comparison, as RFC 9110 §13.1.2 asks for GET. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === tag;
  });
}

/**
 * The edge's HTTP caching of an answer: an answer the cache-control plugin marked public gets a strong `ETag`,
 * and a `304 Not Modified` without body when the request's `If-None-Match` names it; every other answer is
 * `private, no-store`, so no shared cache keeps what a key, a POST or an error produced.
 */
export function withHttpCaching(request: HTTPGraphQLRequest, response: HTTPGraphQLResponse): HTTPGraphQLResponse {
  const cacheControl = response.headers.get('cache-control');
  const cacheable = cacheControl?.startsWith('public') && (response.status ?? 200) === 200 && response.body.kind === 'complete';
  if (!cacheable || response.body.kind !== 'complete') {
    response.headers.set('cache-control', NOT_CACHEABLE);
    return response;
  }
  const tag = entityTagOf(response.body.string);
  response.headers.set('etag', tag);
  if (!matchesIfNoneMatch(request.headers.get('if-none-match'), tag)) return response;
  // A 304 carries the validators and caching headers of the 200 it stands for, and no body.
  response.headers.delete('content-type');
  response.headers.delete('content-length');
  return { status: 304, headers: response.headers, body: { kind: 'complete', string: '' } };
}

/**
 * A GET of a registered document passes Apollo Server's CSRF prevention without the `apollo-require-preflight`
 * header, so a CDN or a plain link can fetch it. CSRF prevention guards against a browser sending a request with
 * side effects or ambient credentials from another site; here neither exists: a GET never runs a mutation
 * (Apollo Server answers 405), the document is one the operator registered, and the gateway reads no cookies
 * (keys travel in `x-api-key`, which a browser sends only after a preflight). GETs with operation text still need
 * the header. Other requests are returned as they are.
 */
export function persistedGetWithoutPreflight(request: HTTPGraphQLRequest): HTTPGraphQLRequest {
  if (request.method !== 'GET' || request.headers.get('apollo-require-preflight')) return request;
  const headers = new HeaderMap(request.headers);
  headers.set('apollo-require-preflight', 'registered-document');
  return { ...request, headers };
}
