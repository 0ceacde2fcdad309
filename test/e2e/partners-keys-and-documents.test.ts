import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { startPartnerServices, type PartnerServices } from '../../gateway/partners.ts';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { logger } from '../../subgraphs/common/logger.ts';
import { loadTrustedDocuments } from '../../gateway/trusted-documents.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { registeredIdOf } from '../../examples/partner/src/client.ts';
import { ProductPageDocument } from '../../examples/partner/src/gql/graphql.ts';
import { post, startPartnerTestStack, type PartnerTestStack } from './partners-stack.ts';

const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const PRODUCT_PAGE_ID = registeredIdOf(ProductPageDocument);
const variables = { id: HEADPHONES, country: 'DE', locale: 'de-DE' };

let env: PartnerTestStack;
let trustedKey: string;
let openKey: string;
const previousCacheMs = process.env.MERIDIAN_KEY_CACHE_MS;
const previousMissMs = process.env.MERIDIAN_DOCUMENT_MISS_MS;
beforeAll(async () => {
  // Revocation is seen at once in this file; production remembers lookups 30 s.
  process.env.MERIDIAN_KEY_CACHE_MS = '0';
  // And a document registered after a miss is found at once (production waits 5 s before asking again).
  process.env.MERIDIAN_DOCUMENT_MISS_MS = '0';
  env = await startPartnerTestStack();
  const created = await env.cli('scripts/keys.ts', ['create', '--client', 'acme', '--scope', 'trusted-only', '--budget', '5000', '--json']);
  expect(created.code, created.stderr).toBe(0);
  trustedKey = JSON.parse(created.stdout).key;
  const open = await env.cli('scripts/keys.ts', ['create', '--client', 'first-party-web', '--json']);
  openKey = JSON.parse(open.stdout).key;
});
afterAll(async () => {
  await env?.stack.stop();
  if (previousCacheMs === undefined) delete process.env.MERIDIAN_KEY_CACHE_MS;
  else process.env.MERIDIAN_KEY_CACHE_MS = previousCacheMs;
  if (previousMissMs === undefined) delete process.env.MERIDIAN_DOCUMENT_MISS_MS;
  else process.env.MERIDIAN_DOCUMENT_MISS_MS = previousMissMs;
});

