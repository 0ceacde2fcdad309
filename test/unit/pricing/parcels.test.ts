import { describe, expect, it } from 'vitest';
import { DE_MINIMIS as SEEDED_DE_MINIMIS } from '../../../scripts/seed/pricing-reference.ts';
import type { DeMinimis, DutyRate } from '../../../subgraphs/pricing/domain/duty.ts';
import { sumOfShownSteps } from '../../../subgraphs/pricing/domain/explanation.ts';
import {
  quoteConsignment,
  type ConsignmentInput,
  type ConsignmentQuote,
  type QuoteLine,
  type QuoteParcel,
} from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { dec, eur, money } from './helpers.ts';

/**
 * A cart ships in parcels, and at the border each parcel is a consignment of its own: its warehouse decides whether
 * its goods cross a customs border, its charge is the freight of its own lines, its value meets de minimis alone.
 */

const DE_RECORD: DeMinimis = SEEDED_DE_MINIMIS.find((record) => record.destination === 'DE')!; // €150 relief, €3 flat from 2026-07-01
const BEFORE_FLAT_DUTY = new Date('2026-06-30T10:00:00Z');
const FLAT_DUTY_IN_FORCE = new Date('2026-11-25T10:00:00Z');

const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const US: Market = {
  country: 'US',
  currency: 'USD',
  locale: 'en-US',
  taxDisplay: 'exclusive',
  incoterm: 'DAP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'FOB',
  additionalCurrencies: [],
};
const TAX: TaxRate[] = [
  { country: 'DE', category: 'standard', ratePercent: '19' },
  { country: 'US', category: 'standard', ratePercent: '0' },
];
const DUTY: DutyRate[] = [
  { destination: 'DE', hsPrefix: '61', ratePercent: '12' },
  { destination: 'DE', hsPrefix: '64', ratePercent: '8' },
  { destination: 'US', hsPrefix: '64', ratePercent: '20' },
];
const US_RECORD: DeMinimis = {
  destination: 'US',
  dutyThreshold: null,
  taxThreshold: null,
  asOf: new Date('2025-08-29T00:00:00Z'),
  source: 'test',
};

const line = (productId: string, gross: string, hsCode: string): QuoteLine => ({
  productId,
  unitPrice: eur(gross),
  quantity: 1,
  hsCode,
  taxCategory: 'standard',
});
const parcel = (fromCountry: string, lineIndexes: number[], charge: string): QuoteParcel => ({
  fromCountry,
  lineIndexes,
  charge: eur(charge),
});
const quoteDE = (lines: QuoteLine[], extra: Partial<ConsignmentInput>, now = BEFORE_FLAT_DUTY): ConsignmentQuote =>
  quoteConsignment({ lines, market: DE, taxRates: TAX, dutyRates: DUTY, deMinimis: [DE_RECORD], now, ...extra });

function expectAddsUp(result: ConsignmentQuote): void {
  expect(sumOfShownSteps(result.steps).toFixed(2)).toBe(dec(result.total));
  const added = result.breakdown.filter((row) => row.treatment === 'ADDED').reduce((total, row) => total + row.amount.minor, 0n);
  expect(added).toBe(result.total.minor);
}

// A jacket (net €200.00, knitted: 12 %) from Chiba and a shampoo (net €10.00) from Venlo, to Germany.
const JACKET = line('jacket', '238.00', '611030');
const SHAMPOO = line('shampoo', '11.90', '330510');
const SPLIT = [parcel('JP', [0], '11.90'), parcel('NL', [1], '5.95')];

