// `npm run bench:partners`: what the partner edge adds to each request, measured in isolation (the end-to-end
// `npm run bench` is too noisy on a shared machine to see microseconds): usage recording, the metrics plugin's
// hooks, and resolving a trusted document id. Not a test: it prints figures for humans.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { HeaderMap } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import type { Model } from 'mongoose';
import { createGatewayMetrics } from '../gateway/metrics.ts';
import { resolveTrustedDocument } from '../gateway/resolve-trusted-document.ts';
import { initTelemetry, traceSubgraphFetch, withRequestSpan } from '../gateway/telemetry.ts';
import { loadTrustedDocuments } from '../gateway/trusted-documents.ts';
import { createUsageRecorder, type FieldUsageRecord } from '../gateway/usage-recorder.ts';
import { API_SCHEMA_FILE } from './api-schema.ts';
import { EXAMPLE_QUERY } from '../gateway/example-query.ts';

const ROUNDS = 200_000;
const schema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'));
const document = parse(EXAMPLE_QUERY);

async function measure(name: string, run: (index: number) => void | Promise<void>): Promise<void> {
  // One at a time, awaiting each: a request's hooks run in sequence, and piling up promises would measure GC.
  for (let index = 0; index < 10_000; index++) await run(index);
  const started = performance.now();
  for (let index = 0; index < ROUNDS; index++) await run(index);
  const micros = ((performance.now() - started) * 1000) / ROUNDS;
  console.log(`  ${name.padEnd(58)} ${micros.toFixed(2)} µs per request`);
}

console.log(`Partner edge costs per request (node ${process.version}, ${ROUNDS} rounds each)`);
// No flush happens while measuring (the interval is never started), so the model is never called.
const recorder = createUsageRecorder({ model: {} as Model<FieldUsageRecord> });
await measure('usage: record a known document (steady state)', () => recorder.record('acme', 'hash', document, schema));
await measure('usage: record, 100 clients × 10 documents', (index) =>
  recorder.record(`client${index % 100}`, `hash${index % 10}`, document, schema),
);

const metrics = createGatewayMetrics({ processMetrics: false });
const requestContext = { contextValue: { client: { client: 'acme' } }, operationName: 'ProductPage', errors: [] } as any;
await measure('metrics: requestDidStart + willSendResponse', async () => {
  const listener = await metrics.plugin.requestDidStart!(requestContext);
  await listener!.willSendResponse!(requestContext);
});

const documents = loadTrustedDocuments();
const [documentId] = [...documents.entries()][0]!;
const client = { client: 'acme', keyId: 'mrd_x', scopes: ['trusted-only' as const], costBudget: 1 };
await measure('edge: resolve {"documentId"} for a trusted-only key', () => {
  resolveTrustedDocument(
    { method: 'POST', headers: new HeaderMap(), search: '', body: { documentId, variables: { id: 'x' } } },
    documents,
    client,
  );
});
await measure('edge: pass an operation text through (anonymous)', () => {
  resolveTrustedDocument({ method: 'POST', headers: new HeaderMap(), search: '', body: { query: EXAMPLE_QUERY } }, documents, null);
});

// Tracing with export off (the default): a server span per request and `traceparent` on each subgraph fetch.
initTelemetry({});
const response = { status: 200, headers: new HeaderMap(), body: { kind: 'complete' as const, string: '' } };
await measure('tracing: request span (export off), incoming traceparent', () =>
  withRequestSpan(new HeaderMap([['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']]), async () => response).then(
    () => undefined,
  ),
);
const answered = new Response('{}');
const tracedFetch = traceSubgraphFetch('products', async (_url: string, _init: RequestInit) => answered);
await measure('tracing: traceparent on one subgraph fetch', () =>
  tracedFetch('http://127.0.0.1/graphql', { headers: { 'content-type': 'application/json' } }).then(() => undefined),
);
