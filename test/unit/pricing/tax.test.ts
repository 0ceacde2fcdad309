import { describe, expect, it } from 'vitest';
import { formatMoney, moneyOf } from '../../../subgraphs/pricing/domain/money.ts';
import { applyTax, findTaxRate, grossPriceOf, netPriceOf, taxOf, type TaxRate } from '../../../subgraphs/pricing/domain/tax.ts';
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
    // CHF 19.95 incl. 8.1 %: net 19.95 ÷ 1.081 = 18.4551… → 18.46, VAT 1.49
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

  it('matches known receipts: the VAT inside a tax-inclusive price is gross × rate ÷ (100 + rate), rounded', () => {
    // German VAT on €119.00 and on €9.99 (UStG: 19/119 of the gross); UK VAT fraction 1/6 at 20 %, 1/21 at 5 %.
    const inclusive = (price: string, currency: string, rate: string) =>
      applyTax({ price: money(price, currency), rate, priceIncludesTax: true, display: 'inclusive' });
    expect([inclusive('119.00', 'EUR', '19').net, inclusive('119.00', 'EUR', '19').tax].map(dec)).toEqual(['100.00', '19.00']);
    expect([inclusive('9.99', 'EUR', '19').net, inclusive('9.99', 'EUR', '19').tax].map(dec)).toEqual(['8.39', '1.60']);
    expect(dec(inclusive('120.00', 'GBP', '20').tax)).toBe('20.00');
    expect(dec(inclusive('21.00', 'GBP', '5').tax)).toBe('1.00');
    // Japan's consumption tax on ¥1,100 incl. 10 % is ¥100.
    expect([inclusive('1100', 'JPY', '10').net, inclusive('1100', 'JPY', '10').tax].map(dec)).toEqual(['1000', '100']);
  });

  it('splits every gross price from €0.01 to €20.00 at 19 % as integer arithmetic does', () => {
    // Computed here without the domain's decimal code: net = round(gross × 100 / 119), half up, in whole cents,
    // and the VAT = round(gross × 19 / 119). 119 is odd, so no price sits exactly on half a cent and both
    // roundings agree: the VAT is what the law computes, not just whatever makes the sum add up.
    const roundHalfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);
    for (let cents = 1n; cents <= 2_000n; cents += 1n) {
      const { net, tax, gross } = applyTax({ price: moneyOf(cents, 'EUR'), rate: '19', priceIncludesTax: true, display: 'inclusive' });
      expect([net.minor, tax.minor, gross.minor], `${cents} cents`).toEqual([
        roundHalfUp(cents * 100n, 119n),
        roundHalfUp(cents * 19n, 119n),
        cents,
      ]);
    }
  });

  it('adds Swiss VAT of 8.1 % to every net price from CHF 0.01 to CHF 20.00 as integer arithmetic does', () => {
    // tax = round(net × 81 / 1000), half up, in whole centimes; gross = net + tax.
    for (let cents = 1n; cents <= 2_000n; cents += 1n) {
      const { net, tax, gross, shown } = applyTax({
        price: moneyOf(cents, 'CHF'),
        rate: '8.1',
        priceIncludesTax: false,
        display: 'exclusive',
      });
      const expectedTax = (cents * 81n * 2n + 1000n) / 2000n;
      expect([net.minor, tax.minor, gross.minor, shown.minor], `${cents} centimes`).toEqual([
        cents,
        expectedTax,
        cents + expectedTax,
        cents,
      ]);
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
