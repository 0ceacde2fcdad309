import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { stagesOf } from '../devdb/server.ts';
import { changePrice, priceHistoryOf, type PriceChange } from '../../subgraphs/pricing/services/change-price.ts';
import type { PricingModels } from '../../subgraphs/pricing/models.ts';
import { productBySku, productRepresentation, startPricingHarness, type PricingHarness } from './pricing/harness.ts';

// Price changes written by `changePrice` against a real (embedded) database, read back by the pricing subgraph's
// own `Product.price` under the EU 30-day rule, with the subgraph's clock moved to each change's instant.
let harness: PricingHarness;
let models: PricingModels;
beforeAll(async () => {
  harness = await startPricingHarness('2026-10-01T09:00:00Z');
  models = harness.built.models;
});
afterAll(async () => {
  await harness?.stop();
});

const PRICE = /* GraphQL */ `
  query Price($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product { price(country: DE) { amount { amount } source compareAt { amount } lowestPrior30Days { amount } } }
    }
  }
`;
async function germanPriceAt(sku: string, instant: string) {
  harness.setNow(instant);
  const result = await harness.execute(PRICE, { representations: [productRepresentation(productBySku(sku))] });
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0].price;
}
/** A change of a German price, naming the product by SKU. */
type GermanChange = PriceChange extends infer Change
  ? Change extends PriceChange
    ? Omit<Change, 'productId' | 'country'> & { sku: string }
    : never
  : never;
/** Runs a change with the clock at `instant`, as the CLI does with MERIDIAN_NOW. */
function changeAt(instant: string, change: GermanChange) {
  const { sku, ...rest } = change;
  return changePrice(models, { ...rest, productId: productBySku(sku).id, country: 'DE' } as PriceChange, new Date(instant));
}
const rowsOf = async (sku: string) =>
  (await priceHistoryOf(models, productBySku(sku).id, 'DE')).map((row) => ({
    amountMinor: row.amountMinor,
    from: row.from.toISOString(),
    until: row.until?.toISOString() ?? null,
    source: row.source,
  }));

describe('a price raised 10 days before a sale, then reduced', () => {
  // The navy merino has no German price-book price: it is converted until the first change.
  const SKU = 'APP-MERINO-NAV';

  it('strikes through the price before the raise, never the raised one', async () => {
    expect((await germanPriceAt(SKU, '2026-10-01T09:00:00Z')).source).toBe('CONVERTED');
    await changeAt('2026-10-01T09:00:00Z', { kind: 'REGULAR', sku: SKU, amount: '100.00' });
    await changeAt('2026-11-03T09:00:00Z', { kind: 'REGULAR', sku: SKU, amount: '139.00' });
    await changeAt('2026-11-13T09:00:00Z', { kind: 'SALE', sku: SKU, amount: '89.00', until: new Date('2026-11-20T23:00:00Z') });

    expect(await rowsOf(SKU)).toEqual([
      { amountMinor: 10000, from: '2026-10-01T09:00:00.000Z', until: '2026-11-03T09:00:00.000Z', source: 'price-change' },
      { amountMinor: 13900, from: '2026-11-03T09:00:00.000Z', until: '2026-11-13T09:00:00.000Z', source: 'price-change' },
      { amountMinor: 8900, from: '2026-11-13T09:00:00.000Z', until: '2026-11-20T23:00:00.000Z', source: 'price-change' },
      { amountMinor: 13900, from: '2026-11-20T23:00:00.000Z', until: null, source: 'price-change' },
    ]);
    expect(await germanPriceAt(SKU, '2026-11-15T12:00:00Z')).toEqual({
      amount: { amount: '89.00' },
      source: 'LOCAL_PRICE_BOOK',
      compareAt: { amount: '100.00' },
      lowestPrior30Days: { amount: '100.00' },
    });
    // After the sale the regular price is back and nothing is struck through.
    expect(await germanPriceAt(SKU, '2026-11-22T12:00:00Z')).toMatchObject({ amount: { amount: '139.00' }, compareAt: null });
  });

  it('shows no struck-through price when the sale is not below the pre-raise price', async () => {
    const OTHER = 'APP-MERINO-SAN';
    await changeAt('2026-10-01T09:00:00Z', { kind: 'REGULAR', sku: OTHER, amount: '100.00' });
    await changeAt('2026-11-03T09:00:00Z', { kind: 'REGULAR', sku: OTHER, amount: '139.00' });
    await changeAt('2026-11-13T09:00:00Z', { kind: 'SALE', sku: OTHER, amount: '111.00', until: null });
    expect(await germanPriceAt(OTHER, '2026-11-15T12:00:00Z')).toEqual({
      amount: { amount: '111.00' },
      source: 'LOCAL_PRICE_BOOK',
      compareAt: null,
      lowestPrior30Days: { amount: '100.00' },
    });
  });
});

