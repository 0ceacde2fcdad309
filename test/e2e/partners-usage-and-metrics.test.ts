import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { startPartnerServices } from '../../gateway/partners.ts';
import { createUsageRecorder, fieldUsageModel } from '../../gateway/usage-recorder.ts';
import { listenGraphQL } from '../../subgraphs/common/http.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { registeredIdOf } from '../../examples/partner/src/client.ts';
import { ProductPageDocument } from '../../examples/partner/src/gql/graphql.ts';
import { post, startPartnerTestStack, type PartnerTestStack } from './partners-stack.ts';

const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const API = readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8');

let env: PartnerTestStack;
let acmeKey: string;
let analyticsKey: string;
const previousFlush = process.env.MERIDIAN_USAGE_FLUSH_MS;
beforeAll(async () => {
  process.env.MERIDIAN_USAGE_FLUSH_MS = '100';
  env = await startPartnerTestStack();
  acmeKey = JSON.parse((await env.cli('scripts/keys.ts', ['create', '--client', 'acme', '--scope', 'trusted-only', '--json'])).stdout).key;
  analyticsKey = JSON.parse((await env.cli('scripts/keys.ts', ['create', '--client', 'analytics', '--json'])).stdout).key;

  for (let i = 0; i < 3; i += 1) {
    const page = await post(
      env.stack.gatewayUrl,
      { documentId: registeredIdOf(ProductPageDocument), variables: { id: HEADPHONES, country: 'DE', locale: 'de-DE' } },
      { 'x-api-key': acmeKey },
    );
    expect(page.body.errors).toBeUndefined();
  }
  await post(env.stack.gatewayUrl, { query: '{ product(id: "' + HEADPHONES + '") { weightGrams } }' }, { 'x-api-key': analyticsKey });
  await post(env.stack.gatewayUrl, { query: 'query Markets { markets { country } }' });
  // Errors: refused at the edge (trusted-only key sends text), and one from the graph (a malformed id).
  await post(env.stack.gatewayUrl, { query: '{ markets { country } }' }, { 'x-api-key': acmeKey });
  await post(env.stack.gatewayUrl, { query: 'query Bad { product(id: "nope") { sku } }' });
});
afterAll(async () => {
  await env?.stack.stop();
  if (previousFlush === undefined) delete process.env.MERIDIAN_USAGE_FLUSH_MS;
  else process.env.MERIDIAN_USAGE_FLUSH_MS = previousFlush;
});

async function usageReport(args: string[] = []): Promise<any> {
  // The gateway flushes every 100 ms here; poll the real CLI until the last request's fields are in.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const result = await env.cli('scripts/usage.ts', ['--json', ...args]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    if (report.clients.some((entry: any) => entry.client === 'anonymous')) return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('usage never reached the database');
}

