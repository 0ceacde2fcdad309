import { createConnection } from 'mongoose';
import { describe, expect, it } from 'vitest';
import {
  DE_MINIMIS as SEEDED_DE_MINIMIS,
  DUTY_TABLE,
  EU_LOW_VALUE_REGIME,
  EU_MEMBER_STATES,
} from '../../../scripts/seed/pricing-reference.ts';
import {
  activeLowValueRegime,
  dutyFraction,
  dutyOn,
  findDutyRate,
  MAX_DUTY_RATE_PERCENT,
  type DeMinimis,
  type DutyRate,
} from '../../../subgraphs/pricing/domain/duty.ts';
import { sumOfShownSteps } from '../../../subgraphs/pricing/domain/explanation.ts';
import { quoteConsignment, type QuoteLine } from '../../../subgraphs/pricing/domain/landed-cost.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import { deMinimisIn, priceForShopper, type ShopperPriceInput } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import type { TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
import { createPricingModels } from '../../../subgraphs/pricing/models.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

// The seeded EU record, as pricing reads it: €150 relief until 2026-06-30, €3 per tariff subheading from 2026-07-01.
const seededRecord = (country: string): DeMinimis => {
  const record = SEEDED_DE_MINIMIS.find((candidate) => candidate.destination === country);
  if (!record) throw new Error(`No seeded de minimis record for ${country}`);
  return record;
};
const DE_RECORD = seededRecord('DE');

const BEFORE = new Date('2026-06-30T23:59:59Z');
const FROM = new Date('2026-07-01T00:00:00Z');
const NOW = new Date('2026-11-25T10:00:00Z');