describe('ending a sale early', () => {
  const SKU = 'APP-MERINO-NAV';

  it('closes the sale row now and shows the regular price again, dropping the rows planned for its old end', async () => {
    await changeAt('2026-11-25T09:00:00Z', { kind: 'SALE', sku: SKU, amount: '99.00', until: new Date('2026-12-05T00:00:00Z') });
    const ended = await changeAt('2026-11-27T15:00:00Z', { kind: 'END_SALE', sku: SKU });
    expect(ended).toMatchObject({ historyRowsRemoved: 1, priceBookChanged: true });
    expect((await rowsOf(SKU)).slice(-3)).toEqual([
      { amountMinor: 13900, from: '2026-11-20T23:00:00.000Z', until: '2026-11-25T09:00:00.000Z', source: 'price-change' },
      { amountMinor: 9900, from: '2026-11-25T09:00:00.000Z', until: '2026-11-27T15:00:00.000Z', source: 'price-change' },
      { amountMinor: 13900, from: '2026-11-27T15:00:00.000Z', until: null, source: 'price-change' },
    ]);
    expect(await germanPriceAt(SKU, '2026-11-28T12:00:00Z')).toMatchObject({ amount: { amount: '139.00' }, compareAt: null });
    const again = await changeAt('2026-11-27T16:00:00Z', { kind: 'END_SALE', sku: SKU });
    expect(again).toMatchObject({ historyRowsWritten: 0, historyRowsRemoved: 0, priceBookChanged: false });
  });
});

describe('a regular price changed during the seeded Black Week sale', () => {
  it('keeps the running sale and its seed rows, and re-prices only the row planned for after the sale', async () => {
    const SKU = 'APP-MERINO-OLI';
    const result = await changeAt('2026-11-25T10:00:00Z', { kind: 'REGULAR', sku: SKU, amount: '149.00' });
    expect(result).toMatchObject({ historyRowsWritten: 1, historyRowsRemoved: 0 });
    expect(await rowsOf(SKU)).toEqual([
      { amountMinor: 13900, from: '2026-09-01T00:00:00.000Z', until: '2026-11-22T23:00:00.000Z', source: 'seed' },
      { amountMinor: 11100, from: '2026-11-22T23:00:00.000Z', until: '2026-11-30T23:00:00.000Z', source: 'seed' },
      { amountMinor: 14900, from: '2026-11-30T23:00:00.000Z', until: null, source: 'price-change' },
    ]);
    // The sale still strikes through the lowest price before it; after it, the new regular price shows.
    expect(await germanPriceAt(SKU, '2026-11-26T10:00:00Z')).toMatchObject({
      amount: { amount: '111.00' },
      compareAt: { amount: '139.00' },
    });
    expect(await germanPriceAt(SKU, '2026-12-02T10:00:00Z')).toMatchObject({ amount: { amount: '149.00' }, compareAt: null });
  });
});

describe('a converted price (base price × FX) in an EU market', () => {
  it('never shows a struck-through price: a base-price sale is struck through in the US, not in Germany', async () => {
    // The sand Chelsea boots have no price-book price: both markets convert the base price.
    const boots = productBySku('FTW-CHELSEA-SAN');
    const PRICES = /* GraphQL */ `
      query Prices($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Product {
            de: price(country: DE) { source compareAt { amount } lowestPrior30Days { amount } }
            us: price(country: US) { source compareAt { amount } }
          }
        }
      }
    `;
    const basePrices = harness.connection.collection('base_prices');
    const { amountMinor } = (await basePrices.findOne({ productId: boots.id }))!;
    await basePrices.updateOne(
      { productId: boots.id },
      { $set: { sale: { amountMinor: Math.floor(amountMinor * 0.8), validFrom: new Date('2026-11-01T00:00:00Z'), validUntil: null } } },
    );
    try {
      // After the demo ECB rates of 24 November (the seed has no earlier ones).
      harness.setNow('2026-11-25T10:00:00Z');
      const result = await harness.execute(PRICES, { representations: [productRepresentation(boots)] });
      expect(result.errors).toBeUndefined();
      const { de, us } = result.data!._entities[0];
      expect(us).toMatchObject({ source: 'CONVERTED', compareAt: { amount: expect.stringMatching(/^\d+\.\d{2}$/) } });
      expect(de).toEqual({ source: 'CONVERTED', compareAt: null, lowestPrior30Days: null });
    } finally {
      await basePrices.updateOne({ productId: boots.id }, { $set: { sale: null } });
    }
  });
});