describe('usage insights (npm run usage)', () => {
  it('reports the fields each client used, how often, and when last', async () => {
    const report = await usageReport();
    const fieldsOf = (client: string) =>
      Object.fromEntries(
        report.clients.find((entry: any) => entry.client === client).fields.map((usage: any) => [usage.field, usage.count]),
      );
    const acme = fieldsOf('acme');
    expect(acme).toMatchObject({
      'Query.product': 3,
      'Product.sku': 3,
      'ProductContent.title': 3,
      'ProductPrice.amount': 3,
      'DeliveryEstimate.text': 3,
    });
    expect(acme['Query.markets']).toBeUndefined();
    expect(fieldsOf('analytics')).toEqual({ 'Query.product': 1, 'Product.weightGrams': 1 });
    expect(fieldsOf('anonymous')).toMatchObject({ 'Query.markets': 1, 'Market.country': 1 });
    const lastSeen = new Date(report.clients[0].fields[0].lastSeen).getTime();
    expect(Date.now() - lastSeen).toBeLessThan(60_000);
  });

  it('lists fields no client used in N days, and how deprecated fields are still used', async () => {
    const report = await usageReport();
    expect(report.unusedFields).toContain('Query.warehouses');
    expect(report.unusedFields).toContain('Product.dimensions');
    expect(report.unusedFields).not.toContain('Product.sku');
    expect(report.unusedFields).not.toContain('Product.weightGrams');

    const deprecating = API.replace('  weightGrams: Int!', '  weightGrams: Int! @deprecated(reason: "Use dimensions")').replace(
      '  dimensions: Dimensions!',
      '  dimensions: Dimensions! @deprecated(reason: "Moving to packaging")',
    );
    expect(deprecating).toContain('Use dimensions');
    const dir = mkdtempSync(join(tmpdir(), 'meridian-usage-'));
    writeFileSync(join(dir, 'api.graphql'), deprecating);
    const deprecations = (await usageReport(['--schema', join(dir, 'api.graphql')])).deprecatedFields;
    expect(deprecations).toEqual([
      { field: 'Product.dimensions', reason: 'Moving to packaging', lastSeen: null, clients: [] },
      { field: 'Product.weightGrams', reason: 'Use dimensions', lastSeen: expect.any(String), clients: ['analytics'] },
    ]);
    const text = await env.cli('scripts/usage.ts', ['--schema', join(dir, 'api.graphql'), '--days', '7']);
    expect(text.stdout).toContain('Product.weightGrams: Use dimensions. Still used by analytics');
    expect(text.stdout).toContain('Product.dimensions: Moving to packaging. Never used: safe to remove');
  });

  it('tells schema:check which clients lately used what a breaking change removes', async () => {
    await usageReport();
    const withoutFields = API.replace('  """Brand name as printed on the product; not translated."""\n  brand: String!\n\n', '').replace(
      '  """Outer dimensions of the shipping package, used for volumetric weight."""\n  dimensions: Dimensions!\n\n',
      '',
    );
    expect(withoutFields).not.toContain('not translated."""\n  brand: String!');
    expect(withoutFields).not.toContain('dimensions: Dimensions!');
    const dir = mkdtempSync(join(tmpdir(), 'meridian-check-usage-'));
    writeFileSync(join(dir, 'api.graphql'), withoutFields);
    const check = await env.cli('scripts/schema-check.ts', ['--schema', join(dir, 'api.graphql')]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("Field 'brand' was removed from object type 'Product' [used lately by acme]");
    expect(check.stdout).toContain("Field 'dimensions' was removed from object type 'Product' [no recorded use lately]");
  });

  it('holds at most maxPending counters between flushes, counting what it drops, and writes them in one batch', async () => {
    const partners = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: `${env.prefix}_bounded` },
      metrics: false,
      usage: false,
    });
    try {
      const model = fieldUsageModel(partners.connection);
      const recorder = createUsageRecorder({ model, maxPending: 2, now: () => Date.parse('2026-11-25T10:30:00Z') });
      const schema = buildSchema(API);
      const documents = ['{ markets { country } }', '{ warehouses { id } }', '{ fxRates { rate } }'].map((text) => parse(text));
      recorder.record('acme', 'a', documents[0]!, schema);
      recorder.record('acme', 'a', documents[0]!, schema);
      recorder.record('acme', 'b', documents[1]!, schema);
      recorder.record('acme', 'c', documents[2]!, schema);
      expect([recorder.pending, recorder.dropped]).toEqual([2, 1]);
      await recorder.flush();
      expect(recorder.pending).toBe(0);
      const stored = await model.find({}, { _id: 0, field: 1, count: 1, hour: 1 }).sort({ field: 1 }).lean();
      expect(stored).toEqual([
        { field: 'Market.country', count: 2, hour: new Date('2026-11-25T10:00:00Z') },
        { field: 'Query.markets', count: 2, hour: new Date('2026-11-25T10:00:00Z') },
        { field: 'Query.warehouses', count: 1, hour: new Date('2026-11-25T10:00:00Z') },
        { field: 'Warehouse.id', count: 1, hour: new Date('2026-11-25T10:00:00Z') },
      ]);
    } finally {
      await partners.stop();
    }
  });
});

describe('Prometheus metrics at /metrics', () => {
  it('counts requests by operation and client, errors by code, latency, and subgraph fetches', async () => {
    const response = await fetch(new URL('/metrics', env.stack.gatewayUrl));
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('meridian_gateway_requests_total{operation="ProductPage",client="acme"} 3');
    expect(text).toContain('meridian_gateway_requests_total{operation="Markets",client="anonymous"} 1');
    expect(text).toContain('meridian_gateway_request_duration_seconds_count{operation="ProductPage",client="acme"} 3');
    expect(text).toContain('meridian_gateway_errors_total{code="OPERATION_NOT_TRUSTED",client="acme"} 1');
    expect(text).toContain('meridian_gateway_errors_total{code="BAD_USER_INPUT",client="anonymous"} 1');
    expect(text).toMatch(/meridian_gateway_subgraph_fetch_duration_seconds_count\{subgraph="pricing",outcome="ok"\} [1-9]/);
    expect(text).toContain('meridian_gateway_process_resident_memory_bytes');
  });

  it('counts a subgraph that cannot be reached as a failure of that subgraph', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const partners = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      usage: false,
    });
    const gateway = createGateway({
      subgraphUrls: { ...env.stack.subgraphUrls, pricing: `http://127.0.0.1:${closedPort}/graphql` },
      subgraphSecret: env.stack.subgraphSecret,
      partners: partners.edge,
    });
    const running = await listenGraphQL(gateway.server, { port: 0, context: gateway.context, extraRoutes: gateway.extraRoutes });
    try {
      const page = await post(running.url, { query: `{ product(id: "${HEADPHONES}") { sku price(country: DE) { taxIncluded } } }` });
      expect(page.body.data.product.sku).toBe('ELE-ANC-BLA');
      const text = await (await fetch(new URL('/metrics', running.url))).text();
      expect(text).toContain('meridian_gateway_subgraph_fetch_failures_total{subgraph="pricing",reason="unreachable"} 1');
      expect(text).toContain('meridian_gateway_errors_total{code="SERVICE_UNAVAILABLE",client="anonymous"} 1');
    } finally {
      await running.stop();
      await partners.stop();
    }
  });
});
