import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../subgraphs/common/database.ts';
import { changePrice, priceHistoryOf, type PriceChange, type PriceChangeResult } from '../../subgraphs/pricing/services/change-price.ts';
import { createPricingModels, type PriceHistoryDocument, type PricingModels } from '../../subgraphs/pricing/models.ts';
import { productBySku, productRepresentation, startPricingHarness, type PricingHarness } from '../integration/pricing/harness.ts';

// Concurrent price changes of one product in one market, through `changePrice` as `npm run prices` runs it, against
// the real (embedded) database; read back by the pricing subgraph's own `Product.price` under the EU 30-day rule.
// Whatever the interleaving: one open history row, no overlap, the history shows what the price book held, and
// no price that was never shown enters the 30-day lowest-price window.
const START = '2026-10-01T09:00:00Z';
const CHANGES = 100;
/** Writers as separate processes are: each its own connection (and pool) to the database. */
const WRITERS = 5;
let harness: PricingHarness;
let models: PricingModels;
let writers: Connection[] = [];
let writerModels: PricingModels[];
beforeAll(async () => {
  harness = await startPricingHarness(START);
  models = harness.built.models;
  const uri = process.env['MONGODB_URI'] || `mongodb://${harness.connection.host}:${harness.connection.port}`;
  writers = await Promise.all(Array.from({ length: WRITERS }, () => connectDatabase(uri, harness.connection.name)));
  writerModels = writers.map(createPricingModels);
});
afterAll(async () => {
  await Promise.all(writers.map((writer) => writer.close()));
  await harness?.stop();
});

const PRICE = /* GraphQL */ `
  query Price($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product { price(country: DE) { amount { amount } lowestPrior30Days { amount } } }
    }
  }
`;
const minorOf = (decimal: string) => Math.round(Number(decimal) * 100);
const DAY = 86_400_000;

/** A seeded random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` random set / sale / end-sale changes of `sku` in Germany. */
function randomChanges(sku: string, count: number, seed: number): PriceChange[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  const productId = productBySku(sku).id;
  return Array.from({ length: count }, (): PriceChange => {
    const kind = pick(['REGULAR', 'REGULAR', 'SALE', 'END_SALE'] as const);
    if (kind === 'END_SALE') return { kind, productId, country: 'DE' };
    if (kind === 'SALE') return { kind, productId, country: 'DE', amount: pick(['49.00', '59.00', '79.00']), until: null };
    return { kind, productId, country: 'DE', amount: pick(['100.00', '120.00', '139.00', '390.00', '418.00']) };
  });
}

/** Runs every change at once; refusals (a sale not below the price, no sale to end) are expected, anything else is not. */
async function runConcurrently(changes: PriceChange[], nowOf: (index: number) => Date | (() => Date)): Promise<PriceChangeResult[]> {
  const settled = await Promise.allSettled(
    changes.map((change, index) => changePrice(writerModels[index % WRITERS]!, change, nowOf(index))),
  );
  const unexpected = settled.flatMap((outcome) =>
    outcome.status === 'rejected' && (outcome.reason as { code?: string }).code !== 'BAD_USER_INPUT' ? [outcome.reason] : [],
  );
  expect(unexpected).toEqual([]);
  return settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
}

/** One open row, rows of positive length, each ending where the next starts. */
function expectWellFormed(rows: PriceHistoryDocument[]): void {
  expect(rows.filter((row) => row.until === null)).toHaveLength(1);
  expect(rows.at(-1)!.until).toBeNull();
  for (const [index, row] of rows.entries()) {
    if (row.until) expect(row.until.getTime()).toBeGreaterThan(row.from.getTime());
    const next = rows[index + 1];
    if (next) expect(row.until?.toISOString()).toBe(next.from.toISOString());
  }
}

/** The subgraph's answer at `instant` agrees with the history: the price in force, and the lowest of the 30 days before it. */
async function expectSubgraphAgrees(sku: string, rows: PriceHistoryDocument[], instant: Date): Promise<void> {
  harness.setNow(instant.toISOString());
  const result = await harness.execute(PRICE, { representations: [productRepresentation(productBySku(sku))] });
  expect(result.errors).toBeUndefined();
  const price = result.data!._entities[0].price;
  const current = rows.at(-1)!;
  expect(minorOf(price.amount.amount)).toBe(current.amountMinor);
  // Worked out here from the rows: the lowest price shown in the 30 days before the current price began.
  const windowStart = current.from.getTime() - 30 * DAY;
  const before = rows.slice(0, -1).filter((row) => row.until!.getTime() > windowStart);
  const lowest = before.length === 0 ? null : Math.min(...before.map((row) => row.amountMinor));
  expect(price.lowestPrior30Days === null ? null : minorOf(price.lowestPrior30Days.amount)).toBe(lowest);
}

describe(`${CHANGES} concurrent price changes of one product in one market`, () => {
  it('run one after another: each plans on exactly what the previous one wrote', async () => {
    const sku = 'APP-MERINO-NAV';
    // The clock each change reads once it holds the product: one second further on each read.
    let tick = 0;
    const clock = () => new Date(new Date(START).getTime() + 1_000 * ++tick);
    const results = await runConcurrently(randomChanges(sku, CHANGES, 24), () => clock);
    expect(results.length).toBeGreaterThan(CHANGES / 4);

    const rows = await priceHistoryOf(models, productBySku(sku).id, 'DE');
    expectWellFormed(rows);
    // Serialisable: in the order they ran (their instants), each change's history agrees with its predecessor's on
    // everything before it, and the last one's is the history on record.
    const ordered = [...results].sort((a, b) => a.at.getTime() - b.at.getTime());
    const shownBefore = (history: PriceChangeResult['history'], at: Date) =>
      history
        .filter((row) => row.from.getTime() < at.getTime())
        .map((row) => `${row.amount.minor}@${row.from.toISOString()}-${row.until && row.until < at ? row.until.toISOString() : '…'}`);
    for (let index = 1; index < ordered.length; index++) {
      const { at, history } = ordered[index]!;
      expect(shownBefore(history, at)).toEqual(shownBefore(ordered[index - 1]!.history, at));
    }
    const onRecord = rows.map((row) => `${row.amountMinor}@${row.from.toISOString()}`);
    expect(onRecord).toEqual(ordered.at(-1)!.history.map((row) => `${row.amount.minor}@${row.from.toISOString()}`));

    await expectSubgraphAgrees(sku, rows, new Date(clock().getTime() + 60_000));
    const lock = await harness.connection.collection('price_change_locks').findOne({ _id: `${productBySku(sku).id}:DE` } as never);
    expect(lock).toMatchObject({ holder: null, lockedUntil: null, pending: null });
  });

  it('leave a consistent history when each started with its own instant, as separate `npm run prices` processes do', async () => {
    const sku = 'FTW-CHELSEA-SAN';
    const base = new Date(START).getTime() + 3 * DAY;
    // Each process read its clock when it started, a few milliseconds apart, in no particular order.
    const next = random(7);
    const results = await runConcurrently(randomChanges(sku, CHANGES, 7), () => new Date(base + Math.floor(next() * 2_000)));
    expect(results.length).toBeGreaterThan(CHANGES / 4);
    const rows = await priceHistoryOf(models, productBySku(sku).id, 'DE');
    expectWellFormed(rows);
    const entry = await models.PriceBookEntry.findOne({ productId: productBySku(sku).id, market: 'DE' }).lean();
    expect(rows.at(-1)!.amountMinor).toBe(entry!.sale ? entry!.sale.amountMinor : entry!.amountMinor);
    await expectSubgraphAgrees(sku, rows, new Date(base + 60_000));
  });
});