const DE: Market = {
  country: 'DE',
  currency: 'EUR',
  locale: 'de-DE',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 100,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const PL: Market = {
  country: 'PL',
  currency: 'PLN',
  locale: 'pl-PL',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 150,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const TAX: TaxRate[] = [
  { country: 'DE', category: 'standard', ratePercent: '19' },
  { country: 'PL', category: 'standard', ratePercent: '23' },
];
const DUTY: DutyRate[] = [
  { destination: 'DE', hsPrefix: '22', ratePercent: '5' },
  { destination: 'DE', hsPrefix: '61', ratePercent: '12' },
  { destination: 'DE', hsPrefix: '62', ratePercent: '12' },
  { destination: 'PL', hsPrefix: '61', ratePercent: '12' },
];

function productPage(overrides: Partial<ShopperPriceInput>): ReturnType<typeof priceForShopper> {
  return priceForShopper({
    productId: 'tee',
    market: DE,
    localPrices: [],
    basePrice: { productId: 'tee', price: eur('50.00') },
    hsCode: '610910',
    taxCategory: 'standard',
    taxRates: TAX,
    dutyRates: DUTY,
    deMinimis: [DE_RECORD],
    rates: [],
    now: NOW,
    maxRateAgeHours: 96,
    ...overrides,
  });
}

const line = (productId: string, gross: string, hsCode: string, quantity = 1): QuoteLine => ({
  productId,
  unitPrice: eur(gross),
  quantity,
  hsCode,
  taxCategory: 'standard',
});
const quoteDE = (lines: QuoteLine[], now: Date, shippingCharges: ReturnType<typeof eur>[] = []) =>
  quoteConsignment({ lines, market: DE, taxRates: TAX, dutyRates: DUTY, deMinimis: [DE_RECORD], shippingCharges, now });

describe('EU low-value regime on a product page (one unit = one consignment, one tariff subheading)', () => {
  it('a €50.00-net US T-shirt in Germany owes the €3 flat duty and its 19 % import VAT from 2026-07-01, shown as its own step', () => {
    const price = productPage({});
    expect(price.dutyBasis).toBe('FLAT_LOW_VALUE');
    expect(price.steps.map((step) => [step.kind, step.label, step.amount])).toEqual([
      ['BASE_PRICE', 'Base price, net of tax', '50.00'],
      ['TAX', 'VAT/GST 19 %', '9.50'],
      ['DUTY', 'EU low-value flat duty €3 × 1 item', '3.00'],
      ['IMPORT_TAX', 'Import VAT/GST 19 % on the duty', '0.57'],
    ]);
    expect(dec(price.amount)).toBe('63.07');
    expect(sumOfShownSteps(price.steps).toFixed(2)).toBe('63.07');
    // Split back: the flat part (3.00 + 0.57) comes off before the VAT-inclusive net.
    expect([dec(price.net), dec(price.tax), dec(price.duty), dec(price.importTax), dec(price.goodsPrice)]).toEqual([
      '50.00',
      '9.50',
      '3.00',
      '0.57',
      '59.50',
    ]);
    expect(price.belowDeMinimis).toBe(false);
    // The flat duty is not a share of a rate: the step carries none.
    expect(price.steps[2]).toMatchObject({ ratePercent: null, basis: null });
  });

  it('a clock pinned in June 2026 still applies the €150 relief; the regime starts at 2026-07-01T00:00Z exactly', () => {
    const june = productPage({ now: BEFORE });
    expect(june.dutyBasis).toBe('RELIEF');
    expect(dec(june.amount)).toBe('59.50');
    expect(dec(june.duty)).toBe('0.00');
    expect(june.belowDeMinimis).toBe(true);
    expect(june.steps.map((step) => step.kind)).toEqual(['BASE_PRICE', 'TAX']);

    const first = productPage({ now: FROM });
    expect(first.dutyBasis).toBe('FLAT_LOW_VALUE');
    expect(dec(first.amount)).toBe('63.07');
    expect(activeLowValueRegime(DE_RECORD, BEFORE)).toBeNull();
    expect(activeLowValueRegime(DE_RECORD, FROM)).toBe(EU_LOW_VALUE_REGIME);
  });

  it('above €150 the tariff rate applies; at exactly €150 the flat duty does', () => {
    const coat = productPage({ basePrice: { productId: 'tee', price: eur('150.01') } });
    expect(coat.dutyBasis).toBe('AD_VALOREM');
    expect(dec(coat.duty)).toBe('18.00'); // 12 % of the split-back net 150.01 → 18.0012
    const atCeiling = productPage({ basePrice: { productId: 'tee', price: eur('150.00') } });
    expect(atCeiling.dutyBasis).toBe('FLAT_LOW_VALUE');
    expect(dec(atCeiling.duty)).toBe('3.00');
  });

  it('sake (2206), which the old relief excluded, owes the €3 like any item under the new regime', () => {
    // Per the Commission's guide as reported (WiseTech Academy; secondary, unverified): the €3 "also applies to products
    // that were previously excluded from the tariff exemption, such as alcohol, perfumes and tobacco" — one item, €3.00,
    // not 5 % of €20.00.
    const sake = productPage({ hsCode: '220600', basePrice: { productId: 'tee', price: eur('20.00') } });
    expect(sake.dutyBasis).toBe('FLAT_LOW_VALUE');
    expect(dec(sake.duty)).toBe('3.00');
    expect(sake.steps.find((step) => step.kind === 'DUTY')?.label).toBe('EU low-value flat duty €3 × 1 item');
  });

  it('a price-book price gets the flat duty on top under DDP', () => {
    const price = productPage({ localPrices: [{ productId: 'tee', country: 'DE', price: eur('29.99') }] });
    // The book price split into its parts (issue #23: explanations split VAT out of every shown amount):
    // net 29.99 ÷ 1.19 = 25.2017 → 25.20, VAT 19 % the remainder 4.79.
    expect(price.steps.map((step) => [step.kind, step.amount])).toEqual([
      ['PRICE_BOOK', '25.20'],
      ['TAX', '4.79'],
      ['DUTY', '3.00'],
      ['IMPORT_TAX', '0.57'],
    ]);
    expect(dec(price.amount)).toBe('33.56');
  });

  it('in Poland the €3 and €150 are converted at the reference rate without margin, and the label says both amounts', () => {
    const rates = [{ base: 'EUR', quote: 'PLN', rate: '4.2345', source: 'ECB', asOf: new Date('2026-11-24T15:00:00Z') }];
    const [record] = deMinimisIn([seededRecord('PL')], 'PLN', { rates, now: NOW, maxRateAgeHours: 96 });
    // 3 × 4.2345 = 12.7035 → PLN 12.70; 150 × 4.2345 = 635.175 → PLN 635.18 (half-up to the grosz).
    expect(dec(record!.lowValueRegime!.amountPerSubheading)).toBe('12.70');
    expect(dec(record!.lowValueRegime!.valueCeiling)).toBe('635.18');
    const price = productPage({ market: PL, deMinimis: [record!], rates });
    const duty = price.steps.find((step) => step.kind === 'DUTY');
    expect(duty).toMatchObject({ label: 'EU low-value flat duty €3 (PLN 12.70) × 1 item', amount: '12.70', currency: 'PLN' });
    expect(dec(price.duty)).toBe('12.70');
    expect(dec(price.importTax)).toBe('2.92'); // 23 % of 12.70 = 2.921
    expect(sumOfShownSteps(price.steps).eq(dec(price.amount))).toBe(true);
  });
});

describe('EU low-value regime in a quote (€3 per distinct HS-6 subheading among the dutiable lines)', () => {
  it('1 silk blouse and 2 wool blouses are two items: €6 of duty (the Council’s own example)', () => {
    const result = quoteDE([line('silk', '59.50', '620610'), line('wool', '59.50', '620620', 2)], NOW);
    // Intrinsic value €150.00: not exceeding the ceiling.
    expect(result.deMinimis).toMatchObject({
      thresholdBasis: 'INTRINSIC_VALUE',
      dutyBasis: 'FLAT_LOW_VALUE',
      flatDutySubheadings: 2,
      dutyOwed: true,
    });
    expect(result.items.map((item) => [item.productId, item.dutyBasis, dec(item.duty), dec(item.importTax)])).toEqual([
      ['silk', 'FLAT_LOW_VALUE', '3.00', '0.57'],
      ['wool', 'FLAT_LOW_VALUE', '3.00', '0.57'],
    ]);
    expect(dec(result.duty)).toBe('6.00');
    expect(dec(result.total)).toBe('185.64'); // 178.50 + 6.00 + 1.14
    expect(result.steps.filter((step) => step.kind === 'DUTY').map((step) => [step.label, step.amount])).toEqual([
      ['EU low-value flat duty €3 × 2 items', '6.00'],
    ]);
  });

  it('two lines of one subheading owe €3 once, split by customs value so the lines add up', () => {
    const result = quoteDE([line('tee-black', '59.50', '610910'), line('tee-white', '29.75', '6109.10.00')], NOW);
    expect(result.deMinimis.flatDutySubheadings).toBe(1);
    expect(result.items.map((item) => dec(item.duty))).toEqual(['2.00', '1.00']);
    expect(dec(result.duty)).toBe('3.00');
  });

  it('compares the intrinsic value with €150 but assesses ad valorem duty on the CIF value', () => {
    // Goods €140.00 net + shipping €20.00 net: CIF €160.00, intrinsic €140.00.
    const cart = [line('jacket', '166.60', '610910')];
    const november = quoteDE(cart, NOW, [eur('23.80')]);
    expect(november.customsValue.value).toEqual(eur('160.00'));
    expect(november.deMinimis.consignmentValue).toEqual(eur('140.00'));
    expect(november.items[0]?.dutyBasis).toBe('FLAT_LOW_VALUE');
    expect(dec(november.duty)).toBe('3.00');
    // In June the same cart was within the relief (comparing CIF would have charged 12 % of €160.00).
    const june = quoteDE(cart, BEFORE, [eur('23.80')]);
    expect(june.items[0]?.dutyBasis).toBe('RELIEF');
    expect(dec(june.duty)).toBe('0.00');
    // Over €150 of goods: 12 % of the CIF value (goods €160.00 + freight €20.00), not of the goods alone.
    const over = quoteDE([line('jacket', '190.40', '610910')], NOW, [eur('23.80')]);
    expect(over.items[0]?.dutyBasis).toBe('AD_VALOREM');
    expect(dec(over.duty)).toBe('21.60');
  });

  it('a low-value cart of sake and a T-shirt: two items (2206 and 6109), €3 each, in one step', () => {
    // €20.00 + €50.00 = €70.00 intrinsic ≤ €150; the €3 covers alcohol too (Commission guide as reported, secondary):
    // two distinct subheadings = two items, 2 × €3 = €6.00.
    const result = quoteDE([line('sake', '23.80', '220600'), line('tee', '59.50', '610910')], NOW);
    expect(result.items.map((item) => [item.productId, item.dutyBasis, dec(item.duty)])).toEqual([
      ['sake', 'FLAT_LOW_VALUE', '3.00'],
      ['tee', 'FLAT_LOW_VALUE', '3.00'],
    ]);
    expect(result.steps.filter((step) => step.kind === 'DUTY').map((step) => [step.label, step.amount])).toEqual([
      ['EU low-value flat duty €3 × 2 items', '6.00'],
    ]);
    expect(sumOfShownSteps(result.steps).toFixed(2)).toBe(dec(result.total));
  });

  it('goods that cross no border count for nothing: a Portuguese sweater owes no flat duty', () => {
    const result = quoteConsignment({
      lines: [{ ...line('sweater', '59.50', '611011'), dutiable: false }],
      market: DE,
      taxRates: TAX,
      dutyRates: DUTY,
      deMinimis: [DE_RECORD],
      now: NOW,
    });
    expect(result.items[0]?.dutyBasis).toBeNull();
    expect(dec(result.duty)).toBe('0.00');
    expect(result.deMinimis.dutyBasis).toBeNull();
  });
});

describe('seeded low-value data', () => {
  it('every EU member state carries the €3 regime from 2026-07-01 with its €150 ceiling, on the intrinsic value', () => {
    for (const country of EU_MEMBER_STATES) {
      const record = seededRecord(country);
      expect(record.thresholdBasis, country).toBe('INTRINSIC_VALUE');
      expect(record.lowValueRegime, country).toBe(EU_LOW_VALUE_REGIME);
      expect(record.source, country).not.toMatch(/illustrative/);
    }
    expect(EU_LOW_VALUE_REGIME).toMatchObject({
      kind: 'FLAT_PER_TARIFF_SUBHEADING',
      amountPerSubheading: eur('3.00'),
      valueCeiling: eur('150.00'),
      validFrom: FROM,
      // "until 1 July 2028, after which normal customs duties will apply" (Baker McKenzie, 2026-07-02; secondary).
      validTo: new Date('2028-07-01T00:00:00Z'),
      after: 'ORDINARY_TARIFF',
      // Alcohol, perfume and tobacco are covered (Commission guide as reported by WiseTech; secondary).
      excludedHsPrefixes: [],
      verified: false,
    });
    expect(EU_LOW_VALUE_REGIME.source).toContain('2026/382');
    // The UK and Australia compare the goods' value; the US has no threshold at all.
    expect(['GB', 'AU', 'US'].map((country) => seededRecord(country).thresholdBasis ?? null)).toEqual([
      'INTRINSIC_VALUE',
      'INTRINSIC_VALUE',
      null,
    ]);
    expect(seededRecord('US').thresholdBasisSource).toMatch(/No threshold/);
  });
});

describe('duty rates above 100 %', () => {
  it('accepts Korea’s 513.6 % green-tea rate and up to 1000 %, and rejects more as a data error', () => {
    expect(dutyOn(money('10000', 'KRW'), '513.6', 'HALF_UP')).toEqual(money('51360', 'KRW'));
    expect(dutyFraction(String(MAX_DUTY_RATE_PERCENT)).toString()).toBe('10');
    expectDomainError(() => dutyFraction('1000.01'), 'BAD_USER_INPUT', '1000.01', 'between 0 and 1000');
    expectDomainError(() => dutyFraction('-1'), 'BAD_USER_INPUT', '"-1"');
  });

  it('the seeded KR tariff holds matcha (0902.10) at 513.6 %, with its source', () => {
    const kr = DUTY_TABLE.rates.filter((rate) => rate.destination === 'KR');
    expect(findDutyRate('090210', 'KR', kr)).toMatchObject({ ratePercent: '513.6', hsPrefix: '090210' });
    expect(kr.find((rate) => rate.hsPrefix === '090210')?.source).toMatch(/Korea Customs Service.*0902\.10.*513\.6/);
  });

  it('the duty_rates model stores 513.6 % and refuses 1000.5 %', async () => {
    const { DutyRate } = createPricingModels(createConnection());
    const row = (ratePercent: string) => new DutyRate({ destination: 'KR', hsPrefix: '090210', ratePercent, asOf: NOW, source: 'test' });
    await expect(row('513.6').validate()).resolves.toBeUndefined();
    await expect(row('1000.5').validate()).rejects.toThrow('duty rate 1000.5 % is above 1000 %');
  });
});
