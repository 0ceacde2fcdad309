import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_SCHEMA_VERSION, SCHEMA_VERSION_COLLECTION } from '../../subgraphs/common/schema-version.ts';
import { runNode, startNode, startProcessDatabase, type ProcessDatabase } from './processes.ts';

// `npm run db:migrate` as the deploy step that builds indexes, and production servers that check its record
// instead of building indexes themselves: real processes over a real (embedded) database.
let database: ProcessDatabase;
beforeAll(async () => {
  database = await startProcessDatabase('migrate');
});
afterAll(async () => {
  await database?.stop();
});

const PARTS = ['products', 'pricing', 'fulfillment', 'localization', 'gateway'];

function migrate(prefix: string, ...args: string[]) {
  return runNode(['scripts/db-migrate.ts', ...args], { MONGODB_URI: database.uri, MERIDIAN_DB_PREFIX: prefix });
}

async function indexNames(db: string, collection: string): Promise<string[]> {
  const indexes = await database.client
    .db(db)
    .collection(collection)
    .listIndexes()
    .toArray()
    .catch(() => []);
  return indexes.map((index) => String(index.name)).sort();
}

/** A production subgraph process on `prefix`'s databases: how it ends (or the URL it listens on). */
function productionProducts(prefix: string) {
  return startNode(['subgraphs/products/server.ts'], {
    MONGODB_URI: database.uri,
    MERIDIAN_DB_PREFIX: prefix,
    NODE_ENV: 'production',
    MERIDIAN_PERSONAL_DATA_SECRET: 'db-migrate test secret, never used elsewhere',
    SUBGRAPH_SHARED_SECRET: 'db-migrate subgraph signing secret, 32+ characters',
    PRODUCTS_PORT: '0',
  });
}

describe('npm run db:migrate', () => {
  it('builds every part its indexes and records the schema version in each database; a second run changes nothing', async () => {
    const prefix = `${database.prefix}_a`;
    const first = await migrate(prefix);
    expect(first.code, first.stderr).toBe(0);
    for (const part of PARTS) expect(first.stdout).toContain(`${prefix}_${part}: new → version ${DATABASE_SCHEMA_VERSION}`);
    // The query paths' indexes exist: the price history's batch key, the API keys' hash, the rate-limit TTL.
    expect(await indexNames(`${prefix}_pricing`, 'price_history')).toContain('productId_1_market_1_from_1');
    expect(await indexNames(`${prefix}_gateway`, 'api_keys')).toContain('keyHash_1');
    expect(await indexNames(`${prefix}_gateway`, 'rate_limits')).toContain('expiresAt_1');
    const records = await Promise.all(
      PARTS.map((part) =>
        database.client
          .db(`${prefix}_${part}`)
          .collection(SCHEMA_VERSION_COLLECTION)
          .findOne({ _id: 'schema' as never }),
      ),
    );
    for (const record of records)
      expect(record).toMatchObject({ version: DATABASE_SCHEMA_VERSION, indexes: expect.stringMatching(/^[0-9a-f]{16}$/) });

    const before = await indexNames(`${prefix}_pricing`, 'fx_locks');
    const second = await migrate(prefix);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`${prefix}_pricing: version ${DATABASE_SCHEMA_VERSION} → version ${DATABASE_SCHEMA_VERSION}`);
    expect(await indexNames(`${prefix}_pricing`, 'fx_locks')).toEqual(before);
  });

  it('refuses a database a newer release migrated, naming it, and touches nothing there', async () => {
    const prefix = `${database.prefix}_b`;
    await database.client
      .db(`${prefix}_pricing`)
      .collection(SCHEMA_VERSION_COLLECTION)
      .insertOne({ _id: 'schema' as never, version: DATABASE_SCHEMA_VERSION + 1, indexes: 'from-the-future', migratedAt: new Date() });
    const result = await migrate(prefix, '--only', 'pricing');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${prefix}_pricing is at schema version ${DATABASE_SCHEMA_VERSION + 1}, newer than this release's ${DATABASE_SCHEMA_VERSION}`,
    );
    expect(await indexNames(`${prefix}_pricing`, 'price_history')).toEqual([]);
  });

  it('rebuilds a search index kept a row per posting (schema version 2) as posting lists, and drops the rows', async () => {
    const prefix = `${database.prefix}_c`;
    const localization = database.client.db(`${prefix}_localization`);
    const productId = 'aa'.repeat(12);
    await localization.collection('product_translations').insertOne({ productId, locale: 'de', title: 'Kopfhörer', description: null });
    await localization.collection('search_products').insertOne({ productId, categoryPath: [], attributes: [] });
    await localization.collection('search_postings').insertOne({ productId, term: 'kopfhor', locale: 'de', weight: 8, fields: ['title'] });
    const result = await migrate(prefix, '--only', 'localization');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${prefix}_localization: search index rebuilt for 1 products`);
    expect(await localization.listCollections({ name: 'search_postings' }).toArray()).toEqual([]);
    expect(await localization.collection('search_posting_lists').findOne({ term: 'kopfhor', locale: 'de' })).toMatchObject({
      bucket: expect.any(Number),
    });
    expect(await localization.collection('search_products').findOne({ productId })).toMatchObject({
      terms: [{ locale: 'de', terms: 'kopfhor', fields: '1' }],
    });
    // Already in the new layout: a second run rebuilds nothing.
    const second = await migrate(prefix, '--only', 'localization');
    expect(second.stdout).not.toContain('search index rebuilt');
  });
});

describe('a production server (NODE_ENV=production)', () => {
  it('on a database never migrated: builds no index, says to run db:migrate and exits 1', async () => {
    const prefix = `${database.prefix}_d`;
    const finished = await productionProducts(prefix).exited;
    expect(finished.code).toBe(1);
    expect(finished.stdout).toContain(`database ${prefix}_products has no schema version: run \`npm run db:migrate\``);
    expect(await indexNames(`${prefix}_products`, 'products')).toEqual([]);
  });

  it('on a database an older release migrated: refuses to start, naming both versions', async () => {
    const prefix = `${database.prefix}_e`;
    await database.client
      .db(`${prefix}_products`)
      .collection(SCHEMA_VERSION_COLLECTION)
      .insertOne({ _id: 'schema' as never, version: DATABASE_SCHEMA_VERSION - 1, indexes: 'older', migratedAt: new Date() });
    const finished = await productionProducts(prefix).exited;
    expect(finished.code).toBe(1);
    expect(finished.stdout).toContain(`is at schema version ${DATABASE_SCHEMA_VERSION - 1}, this release needs ${DATABASE_SCHEMA_VERSION}`);
  });

  it('on a migrated database: starts and answers /ready', async () => {
    // Migrated by the first test above.
    const prefix = `${database.prefix}_a`;
    const server = productionProducts(prefix);
    try {
      const line = await server.lineWhere((text) => text.includes('subgraph listening'));
      const url = String(JSON.parse(line).url).replace(/\/graphql$/, '');
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(200);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });
});