describe('writing a price change', () => {
  // Portuguese boots: no duty into Germany, so the shown price is the price-book price.
  const SKU = 'FTW-CHELSEA-BLA';

  it('is idempotent: the same change again writes nothing', async () => {
    const first = await changeAt('2026-10-02T09:00:00Z', { kind: 'REGULAR', sku: SKU, amount: '249.00' });
    expect(first).toMatchObject({ historyRowsWritten: 1, priceBookChanged: true });
    const again = await changeAt('2026-10-02T10:00:00Z', { kind: 'REGULAR', sku: SKU, amount: '249.00' });
    expect(again).toMatchObject({ historyRowsWritten: 0, historyRowsRemoved: 0, priceBookChanged: false });
    const sameInstant = await changeAt('2026-10-03T09:00:00Z', {
      kind: 'REGULAR',
      sku: SKU,
      amount: '249.00',
      from: new Date('2026-10-02T09:00:00Z'),
    });
    expect(sameInstant).toMatchObject({ historyRowsWritten: 0, priceBookChanged: false });
  });

  it('completes a change whose process died half-way through its writes, before planning the next one', async () => {
    const id = productBySku(SKU).id;
    // As left by a crash: the change to 199.00 from 5 October recorded its writes on the product's lock, closed
    // the 249.00 row and died before opening its own row and writing the price book; its lease has lapsed.
    const pending = {
      upserts: [
        {
          currency: 'EUR',
          amountMinor: 24900,
          from: new Date('2026-10-02T09:00:00Z'),
          until: new Date('2026-10-05T09:00:00Z'),
          source: 'price-change',
        },
        { currency: 'EUR', amountMinor: 19900, from: new Date('2026-10-05T09:00:00Z'), until: null, source: 'price-change' },
      ],
      removals: [],
      priceBook: { currency: 'EUR', amountMinor: 19900, sale: null },
    };
    await harness.connection
      .collection('price_history')
      .updateOne({ productId: id, market: 'DE', until: null }, { $set: { until: new Date('2026-10-05T09:00:00Z') } });
    await harness.connection
      .collection<{ _id: string }>('price_change_locks')
      .replaceOne(
        { _id: `${id}:DE` },
        { revision: 7, holder: 'a process that died', lockedUntil: new Date(Date.now() - 1_000), pending },
        { upsert: true },
      );
    // Its German price is the old one until the change is completed.
    expect((await germanPriceAt(SKU, '2026-10-05T09:04:00Z')).amount).toEqual({ amount: '249.00' });

    const resumed = await changeAt('2026-10-05T09:05:00Z', { kind: 'REGULAR', sku: SKU, amount: '199.00' });
    // The dead change was completed first, so this one finds its price on record and writes nothing.
    expect(resumed).toMatchObject({ historyRowsWritten: 0, priceBookChanged: false });
    expect(await rowsOf(SKU)).toEqual([
      { amountMinor: 24900, from: '2026-10-02T09:00:00.000Z', until: '2026-10-05T09:00:00.000Z', source: 'price-change' },
      { amountMinor: 19900, from: '2026-10-05T09:00:00.000Z', until: null, source: 'price-change' },
    ]);
    expect((await germanPriceAt(SKU, '2026-10-06T00:00:00Z')).amount).toEqual({ amount: '199.00' });
    expect(await harness.connection.collection('price_change_locks').findOne({ _id: `${id}:DE` } as never)).toMatchObject({
      holder: null,
      lockedUntil: null,
      pending: null,
    });
  });

  it('refuses bad input with a clear code and message, writing nothing', async () => {
    const id = productBySku(SKU).id;
    const before = await rowsOf(SKU);
    const refusal = async (change: PriceChange) => {
      const error = await changePrice(models, change, new Date('2026-10-10T09:00:00Z')).catch((caught: unknown) => caught);
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    };
    expect(await refusal({ kind: 'REGULAR', productId: id, country: 'XX', amount: '1.00' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^We do not sell to "XX"; markets: .*DE/),
    });
    expect(await refusal({ kind: 'REGULAR', productId: id, country: 'DE', amount: '1.005' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('more decimals than EUR allows (2)'),
    });
    expect(await refusal({ kind: 'REGULAR', productId: id, country: 'DE', amount: '0' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await refusal({ kind: 'REGULAR', productId: 'ffffffffffffffffffffffff', country: 'DE', amount: '1.00' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await refusal({ kind: 'REGULAR', productId: 'not-an-id', country: 'DE', amount: '1.00' })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await refusal({ kind: 'REGULAR', productId: id, country: 'DE', amount: '1.00', from: new Date('2026-10-11T00:00:00Z') }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('cannot start in the future') });
    expect(
      await refusal({ kind: 'REGULAR', productId: id, country: 'DE', amount: '1.00', from: new Date('2026-10-06T00:00:00Z') }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('199.00 EUR is on record as shown at 2026-10-06') });
    expect(await refusal({ kind: 'SALE', productId: id, country: 'DE', amount: '299.00', until: null })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('cheaper'),
    });
    expect(await rowsOf(SKU)).toEqual(before);
  });

  it('reads the history with the index (no collection scan)', async () => {
    const explain = await harness.connection
      .collection('price_history')
      .find({ productId: productBySku(SKU).id, market: 'DE' })
      .sort({ from: 1 })
      .explain();
    expect(stagesOf(explain)).toContain('IXSCAN');
    expect(stagesOf(explain)).not.toContain('COLLSCAN');
    expect(seedProducts().length).toBeGreaterThan(0);
  });
});
