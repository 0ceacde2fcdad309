import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts, type SeedProduct } from '../../scripts/seed/catalog.ts';
import {
  productBySku,
  representationOf,
  startFulfillmentHarness,
  type FulfillmentHarness,
  type OperationResult,
} from './fulfillment/harness.ts';

// Wednesday 2026-11-25, 10:00 UTC, as in the end-to-end tests.
const NOW = '2026-11-25T10:00:00Z';

const BOOTS = productBySku('FTW-CHELSEA-BLA'); // Venlo only, 11 units
const TEE = productBySku('APP-TEE-NAV'); // Venlo (40) and New Jersey (120)
const DRY_SHAMPOO_BLACK = productBySku('BTY-DRYSHAMPOO-BLK'); // 0 units anywhere

/** The `_entities` representation the gateway sends for the Quote fields: key plus @requires fields. */
function quoteOf(lines: [SeedProduct, number][], shipToCountry: string, requestedDeliveryLevel: string | null = null) {
  return {
    __typename: 'Quote',
    id: `${shipToCountry}:${lines.map(([product, quantity]) => `${product.id}x${quantity}`).join(',')}`,
    shipToCountry,
    requestedDeliveryLevel,
    lines: lines.map(([product, quantity]) => {
      const { __typename: _typename, ...facts } = representationOf(product);
      return { quantity, product: facts };
    }),
  };
}

const QUOTE = `query Quote($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Quote {
      shippable
      shipments { fromWarehouse { id } lines { product { id } quantity } level charge { id } }
      unshippableLines { productId quantity reason message(locale: "de") }
      selectedDeliveryOption { level }
      shippingCharges { id }
      freeShippingThreshold { id }
    }
  }
}`;

function noStackTraces(result: OperationResult): void {
  for (const error of result.errors ?? []) expect(error.extensions ?? {}).not.toHaveProperty('stacktrace');
  expect(JSON.stringify(result)).not.toMatch(/\n\s+at |\.ts:\d+/);
}

let harness: FulfillmentHarness;

beforeAll(async () => {
  harness = await startFulfillmentHarness(NOW);
});

afterAll(async () => {
  await harness?.stop();
});

describe('Quote over _entities', () => {
  it('sets aside a line no single warehouse has enough of, and ships the rest', async () => {
    const result = await harness.execute(QUOTE, {
      representations: [
        quoteOf(
          [
            [BOOTS, 12],
            [TEE, 2],
            [DRY_SHAMPOO_BLACK, 1],
          ],
          'DE',
        ),
      ],
    });
    expect(result.errors).toBeUndefined();
    const quote = result.data!._entities[0];
    expect(quote.shippable).toBe(false);
    expect(quote.unshippableLines).toEqual([
      { productId: BOOTS.id, quantity: 12, reason: 'OUT_OF_STOCK', message: 'Derzeit nicht auf Lager' }, // Venlo has 11
      { productId: DRY_SHAMPOO_BLACK.id, quantity: 1, reason: 'OUT_OF_STOCK', message: 'Derzeit nicht auf Lager' },
    ]);
    expect(quote.shipments).toEqual([
      {
        fromWarehouse: { id: 'wh-nl-venlo' },
        lines: [{ product: { id: TEE.id }, quantity: 2 }],
        level: 'EXPRESS',
        charge: { id: 'EUR:1890:DE' },
      },
    ]);
    expect(quote.shippingCharges).toEqual([{ id: 'EUR:1890:DE' }]);
  });

  it('answers nothing-ships with no shipments, no selection and no charges, not with an error', async () => {
    const result = await harness.execute(QUOTE, { representations: [quoteOf([[DRY_SHAMPOO_BLACK, 1]], 'DE', 'EXPRESS')] });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]).toMatchObject({ shippable: false, shipments: [], selectedDeliveryOption: null, shippingCharges: [] });
  });

  it('refuses a destination we do not sell to on every field (NOT_SOLD), an unknown level, and a representation without its @requires fields', async () => {
    const notSold = await harness.execute(QUOTE, { representations: [quoteOf([[TEE, 1]], 'BR')] });
    expect(notSold.data!._entities[0]).toBeNull();
    expect(notSold.errors?.[0]).toMatchObject({
      message: 'We do not sell to BR; Query.markets lists the countries we sell to',
      extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_SOLD', country: 'BR' },
    });
    const threshold = await harness.execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Quote { freeShippingThreshold { id } } } }',
      {
        r: [{ __typename: 'Quote', id: 'q', shipToCountry: 'BR' }],
      },
    );
    expect(threshold.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_SOLD' });

    const level = await harness.execute(QUOTE, { representations: [quoteOf([[TEE, 1]], 'DE', 'OVERNIGHT')] });
    expect(level.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(level.errors?.[0]?.message).toContain('OVERNIGHT');

    const bare = { ...quoteOf([[TEE, 1]], 'DE'), lines: [{ quantity: 1, product: { id: TEE.id } }] };
    const missing = await harness.execute(QUOTE, { representations: [bare] });
    expect(missing.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    for (const result of [notSold, threshold, level, missing]) noStackTraces(result);
  });
});

describe('database access', () => {
  it('reads stock once per request, for a cart of 2 lines or of 50', async () => {
    const products = seedProducts();
    const run = (count: number) =>
      harness.commandsDuring(async () => {
        const lines = products.slice(0, count).map((product): [SeedProduct, number] => [product, 1]);
        const result = await harness.execute(QUOTE, { representations: [quoteOf(lines, 'DE')] });
        expect(result.errors).toBeUndefined();
        expect(result.data!._entities[0].shipments.length).toBeGreaterThan(0);
      });
    await run(2); // the first request of a freshness window reads the reference tables
    const two = await run(2);
    const fifty = await run(50);
    expect(two).toEqual(['find stock']);
    expect(fifty).toEqual(two);
  });
});