describe('freight belongs to the parcel that carries the goods', () => {
  it("the jacket's CIF freight is the Chiba parcel's own charge net of VAT, not a value-weighted share of both parcels", () => {
    const result = quoteDE([JACKET, SHAMPOO], { parcels: SPLIT });
    expect(dec(result.items[0]!.freight)).toBe('10.00'); // €11.90 less 19 % VAT
    expect(dec(result.items[1]!.freight)).toBe('5.00'); // Venlo's €5.95 is the shampoo's alone
    expect(result.customsValue).toEqual({
      basis: 'CIF',
      goods: eur('200.00'),
      freight: eur('10.00'),
      insurance: eur('0.00'),
      value: eur('210.00'),
    });
    expect(dec(result.duty)).toBe('25.20'); // 12 % of €210.00
    expect(dec(result.importTax)).toBe('4.79'); // 19 % of €25.20 = 4.788
    // VAT on shipping follows each parcel's own goods: 1.90 (Chiba) + 0.95 (Venlo), beside the goods' 38.00 + 1.90.
    expect(dec(result.tax)).toBe('42.75');
    expect(dec(result.total)).toBe('297.74'); // 238.00 + 11.90 + 11.90 + 5.95 + 25.20 + 4.79
    expectAddsUp(result);

    // The same charges spread over the whole cart by value would give the jacket part of Venlo's parcel as freight.
    const spread = quoteDE([JACKET, SHAMPOO], {
      shippingCharges: [eur('11.90'), eur('5.95')],
      lines: [JACKET, { ...SHAMPOO, dutiable: false }],
    });
    expect(dec(spread.items[0]!.freight)).toBe('14.28');
  });

  it('each consignment reports its own shipping, customs value and duty, adding up to the cart', () => {
    const result = quoteDE([JACKET, SHAMPOO], { parcels: SPLIT });
    expect(
      result.consignments.map((consignment) => [
        consignment.fromCountry,
        consignment.crossesCustomsBorder,
        consignment.dutyBasis,
        dec(consignment.shipping!),
        dec(consignment.customsValue.value),
        dec(consignment.duty),
        dec(consignment.importTax),
      ]),
    ).toEqual([
      ['JP', true, 'AD_VALOREM', '11.90', '210.00', '25.20', '4.79'],
      ['NL', false, null, '5.95', '0.00', '0.00', '0.00'],
    ]);
    const labels = result.steps.map((step) => step.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Shipment 1 of 2 (from JP), net of VAT/GST', 'Shipment 2 of 2 (from NL), net of VAT/GST']),
    );
    expect(labels).toContain('Shipment 1 of 2 (from JP): Import duty on the CIF customs value 210.00');
  });
});

describe('customs is crossed where the parcel crosses a border, not where the goods were made', () => {
  it('goods in an EU warehouse are in free circulation: Venlo → DE owes no duty whatever their origin or value', () => {
    const result = quoteDE([line('jacket', '595.00', '611030')], { parcels: [parcel('NL', [0], '5.95')] });
    expect(result.items[0]).toMatchObject({ dutiable: false, dutyBasis: null });
    expect(dec(result.duty)).toBe('0.00');
    expect(dec(result.customsValue.value)).toBe('0.00');
    expect(result.deMinimis).toMatchObject({ dutyOwed: false, dutyBasis: null });
  });

  it('the same goods leaving Chiba owe duty (above €150)', () => {
    const result = quoteDE([line('jacket', '595.00', '611030')], { parcels: [parcel('JP', [0], '5.95')] });
    expect(result.items[0]).toMatchObject({ dutiable: true, dutyBasis: 'AD_VALOREM' });
    expect(dec(result.duty)).toBe('60.60'); // 12 % of (500.00 + 5.00 freight)
  });

  it('New Jersey → US is domestic: a shoe made in Vietnam owes no US duty', () => {
    const shoe: QuoteLine = {
      productId: 'shoe',
      unitPrice: money('120.00', 'USD'),
      quantity: 1,
      hsCode: '640399',
      taxCategory: 'standard',
    };
    const input = { lines: [shoe], market: US, taxRates: TAX, dutyRates: DUTY, deMinimis: [US_RECORD], now: FLAT_DUTY_IN_FORCE };
    const domestic = quoteConsignment({ ...input, parcels: [{ fromCountry: 'US', lineIndexes: [0], charge: money('9.99', 'USD') }] });
    expect(dec(domestic.duty)).toBe('0.00');
    const imported = quoteConsignment({ ...input, parcels: [{ fromCountry: 'JP', lineIndexes: [0], charge: money('9.99', 'USD') }] });
    expect(dec(imported.duty)).toBe('24.00'); // 20 % of the FOB value 120.00: freight is not in a US customs value
  });

  it('a line no parcel carries does not ship: no freight, no duty, its own consignment with no country', () => {
    const result = quoteDE([JACKET, line('boots', '119.00', '640399')], { parcels: [parcel('JP', [0], '11.90')] });
    expect(result.items[1]).toMatchObject({ dutiable: false, dutyBasis: null });
    expect(dec(result.items[1]!.freight)).toBe('0.00');
    expect(dec(result.items[0]!.freight)).toBe('10.00');
    expect(result.consignments.map((consignment) => consignment.fromCountry)).toEqual(['JP', null]);
    expectAddsUp(result);
  });
});

