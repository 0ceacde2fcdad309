import { describe, expect, it } from 'vitest';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import {
  deMinimisIn,
  presentmentCurrencyOf,
  priceForShopper,
  type ShopperPriceInput,
} from '../../../subgraphs/pricing/domain/shopper-price.ts';
import { sumOfShownSteps } from '../../../subgraphs/pricing/domain/explanation.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const NL: Market = {
  country: 'NL',
  currency: 'EUR',
  locale: 'nl-NL',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'charm', ending: '0.99' },
  fxMarginBps: 100,
  customsValuation: 'CIF',
  additionalCurrencies: [],
};
const CH: Market = {
  country: 'CH',
  currency: 'CHF',
  locale: 'de-CH',
  taxDisplay: 'inclusive',
  incoterm: 'DAP',
  presentment: { kind: 'increment', increment: '0.05' },
  fxMarginBps: 150,
  customsValuation: 'CIF',
  additionalCurrencies: ['EUR'],
};
const NOW = new Date('2026-11-25T10:00:00Z');
/** Switzerland: import VAT of CHF 5 or less per assessment is not levied (SR 641.204 Art. 1 let. d); a carrier fee. */
const CH_RECORD = [
  {
    destination: 'CH',
    dutyThreshold: null,
    taxThreshold: null,
    importTaxWaiver: { amount: money('5.00', 'CHF'), source: 'test', asOf: NOW },
    carrierFee: { amount: money('11.50', 'CHF'), source: 'test', asOf: NOW, illustrative: true },
    asOf: NOW,
    source: 'test',
  },
];

function input(overrides: Partial<ShopperPriceInput>): ShopperPriceInput {
  return {
    productId: 'p1',
    market: NL,
    localPrices: [],
    basePrice: { productId: 'p1', price: eur('200.00') },
    hsCode: '620193',
    taxCategory: 'standard',
    taxRates: [
      { country: 'NL', category: 'standard', ratePercent: '21' },
      { country: 'CH', category: 'standard', ratePercent: '8.1' },
    ],
    dutyRates: [{ destination: 'NL', hsPrefix: '62', ratePercent: '12' }],
    deMinimis: [{ destination: 'NL', dutyThreshold: eur('150.00'), taxThreshold: null, asOf: NOW, source: 'test' }],
    rates: [{ base: 'EUR', quote: 'CHF', rate: '0.9300', source: 'ECB', asOf: new Date('2026-11-24T15:00:00Z') }],
    now: NOW,
    maxRateAgeHours: 96,
    ...overrides,
  };
}

