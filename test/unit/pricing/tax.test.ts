import { describe, expect, it } from 'vitest';
import { formatMoney, moneyOf } from '../../../subgraphs/pricing/domain/money.ts';
import {
  applyTax,
  findTaxRate,
  grossPriceOf,
  netPriceOf,
  taxOf,
  type TaxRate,
} from '../../../subgraphs/pricing/domain/tax.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

describe('tax math (Vendure-style tiny functions)', () => {
  it('€100.00 net at 19 % is €119.00 gross, shown as "119,00 €" in Germany', () => {
    const gross = grossPriceOf(eur('100.00'), '19', 'HALF_UP');
    expect(dec(gross)).toBe('119.00');
    expect(formatMoney(gross, 'de-DE')).toBe('119,00\u00a0€');
    expect(dec(taxOf(eur('100.00'), '19', 'HALF_UP'))).toBe('19.00');
  });

  it('backs the net out of a tax-inclusive price', () => {
    expect(dec(netPriceOf(eur('119.00'), '19', 'HALF_UP'))).toBe('100.00');
    expect(dec(netPriceOf(eur('9.99'), '19', 'HALF_UP'))).toBe('8.39'); // 9.99 ÷ 1.19 = 8.3950…
    expect(dec(applyTax({ price: eur('9.99'), rate: '19', priceIncludesTax: true, display: 'inclusive' }).tax)).toBe('1.60');
  });

  it('handles decimal rates such as Swiss 8.1 %', () => {
    expect(dec(grossPriceOf(money('100.00', 'CHF'), '8.1', 'HALF_UP'))).toBe('108.10');
    // net 18.455… → 18.46, so the tax inside 19.95 is 1.49
    expect(dec(applyTax({ price: money('19.95', 'CHF'), rate: '8.1', priceIncludesTax: true, display: 'inclusive' }).tax)).toBe('1.49');
  });

  it('makes the rounding mode matter exactly at half a penny', () => {
    // £0.50 at 5 % = £0.025 of VAT
    expect(dec(taxOf(money('0.50', 'GBP'), '5', 'HALF_UP'))).toBe('0.03');
    expect(dec(taxOf(money('0.50', 'GBP'), '5', 'HALF_EVEN'))).toBe('0.02');
    expect(dec(taxOf(money('0.50', 'GBP'), '5', 'DOWN'))).toBe('0.02');
  });

  it('rejects rates that are not a percentage between 0 and 100', () => {
    expectDomainError(() => taxOf(eur('1.00'), '120', 'HALF_UP'), 'BAD_USER_INPUT', '120');
    expectDomainError(() => taxOf(eur('1.00'), '19%', 'HALF_UP'), 'BAD_USER_INPUT', '19%');
  });
});

describe('applyTax', () => {
  it('splits a tax-inclusive German price and shows the gross', () => {
    const result = applyTax({ price: eur('119.00'), rate: '19', priceIncludesTax: true, display: 'inclusive' });
    expect([result.net, result.tax, result.gross, result.shown].map(dec)).toEqual(['100.00', '19.00', '119.00', '119.00']);
  });

  it('adds tax to a net price and shows the net where prices are tax-exclusive', () => {
    const result = applyTax({ price: money('100.00', 'CHF'), rate: '8.1', priceIncludesTax: false, display: 'exclusive' });
    expect([result.net, result.tax, result.gross, result.shown].map(dec)).toEqual(['100.00', '8.10', '108.10', '100.00']);
  });

  it('rounds yen tax to whole yen: ¥1,500 incl. 10 % is ¥1,364 + ¥136', () => {
    const result = applyTax({ price: money('1500', 'JPY'), rate: '10', priceIncludesTax: true, display: 'inclusive' });
    expect([result.net, result.tax, result.gross].map(dec)).toEqual(['1364', '136', '1500']);
    expect(formatMoney(result.shown, 'ja-JP')).toBe('￥1,500');
  });

  it('keeps 3 decimals for dinar with no VAT', () => {
    const result = applyTax({ price: money('4.250', 'KWD'), rate: '0', priceIncludesTax: true, display: 'inclusive' });
    expect([result.net, result.tax, result.gross].map(dec)).toEqual(['4.250', '0.000', '4.250']);
  });

  it('uses the rounding mode it is given for its one rounding step', () => {
    const half = { price: money('0.50', 'GBP'), rate: '5', priceIncludesTax: false, display: 'inclusive' } as const;
    expect(dec(applyTax(half).gross)).toBe('0.53'); // default HALF_UP
    expect(dec(applyTax({ ...half, rounding: 'HALF_EVEN' }).gross)).toBe('0.52');
  });

  it('always has net + tax = gross, whatever the rounding did', () => {
    for (let cents = 1n; cents <= 2_000n; cents += 1n) {
      const { net, tax, gross } = applyTax({ price: moneyOf(cents, 'EUR'), rate: '19', priceIncludesTax: true, display: 'inclusive' });
      expect(net.minor + tax.minor).toBe(gross.minor);
      expect(gross.minor).toBe(cents);
    }
  });
});

describe('findTaxRate', () => {
  const rates: TaxRate[] = [
    { country: 'DE', category: 'standard', ratePercent: '19' },
    { country: 'DE', category: 'reduced', ratePercent: '7' },
  ];

  it('finds the rate for a country and category', () => {
    expect(findTaxRate('DE', 'reduced', rates)).toBe('7');
  });

  it('names what is missing', () => {
    expectDomainError(() => findTaxRate('FR', 'standard', rates), 'BAD_USER_INPUT', 'FR', 'standard');
  });
});
