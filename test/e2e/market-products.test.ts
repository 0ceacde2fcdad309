import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { createPricingModels } from '../../subgraphs/pricing/models.ts';
import { changePrice } from '../../subgraphs/pricing/services/change-price.ts';
import { markOfExchangeRates, markProjectionStale } from '../../subgraphs/pricing/services/mark-projection-stale.ts';
import { E2E_NOW, graphql, startTestStack, type TestStack } from './stack.ts';

// The projector runs one full pass at start and the next an hour later, so every later change reaches the list
// through the outbox of marks (read every 200 ms) or a pass the test asks for (`refresh`). Only
// the Swiss market is projected (the others take the same path). The test reads every product page to check the
// list against them, more than the default per-client rate allows.
let stack: TestStack;
let pricing: Connection;
beforeAll(async () => {
  stack = await startTestStack({ priceProjection: { intervalMs: 3_600_000, countries: ['CH'], pollMs: 200 }, rateLimit: false });
  await stack.priceProjector!.settled();
  pricing = await mongoose
    .createConnection(stack.mongodbUri, { dbName: databaseNameOf('pricing', { MERIDIAN_DB_PREFIX: stack.databasePrefix }) })
    .asPromise();
});
afterAll(async () => {
  await pricing?.close();
  await stack?.stop();
});

const LIST = /* GraphQL */ `
  query List($country: CountryCode!, $filter: MarketProductFilter, $sort: MarketProductSort, $first: Int, $after: String) {
    marketProducts(country: $country, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor price { amount currencyCode } node { id sku brand } }
      facets { brands { value count } categories { value count } priceBuckets { min { amount } max { amount } count } }
    }
  }
`;

// What every product page shows a Swiss shopper, read independently of the list.
const PAGES = /* GraphQL */ `
  query Pages {
    products(first: 100) {
      nodes { id sku brand price(country: CH) { amount { amount currencyCode } } delivery(shipTo: CH) { shippable } }
    }
  }
`;

interface Edge {
  cursor: string;
  price: { amount: string; currencyCode: string };
  node: { id: string; sku: string; brand: string };
}

/** A CHF amount in rappen, exactly (two decimals, as the Decimal scalar writes CHF). */
const rappen = (amount: string) => {
  const [units, cents = ''] = amount.split('.');
  return Number(units) * 100 + Number(cents.padEnd(2, '0'));
};

async function list(variables: Record<string, unknown>) {
  const response = await graphql(stack.gatewayUrl, LIST, { country: 'CH', ...variables });
  expect(response.errors).toBeUndefined();
  return response.data.marketProducts as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Edge[];
    facets: {
      brands: { value: string; count: number }[];
      categories: { value: string; count: number }[];
      priceBuckets: { min: { amount: string }; max: { amount: string } | null; count: number }[];
    };
  };
}

async function productPages() {
  const response = await graphql(stack.gatewayUrl, PAGES);
  expect(response.errors).toBeUndefined();
  return response.data.products.nodes as {
    id: string;
    sku: string;
    brand: string;
    price: { amount: { amount: string; currencyCode: string } } | null;
    delivery: { shippable: boolean };
  }[];
}

const UNDER_100_SHIPPABLE = { price: { max: '100.00' }, shippable: true };

