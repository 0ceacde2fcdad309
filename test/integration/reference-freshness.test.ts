import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productBySku, productRepresentation, quoteRepresentation, startPricingHarness, type PricingHarness } from './pricing/harness.ts';

// Reference data is served from memory for at most the freshness bound; these tests use a short bound so a
// change made in the database (here: a new FX rate, as an ECB import writes it) must show within it. The bound is
// a second, not less: the "no read within the window" step must hold even when a loaded CI machine takes a few
// hundred milliseconds between two requests.
const NOW = '2026-11-25T10:00:00.000Z';
const TTL_MS = 1_000;
const RATES = '{ fxRates { base quote rate } }';

let harness: PricingHarness;
beforeAll(async () => {
  harness = await startPricingHarness(NOW, { referenceTtlMs: TTL_MS });
});
afterAll(async () => {
  await harness?.stop();
});

async function eurKwd(): Promise<string | undefined> {
  const result = await harness.execute(RATES);
  expect(result.errors).toBeUndefined();
  return (result.data!.fxRates as { base: string; quote: string; rate: string }[]).find(
    (rate) => rate.base === 'EUR' && rate.quote === 'KWD',
  )?.rate;
}

describe('reference data freshness', () => {
  it('serves a new FX import within the freshness bound, and not from the database on every request before that', async () => {
    expect(await eurKwd()).toBe('0.3535');
    await harness.connection.db!.collection('fx_rates').insertOne({
      base: 'EUR',
      quote: 'KWD',
      rate: '0.3601',
      source: 'test import',
      asOf: new Date('2026-11-25T09:00:00Z'),
    });
    const importedAt = performance.now();
    // Within the window the cached table still answers (no read per request)…
    const reads = await harness.commandsDuring(() => eurKwd());
    expect(reads).toEqual([]);
    // …and once the window has passed, the import is what every request sees.
    let seen: string | undefined;
    while (performance.now() - importedAt < TTL_MS * 10) {
      seen = await eurKwd();
      if (seen === '0.3601') break;
      await new Promise((resolve) => setTimeout(resolve, TTL_MS / 4));
    }
    expect(seen).toBe('0.3601');
  });

  it('never uses a rate before it is published, however fresh the cache', async () => {
    await harness.connection.db!.collection('fx_rates').insertOne({
      base: 'EUR',
      quote: 'KWD',
      rate: '0.9999',
      source: 'test: published tomorrow',
      asOf: new Date('2026-11-26T09:00:00Z'),
    });
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 1.5));
    expect(await eurKwd()).toBe('0.3601');
    harness.setNow('2026-11-26T10:00:00.000Z');
    expect(await eurKwd()).toBe('0.9999');
  });
});

describe('tax registrations are reference data too', () => {
  const COLLECTION = /* GraphQL */ `
    query Collection($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Product { price(country: CH) { taxIncluded collection { collector schemeCode registrationNumber } } }
      }
    }
  `;
  async function swissCollection() {
    const result = await harness.execute(COLLECTION, { representations: [productRepresentation(productBySku('APP-MERINO-OLI'))] });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0].price as {
      taxIncluded: boolean;
      collection: { collector: string; registrationNumber: string | null };
    };
  }

  const QUOTE = /* GraphQL */ `
    query Quote($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Quote { dutyIncluded tax { amount } dueOnDelivery { amount } total { amount } }
      }
    }
  `;
  async function swissQuote() {
    // One merino sweater from Venlo to Switzerland: an import into the Swiss customs territory.
    const representation = quoteRepresentation('CH', [{ sku: 'APP-MERINO-OLI', quantity: 1 }], { shipments: [{ from: 'NL' }] });
    const result = await harness.execute(QUOTE, { representations: [representation] });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0] as { dutyIncluded: boolean; tax: { amount: string }; dueOnDelivery: { amount: string } };
  }

  it('prices a registration recorded in the database within the freshness bound, without a read per request', async () => {
    expect((await swissCollection()).collection.collector).toBe('CARRIER_ON_DELIVERY');
    // Unregistered, Switzerland clears DAP: Swiss import VAT is due to the carrier on delivery, none at checkout.
    const before = await swissQuote();
    expect(before).toMatchObject({ dutyIncluded: false, tax: { amount: '0.00' } });
    expect(before.dueOnDelivery.amount).not.toBe('0.00');
    // As `npm run registrations -- add --scheme CH_MAIL_ORDER …` writes it.
    await harness.connection.db!.collection('tax_registrations').insertOne({
      scheme: 'CH_MAIL_ORDER',
      number: 'CHE-123.456.789 MWST',
      destinations: ['CH'],
      validFrom: new Date('2026-01-01T00:00:00Z'),
      validTo: null,
      note: 'test',
    });
    const recordedAt = performance.now();
    // Within the window: the product's prices are read (per request, as always), the registrations are not.
    expect(await harness.commandsDuring(() => swissCollection())).toEqual(['aggregate base_prices']);
    let seen = await swissCollection();
    while (seen.collection.collector !== 'SELLER_AT_CHECKOUT' && performance.now() - recordedAt < TTL_MS * 10) {
      await new Promise((resolve) => setTimeout(resolve, TTL_MS / 4));
      seen = await swissCollection();
    }
    // Registered: Swiss VAT is charged at checkout (a domestic supply) and nothing more at the door.
    expect(seen).toMatchObject({
      taxIncluded: true,
      collection: { collector: 'SELLER_AT_CHECKOUT', schemeCode: 'CH_MAIL_ORDER', registrationNumber: 'CHE-123.456.789 MWST' },
    });
    // The quote says so too: Swiss VAT in the total, nothing at the door — though the market's usual terms are DAP.
    const after = await swissQuote();
    expect(after).toMatchObject({ dutyIncluded: true, dueOnDelivery: { amount: '0.00' } });
    expect(after.tax.amount).not.toBe('0.00');
  });
});