describe('API keys (npm run keys)', () => {
  it('stores only the SHA-256 of a key, with client, scopes and cost budget; list never shows a key', async () => {
    const listed = await env.cli('scripts/keys.ts', ['list', '--json']);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(records.map((record) => [record.client, record.scopes, record.costBudget, record.revokedAt])).toEqual([
      ['acme', ['trusted-only'], 5000, null],
      ['first-party-web', [], 10000, null],
    ]);
    expect(listed.stdout).not.toContain(trustedKey);
    expect(listed.stdout).not.toContain('keyHash');

    const connection = await mongoose
      .createConnection(env.stack.mongodbUri, { dbName: databaseNameOf('gateway', { MERIDIAN_DB_PREFIX: env.prefix }) })
      .asPromise();
    try {
      const stored = await connection.db!.collection('api_keys').find({}).toArray();
      expect(JSON.stringify(stored)).not.toContain(trustedKey.slice(12));
      expect(stored.map((record) => record.keyHash)).toContain(createHash('sha256').update(trustedKey).digest('hex'));
    } finally {
      await connection.close();
    }
  });

  it('refuses an unknown key and a malformed command with clear messages', async () => {
    const response = await post(env.stack.gatewayUrl, { query: '{ __typename }' }, { 'x-api-key': 'mrd_not-a-real-key-at-all' });
    expect(response.status).toBe(401);
    expect(response.body.errors![0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('not recognised'),
    });
    const bad = await env.cli('scripts/keys.ts', ['create', '--client', 'acme', '--scope', 'root']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown scope root');
  });
});

describe('trusted documents', () => {
  it('runs a registered operation by document id for a trusted-only key', async () => {
    const response = await post(env.stack.gatewayUrl, { documentId: PRODUCT_PAGE_ID, variables }, { 'x-api-key': trustedKey });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.product.content.title).toBe('Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz');
  });

  it('accepts Apollo APQ hashes of registered documents, also over GET', async () => {
    const hash = PRODUCT_PAGE_ID.slice('sha256:'.length);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const viaPost = await post(env.stack.gatewayUrl, { extensions, variables }, { 'x-api-key': trustedKey });
    expect(viaPost.body.data.product.sku).toBe('ELE-ANC-BLA');
    const search = new URLSearchParams({ extensions: JSON.stringify(extensions), variables: JSON.stringify(variables) });
    const viaGet = await fetch(`${env.stack.gatewayUrl}?${search}`, {
      headers: { 'x-api-key': trustedKey, 'apollo-require-preflight': '1' },
    });
    expect(((await viaGet.json()) as any).data.product.price.amount.amount).toBe('258.64');
  });

  it('refuses operation text from a trusted-only key: OPERATION_NOT_TRUSTED, even the text of a registered one', async () => {
    const document = loadTrustedDocuments().get(PRODUCT_PAGE_ID, 'acme')!;
    const response = await post(env.stack.gatewayUrl, { query: document, variables }, { 'x-api-key': trustedKey });
    expect(response.status).toBe(403);
    expect(response.body.errors![0]).toMatchObject({
      extensions: { code: 'OPERATION_NOT_TRUSTED' },
      message: expect.stringContaining('Client "acme" may only send registered operations'),
    });
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown id or APQ hash from a trusted-only key', async () => {
    const unknownId = `sha256:${'0'.repeat(64)}`;
    const byId = await post(env.stack.gatewayUrl, { documentId: unknownId }, { 'x-api-key': trustedKey });
    expect(byId.status).toBe(400);
    expect(byId.body.errors![0]).toMatchObject({
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      message: expect.stringContaining(unknownId),
    });
    const byHash = await post(
      env.stack.gatewayUrl,
      { extensions: { persistedQuery: { version: 1, sha256Hash: '1'.repeat(64) } } },
      { 'x-api-key': trustedKey },
    );
    expect(byHash.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still lets other keys and anonymous development traffic send operation text and use APQ registration', async () => {
    const withKey = await post(env.stack.gatewayUrl, { query: '{ product(id: "' + HEADPHONES + '") { sku } }' }, { 'x-api-key': openKey });
    expect(withKey.body.data.product.sku).toBe('ELE-ANC-BLA');
    const query = '{ markets { country } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const miss = await post(env.stack.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(miss.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post(env.stack.gatewayUrl, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.body.data.markets.length).toBeGreaterThan(3);
    const hit = await post(env.stack.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(hit.body.data).toEqual(register.body.data);
  });

  it('accepts documents registered in MongoDB (npm run documents) at once, and schema:check validates them', async () => {
    const document = 'query Currencies { markets { country currency } }';
    const id = `sha256:${createHash('sha256').update(document).digest('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'meridian-register-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ [id]: document }));
    const before = await post(env.stack.gatewayUrl, { documentId: id }, { 'x-api-key': trustedKey });
    expect(before.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await env.cli('scripts/documents.ts', ['register', join(dir, 'manifest.json'), '--client', 'acme', '--json']);
    expect(JSON.parse(registered.stdout)).toEqual({ added: 1, known: 0, widened: 0 });
    const again = await env.cli('scripts/documents.ts', ['register', join(dir, 'manifest.json'), '--client', 'acme', '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ added: 0, known: 1, widened: 0 });
    const listed = JSON.parse((await env.cli('scripts/documents.ts', ['list', '--json'])).stdout);
    expect(listed).toEqual([{ id, clients: ['acme'], allClients: false, registeredAt: expect.any(String), operation: 'Currencies' }]);

    const after = await post(env.stack.gatewayUrl, { documentId: id }, { 'x-api-key': trustedKey });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.markets).toContainEqual({ country: 'DE', currency: 'EUR' });

    const check = await env.cli('scripts/schema-check.ts', []);
    expect(check.stdout).toContain('Operations: 9 checked against the new schema, 0 broken.');

    writeFileSync(join(dir, 'lying.json'), JSON.stringify({ [id]: '{ warehouses { id } }' }));
    const lying = await env.cli('scripts/documents.ts', ['register', join(dir, 'lying.json'), '--client', 'acme']);
    expect(lying.code).toBe(2);
    expect(lying.stderr).toContain('is not the SHA-256 of its document');
  });

  it("runs a document only for the clients it is registered for: never another client's, by id or by APQ hash", async () => {
    const beta = JSON.parse((await env.cli('scripts/keys.ts', ['create', '--client', 'beta', '--scope', 'trusted-only', '--json'])).stdout)
      .key as string;
    const document = 'query BetaWarehouses { warehouses { id } }';
    const id = `sha256:${createHash('sha256').update(document).digest('hex')}`;
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: id.slice(7) } } };
    const dir = mkdtempSync(join(tmpdir(), 'meridian-per-client-'));
    writeFileSync(join(dir, 'beta.json'), JSON.stringify({ [id]: document }));
    const registered = await env.cli('scripts/documents.ts', ['register', join(dir, 'beta.json'), '--client', 'beta', '--json']);
    expect(registered.code, registered.stderr).toBe(0);

    for (const body of [{ documentId: id }, byHash]) {
      const own = await post(env.stack.gatewayUrl, body, { 'x-api-key': beta });
      expect(own.body.errors, JSON.stringify(own.body.errors)).toBeUndefined();
      expect(own.body.data.warehouses.length).toBeGreaterThan(0);
      const other = await post(env.stack.gatewayUrl, body, { 'x-api-key': trustedKey });
      expect(other.status).toBe(400);
      expect(other.body.errors![0]).toMatchObject({
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        message: expect.stringContaining('for client "acme"'),
      });
      // A key that may send text still cannot run beta's registered document by its id.
      if ('documentId' in body) {
        const open = await post(env.stack.gatewayUrl, body, { 'x-api-key': openKey });
        expect(open.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      }
    }

    // Registering for acme too opens it to acme (and says so); --all-clients opens it to every key.
    const widened = await env.cli('scripts/documents.ts', ['register', join(dir, 'beta.json'), '--client', 'acme', '--json']);
    expect(JSON.parse(widened.stdout)).toEqual({ added: 0, known: 1, widened: 1 });
    expect((await post(env.stack.gatewayUrl, { documentId: id }, { 'x-api-key': trustedKey })).body.errors).toBeUndefined();
    const listed = JSON.parse((await env.cli('scripts/documents.ts', ['list', '--client', 'beta', '--json'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ id, clients: ['beta', 'acme'], allClients: false })]);

    const both = await env.cli('scripts/documents.ts', ['register', join(dir, 'beta.json'), '--client', 'acme', '--all-clients']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --client <name> (repeatable) or --all-clients');
    const shared = 'query SharedMarkets { markets { currency } }';
    const sharedId = `sha256:${createHash('sha256').update(shared).digest('hex')}`;
    writeFileSync(join(dir, 'all.json'), JSON.stringify({ [sharedId]: shared }));
    expect((await env.cli('scripts/documents.ts', ['register', join(dir, 'all.json'), '--all-clients'])).code).toBe(0);
    for (const key of [trustedKey, beta]) {
      expect((await post(env.stack.gatewayUrl, { documentId: sharedId }, { 'x-api-key': key })).body.data.markets.length).toBeGreaterThan(
        3,
      );
    }
  });

  it("keeps documents stored before per-client access their own client's, and gives one without a client to nobody", async () => {
    const legacy = 'query LegacyBeta { markets { country } }';
    const orphan = 'query Orphan { markets { currency country } }';
    const idOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
    const connection = await mongoose
      .createConnection(env.stack.mongodbUri, { dbName: databaseNameOf('gateway', { MERIDIAN_DB_PREFIX: env.prefix }) })
      .asPromise();
    try {
      await connection.db!.collection<{ _id: string } & Record<string, unknown>>('trusted_documents').insertMany([
        { _id: idOf(legacy), document: legacy, client: 'beta', registeredAt: new Date() },
        { _id: idOf(orphan), document: orphan, registeredAt: new Date() },
      ]);
      // Any `npm run documents` (and every gateway start) migrates what it finds.
      const listed = JSON.parse((await env.cli('scripts/documents.ts', ['list', '--json'])).stdout) as { id: string }[];
      const migrated = await connection
        .db!.collection('trusted_documents')
        .find({ _id: { $in: [idOf(legacy), idOf(orphan)] } as never })
        .toArray();
      expect(migrated.map((record) => [record.document, record.clients, record.allClients]).sort()).toEqual([
        [legacy, ['beta'], false],
        [orphan, [], false],
      ]);
      expect(listed.map((record) => record.id)).toEqual(expect.arrayContaining([idOf(legacy), idOf(orphan)]));
    } finally {
      await connection.close();
    }
    for (const id of [idOf(legacy), idOf(orphan)]) {
      const refused = await post(env.stack.gatewayUrl, { documentId: id }, { 'x-api-key': trustedKey });
      expect(refused.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
  });

  it('refuses a request naming both a document id and a query', async () => {
    const response = await post(env.stack.gatewayUrl, { documentId: PRODUCT_PAGE_ID, query: '{ __typename }' });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });
});

describe('production rules', () => {
  let partners: PartnerServices;
  let production: RunningServer;
  beforeAll(async () => {
    partners = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      metricsRequireKey: true,
    });
    const gateway = createGateway({
      subgraphUrls: env.stack.subgraphUrls,
      subgraphSecret: env.stack.subgraphSecret,
      partners: { ...partners.edge, requireApiKey: true, explorerRequiresSchemaScope: true },
    });
    production = await listenGraphQL(gateway.server, { port: 0, context: gateway.context, extraRoutes: gateway.extraRoutes });
  });
  afterAll(async () => {
    await production?.stop();
    await partners?.stop();
  });

  it('takes MERIDIAN_REQUIRE_API_KEY over the production default', async () => {
    process.env.MERIDIAN_REQUIRE_API_KEY = '1';
    const required = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      usage: false,
      metrics: false,
    });
    process.env.MERIDIAN_REQUIRE_API_KEY = '0';
    const optional = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      usage: false,
      metrics: false,
    });
    delete process.env.MERIDIAN_REQUIRE_API_KEY;
    await Promise.all([required.stop(), optional.stop()]);
    expect([required.edge.requireApiKey, optional.edge.requireApiKey]).toEqual([true, false]);
  });

  it('refuses anonymous operations', async () => {
    const response = await post(production.url, { query: '{ __typename }' });
    expect(response.status).toBe(401);
    expect(response.body.errors![0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringContaining('x-api-key'),
    });
  });

  it('shows the explorer only to a key with the schema scope, asking browsers for it with HTTP Basic', async () => {
    const anonymous = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic realm="Meridian explorer"');
    const basic = (key: string) => `Basic ${Buffer.from(`x:${key}`).toString('base64')}`;
    const withoutScope = await fetch(production.url, { headers: { accept: 'text/html', authorization: basic(openKey) } });
    expect(withoutScope.status).toBe(403);
    expect(((await withoutScope.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const created = await env.cli('scripts/keys.ts', ['create', '--client', 'analytics', '--scope', 'schema', '--json']);
    const schemaKey = JSON.parse(created.stdout).key as string;
    const page = await fetch(production.url, { headers: { accept: 'text/html', authorization: basic(schemaKey) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Meridian explorer');
  });

  it('serves /metrics only to a key with the metrics scope, as Prometheus sends it (bearer token)', async () => {
    const metricsUrl = new URL('/metrics', production.url);
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${openKey}` } })).status).toBe(403);
    const created = await env.cli('scripts/keys.ts', ['create', '--client', 'prometheus', '--scope', 'metrics', '--json']);
    const scraper = JSON.parse(created.stdout).key as string;
    const scraped = await fetch(metricsUrl, { headers: { authorization: `Bearer ${scraper}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('meridian_gateway_errors_total{code="UNAUTHENTICATED",client="anonymous"}');
  });

  it('stops accepting a key once revoked', async () => {
    const created = await env.cli('scripts/keys.ts', ['create', '--client', 'leaving', '--json']);
    const key = JSON.parse(created.stdout).key as string;
    expect((await post(production.url, { query: '{ __typename }' }, { 'x-api-key': key })).status).toBe(200);
    const revoked = await env.cli('scripts/keys.ts', ['revoke', '--client', 'leaving']);
    expect(revoked.stdout).toContain('Revoked 1 key(s)');
    const after = await post(production.url, { query: '{ __typename }' }, { 'x-api-key': key });
    expect(after.status).toBe(401);
    expect(after.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('production posture', () => {
  let partners: PartnerServices;
  let production: RunningServer;
  let smallBudgetKey: string;
  beforeAll(async () => {
    partners = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      usage: false,
      metrics: false,
    });
    const gateway = createGateway({
      subgraphUrls: env.stack.subgraphUrls,
      subgraphSecret: env.stack.subgraphSecret,
      production: true,
      rateLimit: { unitsPerWindow: 50_000, windowMs: 60_000 },
      partners: { ...partners.edge, requireApiKey: true },
    });
    production = await listenGraphQL(gateway.server, { port: 0, context: gateway.context });
    const created = await env.cli('scripts/keys.ts', ['create', '--client', 'small', '--budget', '50', '--json']);
    smallBudgetKey = JSON.parse(created.stdout).key;
  });
  afterAll(async () => {
    await production?.stop();
    await partners?.stop();
  });

  it('suggests no field names, neither in validation nor in variable coercion', async () => {
    const coercion = await post(
      production.url,
      { query: 'query ($f: ProductFilter) { products(filter: $f, first: 1) { nodes { sku } } }', variables: { f: { categry: 'x' } } },
      { 'x-api-key': openKey },
    );
    expect(coercion.body.errors![0]!.message).toContain('"categry"');
    const validation = await post(production.url, { query: '{ prodcts { sku } }' }, { 'x-api-key': openKey });
    expect(validation.body.errors![0]!.message).toContain('"prodcts"');
    for (const answer of [coercion, validation]) expect(JSON.stringify(answer.body)).not.toMatch(/Did you mean|category"|"products"/);
  });

  it('answers a persisted-query hash that is not the hash of the text PERSISTED_QUERY_HASH_MISMATCH (400), logging no error', async () => {
    const logged = vi.spyOn(logger, 'error');
    try {
      const response = await post(
        production.url,
        { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } },
        { 'x-api-key': openKey },
      );
      expect(response.status).toBe(400);
      expect(response.body.errors![0]).toMatchObject({
        extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
        message: expect.stringContaining('not the SHA-256 of the query'),
      });
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it('tells an operation costing more than the whole budget of its key that it exceeds it: no retry-after', async () => {
    // Costs 59 (gateway/cost-map.ts): 6 + two fetches of 4 + the connection 0.05 + 100 × (product 0.05, price 0.1
    // and its money 0.05, delivery 0.24), rounded up; the key's whole budget is 50 a minute.
    const page = '{ products(first: 100) { nodes { sku price(country: DE) { amount { amount } } delivery(shipTo: DE) { earliest } } } }';
    const response = await post(production.url, { query: page }, { 'x-api-key': smallBudgetKey });
    expect(response.status).toBe(400);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.body.errors![0]).toMatchObject({
      extensions: { code: 'COST_EXCEEDS_BUDGET', cost: 59, budget: 50 },
      message: expect.stringContaining('exceeds your whole budget of 50'),
    });
    const fits = await post(production.url, { query: '{ products(first: 5) { nodes { sku } } }' }, { 'x-api-key': smallBudgetKey });
    expect(fits.body.data.products.nodes).toHaveLength(5);
  });

  it('counts __typename aliases toward the alias limit', async () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `t${i}: __typename`).join(' ');
    const response = await post(production.url, { query: `{ ${aliases} }` }, { 'x-api-key': openKey });
    expect(response.status).toBe(400);
    expect(response.body.errors![0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX' },
      message: expect.stringContaining('Aliases limit of 50 exceeded, found 51'),
    });
  });
});
