import { describe, expect, it } from 'vitest';
import type { FxRate } from '../../../subgraphs/pricing/domain/fx.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import { formatMoney } from '../../../subgraphs/pricing/domain/money.ts';
import { isSaleActive, type BasePrice, type LocalPrice } from '../../../subgraphs/pricing/domain/price-book.ts';
import { priceForShopper, type ShopperPriceInput } from '../../../subgraphs/pricing/domain/shopper-price.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const FIXED = new Date('2026-11-24T15:00:00Z');
const NOW = new Date('2026-11-24T18:00:00Z');
const RATES: FxRate[] = [
  { base: 'EUR', quote: 'USD', rate: '1.1523', source: 'ECB', asOf: FIXED },
  { base: 'EUR', quote: 'JPY', rate: '180.12', source: 'ECB', asOf: FIXED },
  { base: 'EUR', quote: 'CHF', rate: '0.9318', source: 'ECB', asOf: FIXED },
];

const market = (overrides: Partial<Market> & Pick<Market, 'country' | 'currency'>): Market => ({
  locale: 'en',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 0,
  customsValuation: 'CIF',
  additionalCurrencies: [],
  ...overrides,
});
const DE = market({ country: 'DE', currency: 'EUR', fxMarginBps: 100 });
const NL = market({ country: 'NL', currency: 'EUR', presentment: { kind: 'charm', ending: '0.99' } });
const US = market({ country: 'US', currency: 'USD', taxDisplay: 'exclusive', fxMarginBps: 150 });
const JP = market({ country: 'JP', currency: 'JPY', presentment: { kind: 'increment', increment: '1' }, fxMarginBps: 200 });
const CH = market({ country: 'CH', currency: 'CHF', presentment: { kind: 'increment', increment: '0.05' }, fxMarginBps: 150 });

const BASE: BasePrice = { productId: 'tshirt', price: eur('50.00') }; // net of tax
const saleWeek = { validFrom: new Date('2026-11-20T00:00:00Z'), validUntil: new Date('2026-11-27T00:00:00Z') };

/** Which price a market shows for a product that crosses no customs border: the one path product pages take. */
function choose(m: Market, taxRatePercent: string, extra: Partial<ShopperPriceInput> = {}) {
  const price = priceForShopper({
    productId: 'tshirt',
    market: m,
    localPrices: [],
    basePrice: BASE,
    hsCode: '610910',
    taxCategory: 'standard',
    dutiable: false,
    taxRates: [{ country: m.country, category: 'standard', ratePercent: taxRatePercent }],
    dutyRates: [],
    deMinimis: [],
    rates: RATES,
    now: NOW,
    maxRateAgeHours: 72,
    ...extra,
  });
  return { unitPrice: price.amount, compareAt: price.compareAt, source: price.source, saleEndsAt: price.saleEndsAt, fx: price.fx };
}

describe('the price a market shows — converting the base price', () => {
  it('Germany: €50.00 net + 19 % = €59.50, no FX margin and no conversion on euro to euro', () => {
    const result = choose(DE, '19');
    expect(dec(result.unitPrice)).toBe('59.50');
    expect(result).toMatchObject({ source: 'CONVERTED', compareAt: null });
    expect(result.fx).toBeNull();
  });

  it('Netherlands: €60.50 gross shown as €60.99 (charm ending)', () => {
    expect(dec(choose(NL, '21').unitPrice)).toBe('60.99');
  });

  it('US: net price, FX at 1.1523 plus 150 bps → $58.48 before tax', () => {
    const result = choose(US, '0');
    expect(dec(result.unitPrice)).toBe('58.48'); // 50 × 1.1523 × 1.015 = 58.479
    expect(result.fx).toMatchObject({ rate: '1.1695845', stale: false, source: 'ECB', asOf: FIXED });
    expect(formatMoney(result.unitPrice, 'en-US')).toBe('$58.48');
  });

  it('Japan: whole yen, tax included → ¥10,105', () => {
    expect(dec(choose(JP, '10').unitPrice)).toBe('10105'); // 50 × 180.12 × 1.02 × 1.10 = 10104.73
  });

  it('Switzerland: rounded to 5 rappen → CHF 51.10', () => {
    expect(dec(choose(CH, '8.1').unitPrice)).toBe('51.10'); // 50 × 0.9318 × 1.015 × 1.081 = 51.119
  });

  it('still prices with an old rate, but says it is stale', () => {
    const result = choose(US, '0', { now: new Date('2026-11-28T15:00:00Z') });
    expect(result.fx?.stale).toBe(true);
    expect(dec(result.unitPrice)).toBe('58.48');
  });

  it('converts a base sale too, with the converted regular price as compare-at', () => {
    const result = choose(NL, '21', { basePrice: { ...BASE, sale: { price: eur('40.00'), ...saleWeek } } });
    expect(dec(result.unitPrice)).toBe('48.99'); // 40 × 1.21 = 48.40 → .99
    expect(result.compareAt && dec(result.compareAt)).toBe('60.99');
    expect(result.saleEndsAt).toEqual(saleWeek.validUntil);
  });
});

