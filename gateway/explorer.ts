import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';

/** Where `npm run build:explorer` writes the GraphiQL bundle. */
export const EXPLORER_DIST = new URL('./explorer/dist/', import.meta.url);

/** Path prefix of the explorer's static files. */
export const EXPLORER_ASSET_PREFIX = '/explorer/';

/**
 * Only our own origin: scripts and styles are the bundle we serve, fonts are inlined in it (data: URLs), and the
 * page talks to nothing but this gateway. No inline script (the page's settings are a JSON data block).
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the explorer opens with. */
export interface ExplorerOptions {
  /** The operation in the editor when the page opens. Default: a one-line query of the product list. */
  defaultOperation?: string;
  /** Variables of it, as an object. Default none. */
  defaultVariables?: Record<string, unknown>;
  /** Headers pre-filled in the headers pane. Default the market context: `accept-language: de-DE`, `x-ship-to-country: DE`. */
  defaultHeaders?: Record<string, string>;
}

const ASSET_TYPES: Record<string, string> = {
  'explorer.js': 'text/javascript; charset=utf-8',
  'explorer.css': 'text/css; charset=utf-8',
};

/** True when a GET asks for a page (a browser's navigation) rather than a GraphQL result. */
export function wantsExplorerPage(method: string, accept: string | undefined, search: string): boolean {
  if (method !== 'GET' || !accept?.includes('text/html')) return false;
  return !new URLSearchParams(search).has('query') && !new URLSearchParams(search).has('documentId');
}

function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The explorer page (HTML) for the GraphQL endpoint it is served at. The API schema travels in the page as SDL,
 * so the documentation explorer works without an introspection round trip.
 */
export function explorerPage(options: ExplorerOptions = {}, schemaSdl?: string): HTTPGraphQLResponse {
  const config = {
    schema: schemaSdl ?? null,
    endpoint: '/graphql',
    query: options.defaultOperation?.trim() ?? '{ products(first: 5) { id sku } }',
    variables: JSON.stringify(options.defaultVariables ?? {}, null, 2),
    headers: JSON.stringify(options.defaultHeaders ?? { 'accept-language': 'de-DE', 'x-ship-to-country': 'DE' }, null, 2),
  };
  const built = existsSync(new URL('explorer.js', EXPLORER_DIST));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Meridian explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSET_PREFIX}explorer.css">
</head>
<body>
<div id="graphiql">${built ? 'Loading the explorer…' : 'The explorer is not built: run <code>npm run build:explorer</code> (npm ci does it).'}</div>
<script id="meridian-explorer-config" type="application/json">${escapeJsonForHtml(config)}</script>
<script type="module" src="${EXPLORER_ASSET_PREFIX}explorer.js"></script>
</body>
</html>
`;
  return {
    status: built ? 200 : 503,
    headers: new HeaderMap([
      ['content-type', 'text/html; charset=utf-8'],
      ['content-security-policy', EXPLORER_CSP],
      // For browsers that predate CSP's frame-ancestors: the page is never framed (clickjacking).
      ['x-frame-options', 'DENY'],
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'no-referrer'],
      ['cache-control', 'no-store'],
    ]),
    body: { kind: 'complete', string: html },
  };
}

/**
 * Serves the explorer's static files (`/explorer/explorer.js`, `/explorer/explorer.css`) from memory. They hold
 * only GraphiQL itself, nothing about the schema, so they need no key. Returns true when it handled the request.
 */
export function createExplorerAssetRoute(): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new Map<string, Buffer>();
  return (req, res) => {
    // Asked of every request before GraphQL: decided without splitting the URL unless it is an asset's.
    if (!(req.url ?? '/').startsWith(EXPLORER_ASSET_PREFIX)) return false;
    const path = (req.url ?? '/').split('?')[0]!;
    const name = path.slice(EXPLORER_ASSET_PREFIX.length);
    const type = ASSET_TYPES[name];
    const file = new URL(name, EXPLORER_DIST);
    if (!type || (req.method !== 'GET' && req.method !== 'HEAD') || (!cache.has(name) && !existsSync(file))) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(type ? 'Explorer not built: run npm run build:explorer\n' : 'Not found\n');
      return true;
    }
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(file);
      cache.set(name, body);
    }
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('content-length', body.length);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'public, max-age=300');
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
