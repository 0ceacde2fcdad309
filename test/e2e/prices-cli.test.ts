import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { runNode, startProcessDatabase, type ProcessDatabase } from './processes.ts';

// `npm run prices -- …` run as a user runs it: real child processes against a database seeded by
// `scripts/seed.ts`, with the clock pinned per run by MERIDIAN_NOW (the instant of each price change).
let db: ProcessDatabase;
let env: Record<string, string>;
beforeAll(async () => {
  db = await startProcessDatabase('prices');
  env = { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: `${db.prefix}_cli` };
  const seeded = await runNode(['scripts/seed.ts'], { ...env, MERIDIAN_NOW: '2026-10-01T09:00:00Z' });
  expect(seeded.code, seeded.stderr).toBe(0);
});
afterAll(async () => {
  await db?.stop();
});

const prices = (now: string, ...args: string[]) => runNode(['scripts/prices.ts', ...args], { ...env, MERIDIAN_NOW: now });
const BOOTS = ['--sku', 'FTW-CHELSEA-BLA', '--country', 'DE'];

describe('npm run prices', () => {
  it('records a raise 10 days before a sale, and its history names the pre-raise price as the only one to strike through', async () => {
    const first = await prices('2026-10-01T09:00:00Z', 'set', ...BOOTS, '--amount', '100.00');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(
      /^FTW-CHELSEA-BLA \([0-9a-f]{24}\) in DE: regular price 100\.00 EUR from 2026-10-01T09:00:00\.000Z: 1 history rows written, 0 removed; price book updated\.\n$/,
    );
    expect((await prices('2026-11-03T09:00:00Z', 'set', ...BOOTS, '--amount', '139.00')).code).toBe(0);
    const sale = await prices('2026-11-13T09:00:00Z', 'sale', ...BOOTS, '--amount', '89.00', '--until', '2026-11-21T00:00:00+01:00');
    expect(sale).toMatchObject({ code: 0, stderr: '' });
    expect(sale.stdout).toContain(
      'in DE: sale 89.00 EUR from 2026-11-13T09:00:00.000Z until 2026-11-20T23:00:00.000Z: 3 history rows written',
    );

    const history = await prices('2026-11-15T12:00:00Z', 'history', ...BOOTS);
    expect(history).toMatchObject({ code: 0, stderr: '' });
    const lines = history.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Price history of FTW-CHELSEA-BLA \([0-9a-f]{24}\) in DE \(EUR\):$/);
    expect(lines.slice(2, 6).map((line) => line.split(/\s+/).join(' '))).toEqual([
      '2026-10-01T09:00:00.000Z 2026-11-03T09:00:00.000Z 100.00 price-change',
      '2026-11-03T09:00:00.000Z 2026-11-13T09:00:00.000Z 139.00 price-change',
      '2026-11-13T09:00:00.000Z 2026-11-20T23:00:00.000Z 89.00 price-change',
      '2026-11-20T23:00:00.000Z (still shown) 139.00 price-change',
    ]);
    expect(lines[6]).toBe(
      'At 2026-11-15T12:00:00.000Z: 89.00 EUR since 2026-11-13T09:00:00.000Z; lowest of the 30 days before: 100.00 EUR (a reduction may strike through only that price).',
    );
  });

  it('writes nothing when the same change runs again', async () => {
    const again = await prices('2026-11-22T09:00:00Z', 'set', ...BOOTS, '--amount', '139.00');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain(': already on record, nothing written.');
  });

  it('ends a running sale early', async () => {
    expect((await prices('2026-11-23T09:00:00Z', 'sale', ...BOOTS, '--amount', '119.00', '--until', '2026-12-01')).code).toBe(0);
    const ended = await prices('2026-11-24T09:00:00Z', 'end-sale', ...BOOTS);
    expect(ended).toMatchObject({ code: 0, stderr: '' });
    expect(ended.stdout).toMatch(
      / in DE: sale ended from 2026-11-24T09:00:00\.000Z: 2 history rows written, 1 removed; price book updated\.\n$/,
    );
    const history = await prices('2026-11-24T10:00:00Z', 'history', ...BOOTS);
    expect(history.stdout).toContain('At 2026-11-24T10:00:00.000Z: 139.00 EUR since 2026-11-24T09:00:00.000Z;');
  });

  it('accepts a product id instead of a SKU, and prints that a never-changed price has no history', async () => {
    const products = db.client.db(databaseNameOf('products', env)).collection('products');
    const { _id } = (await products.findOne({ sku: 'FTW-CHELSEA-SAN' }))!;
    const history = await prices('2026-11-22T09:00:00Z', 'history', '--product-id', String(_id), '--country', 'DE');
    expect(history).toMatchObject({ code: 0, stderr: '' });
    expect(history.stdout).toContain(`No price history of ${String(_id)} in DE`);
  });

  it('refuses bad input with exit code 1 and a message that says what to fix, writing nothing', async () => {
    const historyOf = () => db.client.db(databaseNameOf('pricing', env)).collection('price_history').countDocuments();
    const before = await historyOf();
    const unknown = await prices('2026-11-22T09:00:00Z', 'set', '--sku', 'NOPE-123', '--country', 'DE', '--amount', '1.00');
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: 'NOT_FOUND: No product has the SKU "NOPE-123"\n' });
    const decimals = await prices('2026-11-22T09:00:00Z', 'set', ...BOOTS, '--amount', '1.001');
    expect(decimals).toMatchObject({ code: 1, stdout: '' });
    expect(decimals.stderr).toContain('BAD_USER_INPUT: Amount "1.001" has more decimals than EUR allows (2)');
    const country = await prices('2026-11-22T09:00:00Z', 'set', '--sku', 'FTW-CHELSEA-BLA', '--country', 'ZZ', '--amount', '1.00');
    expect(country.code).toBe(1);
    expect(country.stderr).toMatch(/^BAD_USER_INPUT: We do not sell to "ZZ"; markets: /);
    const historyElsewhere = await prices('2026-11-22T09:00:00Z', 'history', '--sku', 'FTW-CHELSEA-BLA', '--country', 'ZZ');
    expect(historyElsewhere).toMatchObject({ code: 1, stdout: '' });
    expect(historyElsewhere.stderr).toMatch(/^BAD_USER_INPUT: We do not sell to "ZZ"/);
    const backdated = await prices('2026-11-22T09:00:00Z', 'set', ...BOOTS, '--amount', '120.00', '--from', '2026-11-01');
    expect(backdated.code).toBe(1);
    expect(backdated.stderr).toContain('is on record as shown at');
    expect(await historyOf()).toBe(before);
  });

  it('prints its usage and exits 2 on a missing option', async () => {
    const finished = await prices('2026-11-22T09:00:00Z', 'set', ...BOOTS);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain('set needs --amount');
    expect(finished.stderr).toContain('Usage: MONGODB_URI=mongodb://… npm run prices --');
  });
});
