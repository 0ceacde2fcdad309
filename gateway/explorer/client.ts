/// <reference lib="dom" />
// The explorer page's script, bundled with GraphiQL by `npm run build:explorer` (esbuild) into
// gateway/explorer/dist/ and served by the gateway itself: no CDN, nothing fetched from another origin.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './page.css';

/** What the gateway writes into the page (a JSON data block, not a script, so the CSP needs no 'unsafe-inline'). */
interface ExplorerConfig {
  /** The API schema as SDL (descriptions included); null makes GraphiQL introspect instead. */
  schema: string | null;
  endpoint: string;
  query: string;
  variables: string;
  headers: string;
}

const config = JSON.parse(document.getElementById('meridian-explorer-config')?.textContent ?? '{}') as ExplorerConfig;
// `credentials: same-origin` keeps HTTP Basic credentials (production: a key with the `schema` scope) on every call.
const fetcher = createGraphiQLFetcher({ url: new URL(config.endpoint, location.href).toString() });

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    ...(config.schema ? { schema: buildSchema(config.schema) } : {}),
    defaultQuery: config.query,
    query: config.query,
    variables: config.variables,
    headers: config.headers,
    // Keys typed into the headers pane stay in this tab, never in localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
  }),
);
