import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { SUBGRAPH_NAMES } from '../../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../../subgraphs/common/database.ts';
import { createPricingModels } from '../../subgraphs/pricing/models.ts';
import { importEcbRates } from '../../subgraphs/pricing/import-ecb.ts';
import { SEEDERS, seedIfIncomplete } from '../../scripts/seed/index.ts';
import { startTestServer } from '../devdb/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
const connections: Connection[] = [];

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
});
afterAll(async () => {
  // Each database is unique to this run; drop them so a real MongoDB (MONGODB_URI) keeps nothing behind.
  for (const connection of connections) {
    await connection.dropDatabase();
    await connection.close();
  }
  await server?.stop();
});

async function countsOf(connection: Connection): Promise<Record<string, number>> {
  const collections = await connection.db!.listCollections({}, { nameOnly: true }).toArray();
  const counts: Record<string, number> = {};
  for (const { name } of collections) counts[name] = await connection.db!.collection(name).countDocuments();
  return counts;
}

describe('seeding', () => {
  it.each(SUBGRAPH_NAMES)('seeding the %s subgraph twice leaves exactly the same data', async (name) => {
    const connection = await connectDatabase(server.uri, server.databaseName(name));
    connections.push(connection);
    SEEDERS[name].registerModels(connection);
    await ensureIndexes(connection);
    expect((await SEEDERS[name].emptyCollections(connection)).length).toBeGreaterThan(0);
    await SEEDERS[name].seed(connection);
    const first = await countsOf(connection);
    await SEEDERS[name].seed(connection);
    expect(await countsOf(connection)).toEqual(first);
    // Every collection holds data, except pricing's outbox of price-projection marks, which its writes fill later.
    const { price_projection_marks: outbox = 0, ...seeded } = first;
    expect(outbox).toBe(0);
    expect(Object.values(seeded).every((count) => count > 0)).toBe(true);
    expect(await SEEDERS[name].emptyCollections(connection)).toEqual([]);
  });

  it.each(SUBGRAPH_NAMES)('completes a half-seeded %s database: an emptied collection is filled again', async (name) => {
    const connection = await connectDatabase(server.uri, server.databaseName(`half_${name}`));
    connections.push(connection);
    SEEDERS[name].registerModels(connection);
    await ensureIndexes(connection);
    await SEEDERS[name].seed(connection);
    const full = await countsOf(connection);
    const emptied = Object.keys(full)
      .filter((collection) => full[collection]! > 0)
      .sort()[0]!;
    await connection.db!.collection(emptied).deleteMany({});
    expect(await SEEDERS[name].emptyCollections(connection)).toEqual([emptied]);
    expect(await seedIfIncomplete(name, connection)).not.toBeNull();
    expect(await countsOf(connection)).toEqual(full);
    expect(await seedIfIncomplete(name, connection)).toBeNull();
  });
});

describe('ECB importer', () => {
  const sample = readFileSync(new URL('../../scripts/seed/ecb-eurofxref-2026-11-24.xml', import.meta.url), 'utf8');

  it('stores a day of reference rates once, however often the file is imported', async () => {
    const connection = await connectDatabase(server.uri, server.databaseName('ecb'));
    connections.push(connection);
    const models = createPricingModels(connection);
    await ensureIndexes(connection);
    const first = await importEcbRates(models, sample);
    expect(first.asOf?.toISOString().startsWith('2026-11-24')).toBe(true);
    expect(first.rates).toBeGreaterThan(20);
    await importEcbRates(models, sample);
    expect(await models.FxRate.countDocuments()).toBe(first.rates);
    const usd = await models.FxRate.findOne({ base: 'EUR', quote: 'USD' }).lean();
    expect(usd).toMatchObject({ source: 'ECB', rate: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('keeps history: the next day adds rates beside the previous ones', async () => {
    const connection = await connectDatabase(server.uri, server.databaseName('ecb-history'));
    connections.push(connection);
    const models = createPricingModels(connection);
    await ensureIndexes(connection);
    const { rates } = await importEcbRates(models, sample);
    await importEcbRates(models, sample.replace(/time=['"]2026-11-24['"]/, "time='2026-11-25'"));
    expect(await models.FxRate.countDocuments({ quote: 'USD' })).toBe(2);
    expect(await models.FxRate.countDocuments()).toBe(rates * 2);
  });

  it('refuses a file that is not an ECB reference-rate file, storing nothing', async () => {
    const connection = await connectDatabase(server.uri, server.databaseName('ecb-bad'));
    connections.push(connection);
    const models = createPricingModels(connection);
    await expect(importEcbRates(models, '<html><body>Service unavailable</body></html>')).rejects.toThrow(/ECB/);
    expect(await models.FxRate.countDocuments()).toBe(0);
  });
});
