import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import {
  cartDelivery,
  planCart,
  selectCartOption,
  type CartLine,
  type CartPlanInput,
} from '../../../subgraphs/fulfillment/domain/cart-plan.ts';
import { chargeableWeightOfPieces } from '../../../subgraphs/fulfillment/domain/rates.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, SHIPPING_ZONES, WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';

// Wednesday 2026-11-25, 12:00 UTC: 07:00 in New Jersey, 13:00 in Venlo, 21:00 in Chiba (past its cut-off).
const NOW = new Date('2026-11-25T12:00:00Z');
const BERLIN = { country: 'DE', timeZone: 'Europe/Berlin' };
const KUWAIT = { country: 'KW', timeZone: 'Asia/Kuwait' };

const BOOTS: CartLine = {
  productId: 'boots',
  quantity: 1,
  parcel: { actualGrams: 1600, dimensionsCm: { l: 34, w: 22, h: 13 } },
  complianceTags: [],
};
const MILL: CartLine = {
  productId: 'mill',
  quantity: 2,
  parcel: { actualGrams: 700, dimensionsCm: { l: 25, w: 10, h: 10 } },
  complianceTags: [],
};
const TEE: CartLine = {
  productId: 'tee',
  quantity: 3,
  parcel: { actualGrams: 180, dimensionsCm: { l: 30, w: 25, h: 3 } },
  complianceTags: [],
};
const SAKE: CartLine = {
  productId: 'sake',
  quantity: 1,
  parcel: { actualGrams: 1400, dimensionsCm: { l: 35, w: 10, h: 10 } },
  complianceTags: ['alcohol'],
};

/** Stock as the seed writes it: units per warehouse per product. */
const STOCK: Record<string, Record<string, number>> = {
  boots: { 'wh-nl-venlo': 8 },
  mill: { 'wh-jp-chiba': 25 },
  tee: { 'wh-nl-venlo': 40, 'wh-us-nj': 120 },
  sake: { 'wh-jp-chiba': 60 },
};

function input(lines: CartLine[], overrides: Partial<CartPlanInput> = {}): CartPlanInput {
  return {
    lines,
    destination: BERLIN,
    now: NOW,
    warehouses: WAREHOUSES,
    services: CARRIER_SERVICES,
    stock: new Map(Object.entries(STOCK).map(([product, rows]) => [product, new Map(Object.entries(rows))])),
    rules: COMPLIANCE_RULES,
    zones: SHIPPING_ZONES,
    ...overrides,
  };
}

const summary = (plan: ReturnType<typeof planCart>) =>
  plan.shipments.map((shipment) => ({ from: shipment.warehouse.id, lines: shipment.lines.map((line) => line.productId) }));

describe('planCart', () => {
  it('ships a cart one warehouse can serve in one parcel, billed at the weight of all its pieces', () => {
    const plan = planCart(input([BOOTS, TEE]));
    expect(summary(plan)).toEqual([{ from: 'wh-nl-venlo', lines: ['boots', 'tee'] }]);
    expect(plan.warehouseChoice).toBe('FASTEST');
    expect(plan.unshippableLines).toEqual([]);
    // Boots 34×22×13 = 9724 cm³ → 1945 g volumetric (vs 1600 g); three tees 3 × 450 g volumetric (vs 180 g).
    const [standard] = plan.shipments[0]!.options.filter((option) => option.service.level === 'standard');
    expect(standard!.chargeableGrams).toBe(1945 + 3 * 450);
    expect(
      chargeableWeightOfPieces(
        [
          { parcel: BOOTS.parcel, quantity: 1 },
          { parcel: TEE.parcel, quantity: 3 },
        ],
        5000,
      ),
    ).toBe(3295);
  });

  it('splits a cart no single warehouse can serve: boots from Venlo, the mill from Chiba, each with its own window', () => {
    const plan = planCart(input([BOOTS, MILL]));
    expect(summary(plan)).toEqual([
      { from: 'wh-jp-chiba', lines: ['mill'] },
      { from: 'wh-nl-venlo', lines: ['boots'] },
    ]);
    expect(plan.warehouseChoice).toBeNull();
    // Both warehouses offer both levels to Germany; the cart is complete when its last parcel arrives.
    expect(plan.options.map((option) => option.level)).toEqual(['express', 'standard']);
    for (const option of plan.options) {
      expect(option.legs).toHaveLength(2);
      expect(option.earliest).toBe([...option.legs.map((leg) => leg.estimate.earliest)].sort().at(-1));
      expect(option.latest).toBe([...option.legs.map((leg) => leg.estimate.latest)].sort().at(-1));
    }
    const express = plan.options[0]!;
    expect(express.legs.map((leg) => leg.service.id)).toEqual(['jp-ems-eu', 'nl-ups-express-saver-eu']);
  });

  it('uses the fewest parcels: a line two warehouses stock rides with the line only one of them has', () => {
    const plan = planCart(input([BOOTS, MILL, TEE]));
    expect(summary(plan)).toEqual([
      { from: 'wh-jp-chiba', lines: ['mill'] },
      { from: 'wh-nl-venlo', lines: ['boots', 'tee'] },
    ]);
  });

  it('still answers when a line cannot ship: the line is set aside with its reason and the rest ships', () => {
    const plan = planCart(input([TEE, SAKE], { destination: KUWAIT }));
    expect(plan.unshippableLines).toEqual([{ productId: 'sake', quantity: 1, reason: 'RESTRICTED_GOODS', tag: 'alcohol' }]);
    expect(summary(plan)).toEqual([{ from: 'wh-nl-venlo', lines: ['tee'] }]);

    const greedy = planCart(input([{ ...BOOTS, quantity: 9 }, TEE]));
    expect(greedy.unshippableLines).toEqual([{ productId: 'boots', quantity: 9, reason: 'OUT_OF_STOCK' }]);
    expect(summary(greedy)).toEqual([{ from: 'wh-nl-venlo', lines: ['tee'] }]);
  });

  it('has no shipments and no options when nothing ships', () => {
    const plan = planCart(input([SAKE], { destination: KUWAIT }));
    expect(plan.shipments).toEqual([]);
    expect(plan.options).toEqual([]);
    expect(selectCartOption(plan, 'express')).toBeNull();
  });
});

