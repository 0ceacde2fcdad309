import { describe, expect, it } from 'vitest';
import { memoizeEstimates } from '../../../subgraphs/fulfillment/domain/index.ts';
import { memoizeDeliveryPlans, planDelivery, type DeliveryPlanInput } from '../../../subgraphs/fulfillment/domain/delivery-plan.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, MARKETS, SHIPPING_ZONES, WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';

// A listing's products through the per-request plan memo must get exactly the plan each would get alone;
// the memo only saves the work for products that share a box, tags and stock pattern.
const NOW = new Date('2026-11-25T10:00:00Z');
const MARKET_MAP = new Map(MARKETS.map((market) => [market.country, market]));
const [first, second, third] = WAREHOUSES.map((warehouse) => warehouse.id);

function input(overrides: Partial<DeliveryPlanInput>): DeliveryPlanInput {
  return {
    country: 'DE',
    parcel: { actualGrams: 650, dimensionsCm: { l: 40, w: 30, h: 10 } },
    complianceTags: [],
    stock: new Map([[first!, 5]]),
    warehouses: WAREHOUSES,
    services: CARRIER_SERVICES,
    zones: SHIPPING_ZONES,
    rules: COMPLIANCE_RULES,
    markets: MARKET_MAP,
    now: NOW,
    ...overrides,
  };
}

const PRODUCTS: Partial<DeliveryPlanInput>[] = [
  {},
  { stock: new Map([[first!, 7]]) }, // same pattern as the first: units > 0 in the same warehouse
  { stock: new Map([[first!, 0]]) }, // carried but out of stock
  { stock: new Map([[second!, 3]]) },
  {
    stock: new Map([
      [first!, 0],
      [second!, 2],
      [third!, 1],
    ]),
  },
  { stock: new Map() }, // stocked nowhere
  { parcel: { actualGrams: 651, dimensionsCm: { l: 40, w: 30, h: 10 } } },
  { parcel: { actualGrams: 650, dimensionsCm: { l: 40, w: 30, h: 11 } } },
  { complianceTags: ['aerosol'], stock: new Map([[third!, 4]]) },
  { complianceTags: ['aerosol', 'perfume'], stock: new Map([[third!, 4]]) },
  { complianceTags: ['aerosol,perfume'], stock: new Map([[third!, 4]]) },
  {
    country: 'JP',
    complianceTags: ['aerosol'],
    stock: new Map([
      [first!, 1],
      [second!, 1],
      [third!, 1],
    ]),
  },
  {
    country: 'KW',
    complianceTags: ['alcohol'],
    stock: new Map([
      [first!, 1],
      [second!, 1],
      [third!, 1],
    ]),
  },
  {
    country: 'US',
    stock: new Map([
      [first!, 1],
      [second!, 1],
      [third!, 1],
    ]),
  },
];

describe('memoizeDeliveryPlans (one request)', () => {
  it('plans every product exactly as planDelivery alone does, in any order and asked twice', () => {
    const plan = memoizeDeliveryPlans();
    const estimate = memoizeEstimates();
    for (const products of [PRODUCTS, [...PRODUCTS].reverse(), PRODUCTS]) {
      for (const product of products) {
        expect(plan(input({ ...product, estimate }))).toEqual(planDelivery(input(product)));
      }
    }
  });

  it('shares one plan between products with the same box, tags and stock pattern, and only them', () => {
    const plan = memoizeDeliveryPlans();
    const plans = PRODUCTS.map((product) => plan(input(product)));
    expect(plans[1]).toBe(plans[0]);
    expect(new Set(plans).size).toBe(PRODUCTS.length - 1);
    expect(plans[2]!.choice).toMatchObject({ shippable: false, reason: 'OUT_OF_STOCK' });
    expect(plans[0]!.choice.shippable).toBe(true);
  });

  it('starts afresh when the reference tables change (a new snapshot)', () => {
    const plan = memoizeDeliveryPlans();
    const before = plan(input({}));
    const onlyOtherOrigins = CARRIER_SERVICES.filter((service) => service.origin !== WAREHOUSES[0]!.country);
    const after = plan(input({ services: onlyOtherOrigins }));
    expect(after).not.toBe(before);
    expect(after.choice).toMatchObject({ shippable: false, reason: 'NO_CARRIER_SERVICE' });
    expect(plan(input({}))).toEqual(before);
  });

  it('tells stock patterns apart, also with many warehouses', () => {
    for (const count of [33, 40]) {
      const many = Array.from({ length: count }, (_, index) => ({ ...WAREHOUSES[index % WAREHOUSES.length]!, id: `wh-${index}` }));
      const plan = memoizeDeliveryPlans();
      const last = `wh-${count - 1}`;
      const stocked = plan(input({ warehouses: many, stock: new Map([[last, 5]]) }));
      const sameShape = plan(input({ warehouses: many, stock: new Map([[last, 9]]) }));
      const empty = plan(input({ warehouses: many, stock: new Map([[last, 0]]) }));
      const elsewhere = plan(input({ warehouses: many, stock: new Map([[`wh-${count - 2}`, 5]]) }));
      expect(sameShape).toBe(stocked);
      expect(empty).not.toBe(stocked);
      expect(elsewhere).not.toBe(stocked);
      expect(empty).toEqual(planDelivery(input({ warehouses: many, stock: new Map([[last, 0]]) })));
      expect(elsewhere).toEqual(planDelivery(input({ warehouses: many, stock: new Map([[`wh-${count - 2}`, 5]]) })));
    }
  });

  it('throws for a bad parcel every time instead of remembering anything', () => {
    const plan = memoizeDeliveryPlans();
    const bad = input({ parcel: { actualGrams: 650, dimensionsCm: { l: 0, w: 30, h: 10 } } });
    expect(() => plan(bad)).toThrow(/dimensionsCm.l/);
    expect(() => plan(bad)).toThrow(/dimensionsCm.l/);
  });
});
