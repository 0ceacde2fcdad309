import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { stagesOf } from '../devdb/server.ts';
import { productRepresentation, quoteRepresentation, startPricingHarness, type PricingHarness } from './pricing/harness.ts';

// Inside the German Black Week sale (23 Nov – 1 Dec), at the end-to-end tests' clock.
const NOW = '2026-11-25T10:00:00Z';
// A short freshness bound, so a change to the payment methods must show within it.
const TTL_MS = 300;

let harness: PricingHarness;
beforeAll(async () => {
  harness = await startPricingHarness(NOW, { referenceTtlMs: TTL_MS });
});
afterAll(async () => {
  await harness?.stop();
});

const PRICES = /* GraphQL */ `
  query Prices($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product { id price(country: DE) { compareAt { amount } lowestPrior30Days { amount } } }
    }
  }
`;

describe('the price history behind the EU 30-day rule', () => {
  it('is read with one indexed $in query for a whole page of products', async () => {
    const products = seedProducts().slice(0, 12);
    let result: Awaited<ReturnType<PricingHarness['execute']>> | undefined;
    const commands = await harness.commandsDuring(async () => {
      result = await harness.execute(PRICES, { representations: products.map(productRepresentation) });
    });
    expect(result?.errors).toBeUndefined();
    expect(commands.filter((command) => command === 'find price_history')).toHaveLength(1);
    const explain = await harness.connection
      .collection('price_history')
      .find({ productId: { $in: products.map((product) => product.id) }, market: { $in: ['DE'] } })
      .explain();
    expect(stagesOf(explain)).toContain('IXSCAN');
    expect(stagesOf(explain)).not.toContain('COLLSCAN');
  });
});

describe('the FX lock', () => {
  const SETTLEMENT = /* GraphQL */ `
    query Settle($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Quote { settlement { fxLock { id expiresAt } } } }
    }
  `;
  const representation = quoteRepresentation('JP', [{ sku: 'ELE-ANC-BLA', quantity: 5 }]);

  it('is written once however many requests ask for it at the same time in one window', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => harness.execute(SETTLEMENT, { representations: [representation] })));
    const ids = new Set(answers.map((answer) => answer.data?._entities[0].settlement.fxLock.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await harness.connection.collection('fx_locks').countDocuments({ _id: id } as never)).toBe(1);
    const stored = await harness.connection.collection('fx_locks').findOne({ _id: id } as never);
    expect(stored).toMatchObject({
      quoteId: representation.id,
      market: 'JP',
      presentment: { currency: 'JPY', amountMinor: 209000 },
      settlement: { currency: 'EUR' },
      expiresAt: new Date('2026-11-25T10:30:00Z'),
      confirmedAt: null,
    });
  });

  it('is not written when only the settled amount is asked for', async () => {
    const other = quoteRepresentation('JP', [{ sku: 'ELE-ANC-BLA', quantity: 6 }]);
    const before = await harness.connection.collection('fx_locks').countDocuments();
    const result = await harness.execute(
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Quote { settlement { amount { amount } } } } }',
      { representations: [other] },
    );
    expect(result.errors).toBeUndefined();
    expect(await harness.connection.collection('fx_locks').countDocuments()).toBe(before);
  });
});

describe('payment methods as reference data', () => {
  const METHODS = /* GraphQL */ `
    query Methods($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Quote { total { amount } paymentMethods { code } } }
    }
  `;
  const germanCart = quoteRepresentation('DE', [{ sku: 'APP-MERINO-NAV', quantity: 1 }]);
  async function germanCodes(): Promise<string[]> {
    const result = await harness.execute(METHODS, { representations: [germanCart] });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].paymentMethods.map((method: { code: string }) => method.code);
  }

  // (That they are not read per request is the shared reference cache's, tested in reference-freshness.test.ts.)
  it('see a changed limit within the freshness bound', async () => {
    expect(await germanCodes()).toContain('KLARNA_PAY_LATER');
    const methods = harness.connection.collection('payment_methods');
    // The merchant's Klarna contract now stops at €100.00, below this cart's total.
    await methods.updateOne({ code: 'KLARNA_PAY_LATER' }, { $set: { 'limits.0.maxMinor': 10000 } });
    const changedAt = performance.now();
    try {
      let codes: string[] = [];
      while (performance.now() - changedAt < TTL_MS * 10) {
        codes = await germanCodes();
        if (!codes.includes('KLARNA_PAY_LATER')) break;
        await new Promise((resolve) => setTimeout(resolve, TTL_MS / 4));
      }
      expect(codes).not.toContain('KLARNA_PAY_LATER');
      expect(codes).toContain('SEPA_DIRECT_DEBIT');
    } finally {
      await methods.updateOne({ code: 'KLARNA_PAY_LATER' }, { $set: { 'limits.0.maxMinor': 150000 } });
    }
  });
});
