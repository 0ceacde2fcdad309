import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { productBySku, representationOf, startFulfillmentHarness, type FulfillmentHarness } from './fulfillment/harness.ts';

/** `Product.stockCountries`: where a product is stocked, which pricing `@requires` to tell where a product page's unit ships from. */

const NOW = '2026-11-25T10:00:00.000Z';
const QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id stockCountries } } }';

let harness: FulfillmentHarness;
beforeAll(async () => {
  harness = await startFulfillmentHarness(NOW);
});
afterAll(async () => {
  await harness?.stop();
});

describe('Product.stockCountries', () => {
  it('lists the countries of the warehouses holding at least one unit, sorted; empty when none does', async () => {
    const skus = ['APP-TEE-NAV', 'APP-TEE-WHI', 'BTY-SPF-30', 'BTY-DRYSHAMPOO-100', 'ELE-CHARGER-65W', 'BTY-DRYSHAMPOO-BLK'];
    const products = skus.map((sku) => productBySku(sku));
    const result = await harness.execute(QUERY, { representations: products.map(representationOf) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((entity: { stockCountries: string[] }) => entity.stockCountries)).toEqual(
      products.map((product) =>
        [
          ...new Set(
            Object.entries(product.stock)
              .filter(([, units]) => units > 0)
              .map(([warehouse]) => ({ 'wh-us-nj': 'US', 'wh-nl-venlo': 'NL', 'wh-jp-chiba': 'JP' })[warehouse]!),
          ),
        ].sort(),
      ),
    );
    // The navy tee is in New Jersey and Venlo; the white one only in New Jersey (Venlo holds 0 units of it).
    const countries = result.data!._entities.map((entity: { stockCountries: string[] }) => entity.stockCountries);
    expect(countries[0]).toEqual(['NL', 'US']);
    expect(countries[1]).toEqual(['US']);
    expect(countries[4]).toEqual(['JP', 'NL', 'US']);
    expect(countries[5]).toEqual([]); // out of stock everywhere
  });

  it('reads stock in one query for 1 product or 50 (the same batch as delivery)', async () => {
    const products = seedProducts();
    const run = (count: number) =>
      harness.commandsDuring(async () => {
        const result = await harness.execute(QUERY, { representations: products.slice(0, count).map(representationOf) });
        expect(result.errors).toBeUndefined();
      });
    await run(1); // reference tables warm up
    expect(await run(1)).toEqual(['find stock']);
    expect(await run(50)).toEqual(['find stock']);
  });
});
