import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';

/** The key a request presents: `x-api-key`, else the password of HTTP Basic (browsers, explorer), else a Bearer token. */
export function presentedApiKey(headers: HeaderMap): string | undefined {
  const key = headers.get('x-api-key')?.trim();
  if (key) return key;
  const authorization = headers.get('authorization')?.trim();
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return password || undefined;
  }
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim() || undefined;
  return undefined;
}

/** The key an incoming request presents (the connection layer counts its requests in progress per key). */
export function presentedApiKeyOf(req: IncomingMessage): string | undefined {
  const { 'x-api-key': key, authorization } = req.headers;
  if (key === undefined && authorization === undefined) return undefined;
  const headers = new HeaderMap();
  if (typeof key === 'string') headers.set('x-api-key', key);
  if (authorization !== undefined) headers.set('authorization', authorization);
  return presentedApiKey(headers);
}