describe('marketProducts: a Swiss shopper’s "under 100 CHF, sorted by price", through the gateway', () => {
  it('returns exactly the products whose shown CHF price is under 100 and that ship to CH, cheapest first', async () => {
    const result = await list({ filter: UNDER_100_SHIPPABLE, sort: { direction: 'ASC' }, first: 100 });
    const pages = await productPages();
    const expected = pages
      .filter((page) => page.price && rappen(page.price.amount.amount) < 10_000 && page.delivery.shippable)
      .map((page) => page.sku)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(pages.length); // the filter leaves some out, dearer ones and unshippable ones
    expect(result.edges.map((edge) => edge.node.sku).sort()).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);

    const bySku = new Map(pages.map((page) => [page.sku, page]));
    const amounts = result.edges.map((edge) => rappen(edge.price.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    for (const edge of result.edges) {
      // The same figure the product page shows, in francs.
      expect(edge.price).toEqual(bySku.get(edge.node.sku)!.price!.amount);
      expect(edge.price.currencyCode).toBe('CHF');
    }
  });

  it('sorts dearest first on request', async () => {
    const result = await list({ filter: UNDER_100_SHIPPABLE, sort: { direction: 'DESC' }, first: 100 });
    const amounts = result.edges.map((edge) => rappen(edge.price.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  });

  it('counts brands, categories and price buckets over the whole result, matching it', async () => {
    const result = await list({ filter: UNDER_100_SHIPPABLE, first: 100 });
    const brands = new Map<string, number>();
    for (const edge of result.edges) brands.set(edge.node.brand, (brands.get(edge.node.brand) ?? 0) + 1);
    expect(result.facets.brands).toEqual([...brands].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, count]) => ({ value, count })));
    const bucketTotal = result.facets.priceBuckets.reduce((sum, bucket) => sum + bucket.count, 0);
    expect(bucketTotal).toBe(result.totalCount);
    for (const bucket of result.facets.priceBuckets) {
      const inside = result.edges.filter((edge) => {
        const amount = rappen(edge.price.amount);
        return amount >= rappen(bucket.min.amount) && (bucket.max === null || amount < rappen(bucket.max.amount));
      });
      expect(inside.length, JSON.stringify(bucket)).toBe(bucket.count);
    }
    // A brand facet's count is what filtering by that brand returns.
    const [brand] = result.facets.brands;
    const byBrand = await list({ filter: { ...UNDER_100_SHIPPABLE, brand: brand!.value }, first: 100 });
    expect(byBrand.totalCount).toBe(brand!.count);
    expect(byBrand.edges.every((edge) => edge.node.brand === brand!.value)).toBe(true);
  });

  it('pages with stable cursors: every product once, in order', async () => {
    const all = await list({ filter: UNDER_100_SHIPPABLE, first: 100 });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result = await list({ filter: UNDER_100_SHIPPABLE, first: 3, after });
      seen.push(...result.edges.map((edge) => edge.node.sku));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((edge) => edge.node.sku));
  });

  it('refuses bad input with BAD_USER_INPUT, and a country we do not sell to as NOT_SOLD', async () => {
    for (const variables of [{ filter: { price: { max: '99.999' } } }, { first: 0 }, { after: 'bm9wZQ' }]) {
      const response = await graphql(stack.gatewayUrl, LIST, { country: 'CH', ...variables });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    const notSold = await graphql(stack.gatewayUrl, LIST, { country: 'KP' });
    expect(notSold.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_SOLD' });
  });

  it('reflects a price change without waiting for a full pass: the change marks the product, the projector re-projects it', async () => {
    const before = await list({ filter: UNDER_100_SHIPPABLE, first: 100 });
    const passBefore = stack.priceProjector!.last()!.pass;
    const drainedBefore = stack.priceProjector!.drains().marks;
    const pages = await productPages();
    const dear = pages.find((page) => page.price && rappen(page.price.amount.amount) >= 10_000 && page.delivery.shippable)!;
    expect(dear).toBeDefined();
    expect(before.edges.map((edge) => edge.node.sku)).not.toContain(dear.sku);

    await changePrice(
      createPricingModels(pricing),
      { kind: 'REGULAR', productId: dear.id, country: 'CH', amount: '49.90' },
      new Date(E2E_NOW),
    );
    const shown = (await productPages()).find((page) => page.sku === dear.sku)!.price!.amount;
    expect(rappen(shown.amount)).toBeLessThan(10_000);
    // Within a few polls of the outbox (every 200 ms here), long before the next full pass (an hour away).
    await vi.waitFor(
      async () => {
        const after = await list({ filter: UNDER_100_SHIPPABLE, first: 100 });
        expect(after.edges.find((edge) => edge.node.sku === dear.sku)?.price).toEqual(shown);
        expect(after.totalCount).toBe(before.totalCount + 1);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(stack.priceProjector!.last()!.pass).toBe(passBefore);
    expect(stack.priceProjector!.drains().marks).toBeGreaterThan(drainedBefore);
    expect(await createPricingModels(pricing).PriceProjectionMark.countDocuments({ productId: dear.id })).toBe(0);
  });

  it('re-projects every product in a full pass once the exchange rates change', async () => {
    const passBefore = stack.priceProjector!.last()!.pass;
    // What an ECB import leaves (pricing serves rates from memory for its reference TTL, 0 here).
    await markProjectionStale(createPricingModels(pricing), [markOfExchangeRates(new Date(E2E_NOW), 0)]);
    await vi.waitFor(() => expect(stack.priceProjector!.last()!.pass).not.toBe(passBefore), { timeout: 30_000, interval: 100 });
    await stack.priceProjector!.settled();
    expect(await createPricingModels(pricing).PriceProjectionMark.countDocuments({ productId: null })).toBe(0);
    // The pass wrote every listed row again.
    const result = await list({ first: 100 });
    expect(result.totalCount).toBeGreaterThan(0);
    const pass = await stack.priceProjector!.refresh();
    expect(pass.incomplete).toEqual([]);
    expect(pass.rows).toBe(result.totalCount);
  });
});