describe('selectCartOption', () => {
  it('takes the requested level, else the recommended (first) one', () => {
    const plan = planCart(input([BOOTS, MILL]));
    expect(selectCartOption(plan, null)?.level).toBe('express');
    expect(selectCartOption(plan, 'standard')?.level).toBe('standard');
  });

  it('refuses a level the cart does not offer, naming those it does', () => {
    // Kuwait is served by express lanes only from Venlo.
    const plan = planCart(input([TEE], { destination: KUWAIT }));
    expect(plan.options.map((option) => option.level)).toEqual(['express']);
    let error: unknown;
    try {
      selectCartOption(plan, 'standard');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).message).toBe('STANDARD delivery is not available for this cart to KW; available: EXPRESS');
  });
});

describe('cartDelivery', () => {
  it('is the selected option’s legs and window', () => {
    const plan = planCart(input([BOOTS, MILL]));
    const delivery = cartDelivery(plan, 'standard')!;
    expect(delivery.option?.level).toBe('standard');
    expect(delivery.legs.map((leg) => leg.service.id)).toEqual(['jp-air-parcel-eu', 'nl-dhl-paket-de']);
    expect([delivery.earliest, delivery.latest]).toEqual([delivery.option!.earliest, delivery.option!.latest]);
  });

  it('when the parcels share no level, ships each by its own best service instead of not at all', () => {
    // Venlo without its express lane, Chiba without its standard one.
    const services = CARRIER_SERVICES.filter((service) => service.id !== 'nl-ups-express-saver-eu' && service.id !== 'jp-air-parcel-eu');
    const plan = planCart(input([BOOTS, MILL], { services }));
    expect(plan.options).toEqual([]);
    const delivery = cartDelivery(plan, null)!;
    expect(delivery.option).toBeNull();
    expect(delivery.legs.map((leg) => leg.service.id)).toEqual(['jp-ems-eu', 'nl-dhl-paket-de']);
    expect(delivery.latest).toBe([...delivery.legs.map((leg) => leg.estimate.latest)].sort().at(-1));
    expect(() => cartDelivery(plan, 'express')).toThrow('EXPRESS delivery is not available for this cart to DE; available: none');
  });
});

describe('chargeableWeightOfPieces', () => {
  it('sums actual and volumetric weights piece by piece, each rounded up first, and bills the greater', () => {
    // 10.2 × 10 × 10 cm rounds up to 11 × 10 × 10 = 1100 cm³ → 220 g at 5000 cm³/kg; ×3 = 660 g of volume.
    // 100.4 g rounds up to 101 g; ×3 = 303 g actual. Volume wins.
    expect(chargeableWeightOfPieces([{ parcel: { actualGrams: 100.4, dimensionsCm: { l: 10.2, w: 10, h: 10 } }, quantity: 3 }], 5000)).toBe(
      660,
    );
    // A dense piece tips it the other way: 660 g + 1 g of volume against 303 g + 2000 g actual.
    expect(
      chargeableWeightOfPieces(
        [
          { parcel: { actualGrams: 100.4, dimensionsCm: { l: 10.2, w: 10, h: 10 } }, quantity: 3 },
          { parcel: { actualGrams: 2000, dimensionsCm: { l: 1, w: 1, h: 1 } }, quantity: 1 },
        ],
        5000,
      ),
    ).toBe(2303);
  });

  it('refuses a quantity that is not a whole number of at least one', () => {
    expect(() => chargeableWeightOfPieces([{ parcel: BOOTS.parcel, quantity: 0 }], 5000)).toThrow(DomainError);
    expect(() => chargeableWeightOfPieces([{ parcel: BOOTS.parcel, quantity: 1.5 }], 5000)).toThrow(DomainError);
  });
});