describe('de minimis and the EU flat duty are assessed per parcel', () => {
  // Two knitted shirts, net €100.00 each, same subheading, one from Chiba and one from a US warehouse.
  const shirts = [line('shirt-a', '119.00', '610910'), line('shirt-b', '119.00', '610910')];
  const twoParcels = [parcel('JP', [0], '5.95'), parcel('US', [1], '5.95')];

  it('before 2026-07-01: two €100 parcels are each under the €150 relief, though together they exceed it', () => {
    const apart = quoteDE(shirts, { parcels: twoParcels });
    expect(apart.consignments.map((consignment) => [consignment.dutyBasis, dec(consignment.comparedValue)])).toEqual([
      ['RELIEF', '100.00'],
      ['RELIEF', '100.00'],
    ]);
    expect(dec(apart.duty)).toBe('0.00');
    expect(apart.deMinimis.dutyOwed).toBe(false);

    const together = quoteDE(shirts, { parcels: [parcel('JP', [0, 1], '5.95')] });
    expect(together.consignments[0]).toMatchObject({ dutyBasis: 'AD_VALOREM', dutyOwed: true });
    expect(dec(together.duty)).toBe('24.60'); // 12 % of (200.00 + 5.00 freight), split 12.30 + 12.30
  });

  it('from 2026-07-01: the €3 flat duty counts the subheading once per parcel (€6 for two parcels, €3 for one)', () => {
    const apart = quoteDE(shirts, { parcels: twoParcels }, FLAT_DUTY_IN_FORCE);
    expect(
      apart.consignments.map((consignment) => [consignment.dutyBasis, consignment.flatDutySubheadings, dec(consignment.duty)]),
    ).toEqual([
      ['FLAT_LOW_VALUE', 1, '3.00'],
      ['FLAT_LOW_VALUE', 1, '3.00'],
    ]);
    expect(dec(apart.duty)).toBe('6.00');
    expect(dec(apart.importTax)).toBe('1.14'); // 19 % of each €3: 0.57 + 0.57
    expect(apart.deMinimis).toMatchObject({ dutyBasis: 'FLAT_LOW_VALUE', flatDutySubheadings: 2 });
    const dutySteps = apart.steps.filter((step) => step.kind === 'DUTY').map((step) => step.label);
    expect(dutySteps).toHaveLength(2);
    expect(dutySteps[0]).toMatch(/^Shipment 1 of 2 \(from JP\): .*€3 × 1 item$/);
    expect(dutySteps[1]).toMatch(/^Shipment 2 of 2 \(from US\): .*€3 × 1 item$/);
    expectAddsUp(apart);

    const together = quoteDE(
      [line('shirt-a', '59.50', '610910'), line('shirt-b', '59.50', '610910')],
      { parcels: [parcel('JP', [0, 1], '5.95')] },
      FLAT_DUTY_IN_FORCE,
    );
    expect(dec(together.duty)).toBe('3.00');
  });
});

describe('parcels are checked', () => {
  it('refuses charges given both per parcel and per cart, and a line in two parcels', () => {
    expect(() => quoteDE([JACKET, SHAMPOO], { parcels: SPLIT, shippingCharges: [eur('1.00')] })).toThrow(/not both/);
    expect(() => quoteDE([JACKET, SHAMPOO], { parcels: [parcel('JP', [0], '1.00'), parcel('NL', [0, 1], '1.00')] })).toThrow(/line 0/);
  });
});