describe('priceForShopper', () => {
  it('applies NL’s .99 ending to the duty-inclusive price and splits it back so net + VAT + duty + import VAT = shown', () => {
    const price = priceForShopper(input({}));
    // 200 × 1.21 = 242, + duty 24 + import VAT 5.04 = 271.04 → 271.99.
    expect(dec(price.amount)).toBe('271.99');
    expect(price.steps.map((step) => [step.kind, step.amount])).toEqual([
      ['BASE_PRICE', '200.00'],
      ['TAX', '42.00'],
      ['DUTY', '24.00'],
      ['IMPORT_TAX', '5.04'],
      ['ROUNDING', '0.95'],
    ]);
    expect(sumOfShownSteps(price.steps).toFixed(2)).toBe('271.99');
    // net = 271.99 ÷ (1.21 + 0.12 × 1.21) = 200.70; duty 24.08; import VAT 5.06; VAT the remainder.
    expect([dec(price.net), dec(price.duty), dec(price.importTax), dec(price.tax)]).toEqual(['200.70', '24.08', '5.06', '42.15']);
    expect(price.net.minor + price.tax.minor + price.duty.minor + price.importTax.minor).toBe(price.amount.minor);
    // The tax is the legal share: 21 % of the net, within a cent of rounding.
    expect(Math.abs(Number(price.tax.minor) - Number(price.net.minor) * 0.21)).toBeLessThanOrEqual(1);
    expect(dec(price.goodsPrice)).toBe('242.85');
  });

  it('uses a price-book price as typed, adding duty on top under DDP, without re-rounding', () => {
    const price = priceForShopper(input({ localPrices: [{ productId: 'p1', country: 'NL', price: eur('181.50') }] }));
    expect(price.source).toBe('LOCAL_PRICE_BOOK');
    // net 150.00 is not over the €150 threshold: no duty.
    expect(dec(price.amount)).toBe('181.50');
    // Split into its parts: net 181.50 ÷ 1.21 = 150.00, VAT 21 % 31.50; the steps add up to the book price.
    expect(price.steps.map((step) => [step.kind, step.amount])).toEqual([
      ['PRICE_BOOK', '150.00'],
      ['TAX', '31.50'],
    ]);
  });

  it('explains a conversion with the reference rate and the margin as separate steps, then Swiss 0.05 rounding', () => {
    // Switzerland is DAP and we are not registered there: the carrier collects import VAT on delivery, so the page
    // shows the price paid at checkout without Swiss VAT (was: with 8.1 % VAT, which the door then charged again).
    const price = priceForShopper(input({ market: CH, basePrice: { productId: 'p1', price: eur('19.99') }, deMinimis: CH_RECORD }));
    const [base, conversion, margin, rounding] = price.steps;
    expect(base).toMatchObject({ kind: 'BASE_PRICE', amount: '19.99', currency: 'EUR' });
    expect(conversion).toMatchObject({ kind: 'FX_CONVERSION', exchangeRate: '0.93', amount: '18.5907', currency: 'CHF' });
    expect(margin).toMatchObject({ kind: 'FX_MARGIN', ratePercent: '1.5', amount: '0.2788605' });
    expect(rounding?.kind).toBe('ROUNDING');
    // 18.5907 + 0.2788605 = 18.8695605 → nearest 0.05: 18.85.
    expect(dec(price.amount)).toBe('18.85');
    expect([price.taxIncluded, dec(price.tax), price.collection.collector]).toEqual([false, '0.00', 'CARRIER_ON_DELIVERY']);
    // Import VAT 8.1 % × 18.85 = 1.53 ≤ CHF 5: not levied (SR 641.204 Art. 1 let. d), so nothing is due, no fee.
    expect(dec(price.dueOnDelivery)).toBe('0.00');
    expect(sumOfShownSteps(price.steps).eq(dec(price.amount))).toBe(true);
    expect(price.fx?.rate).toBe('0.94395');
  });

  it('says what a Swiss shopper pays at the door above the waiver: import VAT on the value and the carrier fee', () => {
    const price = priceForShopper(input({ market: CH, basePrice: { productId: 'p1', price: eur('200.00') }, deMinimis: CH_RECORD }));
    // 200.00 × 0.93 × 1.015 = 188.79 → nearest 0.05: 188.80; VAT 8.1 % × 188.80 = 15.2928 → 15.29 > 5: levied.
    expect(dec(price.amount)).toBe('188.80');
    expect(dec(price.importTax)).toBe('15.29');
    expect(dec(price.dueOnDelivery)).toBe('26.79'); // 15.29 + carrier fee 11.50 (no CH duty on chapter 62 here)
  });

  it('presents a Swiss price in EUR with plain cent rounding, without the Swiss VAT the carrier collects', () => {
    const deMinimis = deMinimisIn(CH_RECORD, 'EUR', { rates: input({}).rates, now: NOW, maxRateAgeHours: 96 });
    const price = priceForShopper(input({ market: CH, currency: 'EUR', basePrice: { productId: 'p1', price: eur('19.99') }, deMinimis }));
    // No exchange, no VAT at checkout: €19.99 as it is (nearest cent).
    expect(price.amount).toEqual(money('19.99', 'EUR'));
    expect(price.taxRatePercent).toBe('8.1');
    expect(price.steps.map((step) => step.kind)).toEqual(['BASE_PRICE']);
    // 8.1 % × 19.99 = 1.62 EUR, under the waiver CHF 5.00 ÷ 0.93 = 5.38 EUR: nothing due.
    expect(dec(price.dueOnDelivery)).toBe('0.00');
  });
});

describe('presentment currency', () => {
  it('accepts the market’s currency and its additional ones, and names them when refusing another', () => {
    expect(presentmentCurrencyOf(CH, null)).toBe('CHF');
    expect(presentmentCurrencyOf(CH, 'EUR')).toBe('EUR');
    expect(presentmentCurrencyOf(CH, 'CHF')).toBe('CHF');
    expectDomainError(() => presentmentCurrencyOf(CH, 'USD'), 'BAD_USER_INPUT', 'USD', 'CHF, EUR');
    expectDomainError(() => presentmentCurrencyOf(NL, 'CHF'), 'BAD_USER_INPUT', 'NL', 'CHF', 'EUR');
  });

  it('converts de minimis thresholds into the presented currency at the reference rate, without margin', () => {
    const [record] = deMinimisIn(
      [{ destination: 'CH', dutyThreshold: null, taxThreshold: money('62.00', 'CHF'), asOf: NOW, source: 'test' }],
      'EUR',
      { rates: input({}).rates, now: NOW, maxRateAgeHours: 96 },
    );
    // 62.00 CHF ÷ 0.93 = 66.666… → 66.67 EUR.
    expect(record?.taxThreshold).toEqual(eur('66.67'));
    expect(record?.dutyThreshold).toBeNull();
  });
});