describe('the price a market shows — local price book', () => {
  const local: LocalPrice = { productId: 'tshirt', country: 'DE', price: eur('49.99') };

  it('a merchant-set local price wins over conversion and is used exactly', () => {
    const result = choose(DE, '19', { localPrices: [local] });
    expect(dec(result.unitPrice)).toBe('49.99');
    expect(result).toMatchObject({ source: 'LOCAL_PRICE_BOOK', fx: null, compareAt: null });
  });

  it('applies only to its own market', () => {
    expect(choose(NL, '21', { localPrices: [local] }).source).toBe('CONVERTED');
  });

  it('a sale applies from validFrom (inclusive) until validUntil (exclusive)', () => {
    const onSale: LocalPrice = { ...local, sale: { price: eur('39.99'), ...saleWeek } };
    const at = (now: Date) => choose(DE, '19', { localPrices: [onSale], now });

    const during = at(NOW);
    expect(dec(during.unitPrice)).toBe('39.99');
    expect(during.compareAt && dec(during.compareAt)).toBe('49.99');

    expect(dec(at(saleWeek.validFrom).unitPrice)).toBe('39.99');
    expect(dec(at(new Date(saleWeek.validFrom.getTime() - 1)).unitPrice)).toBe('49.99');
    const after = at(saleWeek.validUntil);
    expect(dec(after.unitPrice)).toBe('49.99');
    expect(after.compareAt).toBeNull();
  });

  it('shows no strike-through for a "sale" that is not cheaper', () => {
    const notCheaper: LocalPrice = { ...local, sale: { price: eur('49.99'), ...saleWeek } };
    expect(choose(DE, '19', { localPrices: [notCheaper] }).compareAt).toBeNull();
  });

  it('treats a sale without an end date as open-ended', () => {
    expect(isSaleActive({ price: eur('1.00'), validFrom: saleWeek.validFrom, validUntil: null }, new Date('2030-01-01'))).toBe(true);
  });

  it('fails loudly on a local price in the wrong currency (bad data, not bad input)', () => {
    const wrong: LocalPrice = { ...local, price: money('49.99', 'USD') };
    expectDomainError(() => choose(DE, '19', { localPrices: [wrong] }), 'INTERNAL_SERVER_ERROR', 'USD', 'EUR');
  });
});

describe('the price a market shows — no price at all', () => {
  it('is NOT_AVAILABLE in that market', () => {
    expectDomainError(() => choose(DE, '19', { basePrice: null }), 'NOT_AVAILABLE', 'tshirt', 'DE');
  });

  it('is DATA_UNAVAILABLE (missing reference data, our fault) naming the currencies when no FX rate exists', () => {
    const GB = market({ country: 'GB', currency: 'GBP' });
    expectDomainError(() => choose(GB, '20'), 'DATA_UNAVAILABLE', 'EUR', 'GBP');
  });
});
