import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFigures, databaseFigures, seedFigures } from '../../scripts/data-check.ts';
import { startDevDb } from '../../scripts/devdb/index.ts';
import { SEEDERS } from '../../scripts/seed/index.ts';
import { connectDatabase, ensureIndexes } from '../../subgraphs/common/database.ts';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { DE_MINIMIS } from '../../scripts/seed/pricing-reference.ts';
import { toDeMinimis } from '../../subgraphs/pricing/mappers.ts';
import { createPricingModels, type DeMinimisDocument } from '../../subgraphs/pricing/models.ts';

// `npm run data:check -- --db` reads what the seed wrote: every figure's own source and date must survive the
// trip through the mongoose models (a field the schema does not know would be dropped silently).
const NOW = new Date('2026-11-25T12:00:00Z');
let uri: string;
let stopDevDb: (() => Promise<void>) | undefined;
const previousPrefix = process.env['MERIDIAN_DB_PREFIX'];

beforeAll(async () => {
  process.env['MERIDIAN_DB_PREFIX'] = `datacheck_${process.pid}_${randomBytes(3).toString('hex')}`;
  const external = process.env['MONGODB_URI'] || undefined;
  const devDb = external ? undefined : await startDevDb({ port: 0 });
  stopDevDb = devDb ? () => devDb.stop() : undefined;
  uri = external ?? devDb!.uri;
  for (const name of ['pricing', 'fulfillment'] as const) {
    const connection = await connectDatabase(uri, databaseNameOf(name));
    try {
      SEEDERS[name].registerModels(connection);
      await ensureIndexes(connection);
      await SEEDERS[name].seed(connection, NOW);
    } finally {
      await connection.close();
    }
  }
}, 120_000);

afterAll(async () => {
  for (const name of ['pricing', 'fulfillment'] as const) {
    const connection = await connectDatabase(uri, databaseNameOf(name)).catch(() => undefined);
    await connection?.db?.dropDatabase().catch(() => undefined);
    await connection?.close();
  }
  await stopDevDb?.();
  if (previousPrefix === undefined) delete process.env['MERIDIAN_DB_PREFIX'];
  else process.env['MERIDIAN_DB_PREFIX'] = previousPrefix;
});

describe('data:check -- --db on the seeded databases', () => {
  it('finds every market, rate, threshold and lane with its source and date, illustrative ones marked', async () => {
    const findings = checkFigures(await databaseFigures(uri, NOW), NOW);
    expect(findings.filter((finding) => finding.flags.includes('NO SOURCE') || finding.flags.includes('UNDATED'))).toEqual([]);
    const count = (kind: string) => findings.filter((finding) => finding.figure.kind === kind).length;
    const seeded = seedFigures();
    const seededCount = (kind: string) => seeded.filter((figure) => figure.kind === kind).length;
    for (const kind of ['market', 'customs valuation', 'tax rate', 'duty rate', 'de minimis', 'lane'])
      expect(count(kind), kind).toBe(seededCount(kind));
    expect(count('market')).toBe(38);
    const illustrative = (kind: string, key: string) =>
      findings.find((finding) => finding.figure.kind === kind && finding.figure.key === key)?.figure.illustrative;
    expect(illustrative('lane', 'nl-dhl-express-kr')).toBe(true);
    expect(illustrative('tax rate', 'IT reduced')).toBe(true);
    expect(illustrative('tax rate', 'DE standard')).toBe(false);
    expect(illustrative('market', 'DE')).toBe(false);
    // The customs valuation basis keeps its own legal source and date through the models.
    const basis = findings.find((finding) => finding.figure.kind === 'customs valuation' && finding.figure.key === 'AU')!;
    expect(basis.flags).toEqual([]);
    expect(basis.figure).toMatchObject({ value: 'FOB', illustrative: false, source: expect.stringContaining('Customs Act 1901 s. 159') });
    expect(illustrative('customs valuation', 'KW')).toBe(true);
    // The EU's €3 flat duty of 2026-07-01 survives the trip: the record is neither stale nor illustrative, and says so.
    const de = findings.find((finding) => finding.figure.kind === 'de minimis' && finding.figure.key === 'DE')!;
    expect(de.flags).toEqual([]);
    expect(de.figure).toMatchObject({ illustrative: false, value: 'thresholds; EU low-value flat duty from 2026-07-01' });
    // NO's record is sourced, but its threshold basis is not checked: the record is listed as illustrative.
    expect(illustrative('de minimis', 'NO')).toBe(true);
  }, 60_000);

  it('stores the de minimis records whole: threshold basis and low-value regime read back as seeded', async () => {
    const connection = await connectDatabase(uri, databaseNameOf('pricing'));
    try {
      const { DeMinimis } = createPricingModels(connection);
      const stored = (await DeMinimis.find().lean<DeMinimisDocument[]>()).map(toDeMinimis);
      for (const country of ['DE', 'PL', 'GB', 'AU', 'US']) {
        const seeded = DE_MINIMIS.find((record) => record.destination === country)!;
        const read = stored.find((record) => record.destination === country);
        expect(read, country).toEqual({
          lowValueRegime: null,
          dutyReliefExcludedHsPrefixes: [],
          taxReliefExcludedHsPrefixes: [],
          importTaxWaiver: null,
          carrierFee: null,
          ...seeded,
        });
      }
    } finally {
      await connection.close();
    }
  }, 60_000);
});
