import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { planCart, selectCartOption, type CartLine, type CartPlanInput } from '../../../subgraphs/fulfillment/domain/cart-plan.ts';
import { chargeableWeightOfPieces } from '../../../subgraphs/fulfillment/domain/rates.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, SHIPPING_ZONES, WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';

// Wednesday 2026-11-25, 12:00 UTC: 07:00 in New Jersey, 13:00 in Venlo, 21:00 in Chiba (past its cut-off).
const NOW = new Date('2026-11-25T12:00:00Z');
const BERLIN = { country: 'DE', timeZone: 'Europe/Berlin' };
const KUWAIT = { country: 'KW', timeZone: 'Asia/Kuwait' };

const BOOTS: CartLine = { productId: 'boots', quantity: 1, parcel: { actualGrams: 1600, dimensionsCm: { l: 34, w: 22, h: 13 } }, complianceTags: [] };
const MILL: CartLine = { productId: 'mill', quantity: 2, parcel: { actualGrams: 700, dimensionsCm: { l: 25, w: 10, h: 10 } }, complianceTags: [] };
const TEE: CartLine = { productId: 'tee', quantity: 3, parcel: { actualGrams: 180, dimensionsCm: { l: 30, w: 25, h: 3 } }, complianceTags: [] };
const SAKE: CartLine = { productId: 'sake', quantity: 1, parcel: { actualGrams: 1400, dimensionsCm: { l: 35, w: 10, h: 10 } }, complianceTags: ['alcohol'] };

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
    expect(chargeableWeightOfPieces([{ parcel: BOOTS.parcel, quantity: 1 }, { parcel: TEE.parcel, quantity: 3 }], 5000)).toBe(3295);
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
