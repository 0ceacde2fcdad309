import { describe, expect, it } from 'vitest';
import {
  add,
  assertCurrency,
  compare,
  currencyExponent,
  formatMoney,
  isZero,
  moneyFromDecimal,
  moneyOf,
  multiply,
  subtract,
  sum,
  toDecimalString,
} from '../../../subgraphs/pricing/domain/money.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const NBSP = '\u00a0';

describe('currencies (ISO 4217 via currency-codes)', () => {
  it('knows how many decimals each currency has', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('rejects an unknown currency, naming it', () => {
    expectDomainError(() => assertCurrency('ABC'), 'BAD_USER_INPUT', '"ABC"');
    expectDomainError(() => moneyFromDecimal('1.00', 'EURO'), 'BAD_USER_INPUT', '"EURO"');
  });

  it('accepts only the canonical upper-case spelling', () => {
    expectDomainError(() => assertCurrency('eur'), 'BAD_USER_INPUT', '"eur"');
  });

  it('rejects ISO codes that are not money a shopper can pay with (gold, test code)', () => {
    expectDomainError(() => assertCurrency('XAU'), 'BAD_USER_INPUT', 'XAU');
    expectDomainError(() => assertCurrency('XTS'), 'BAD_USER_INPUT', 'XTS');
    expect(assertCurrency('XOF')).toBe('XOF'); // the West African CFA franc is a real currency
  });
});

describe('moneyFromDecimal', () => {
  it('parses exactly into minor units', () => {
    expect(moneyFromDecimal('12.34', 'EUR')).toEqual({ minor: 1234n, currency: 'EUR' });
    expect(moneyFromDecimal('1500', 'JPY')).toEqual({ minor: 1500n, currency: 'JPY' });
    expect(moneyFromDecimal('4.25', 'KWD')).toEqual({ minor: 4250n, currency: 'KWD' });
    expect(moneyFromDecimal('-0.05', 'EUR')).toEqual({ minor: -5n, currency: 'EUR' });
  });

  it('is exact where a float is not: 0.10 + 0.20 is 0.30', () => {
    expect(dec(add(eur('0.10'), eur('0.20')))).toBe('0.30');
  });

  it('refuses more decimals than the currency has unless told how to round', () => {
    expectDomainError(() => moneyFromDecimal('12.345', 'EUR'), 'BAD_USER_INPUT', '12.345', 'EUR');
    expectDomainError(() => moneyFromDecimal('1500.5', 'JPY'), 'BAD_USER_INPUT', '1500.5', 'JPY');
    expect(dec(moneyFromDecimal('12.345', 'EUR', 'HALF_UP'))).toBe('12.35');
    expect(dec(moneyFromDecimal('12.345', 'EUR', 'HALF_EVEN'))).toBe('12.34');
    expect(dec(moneyFromDecimal('1500.5', 'JPY', 'DOWN'))).toBe('1500');
  });

  it('rejects anything that is not a plain decimal string', () => {
    for (const bad of ['12,34', '1e3', ' 1.00', '', '.5', '5.', '+1']) {
      expectDomainError(() => moneyFromDecimal(bad, 'EUR'), 'BAD_USER_INPUT', `"${bad}"`);
    }
  });
});

describe('toDecimalString', () => {
  it('always writes the full exponent', () => {
    expect(toDecimalString(moneyOf(1230n, 'EUR'))).toBe('12.30');
    expect(toDecimalString(moneyOf(1500n, 'JPY'))).toBe('1500');
    expect(toDecimalString(moneyOf(4250n, 'KWD'))).toBe('4.250');
    expect(toDecimalString(moneyOf(5n, 'KWD'))).toBe('0.005');
    expect(toDecimalString(moneyOf(-5n, 'EUR'))).toBe('-0.05');
    expect(toDecimalString(moneyOf(0n, 'EUR'))).toBe('0.00');
  });

  it('stays exact beyond the range of a JS number', () => {
    expect(toDecimalString(moneyOf(12345678901234567890n, 'EUR'))).toBe('123456789012345678.90');
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and sums in one currency', () => {
    expect(dec(subtract(eur('10.00'), eur('0.01')))).toBe('9.99');
    expect(dec(sum([eur('1.10'), eur('2.20'), eur('3.30')], 'EUR'))).toBe('6.60');
    expect(dec(sum([], 'JPY'))).toBe('0');
  });

  it('refuses to mix currencies', () => {
    expectDomainError(() => add(eur('1.00'), money('1.00', 'USD')), 'BAD_USER_INPUT', 'EUR', 'USD');
    expectDomainError(() => compare(eur('1.00'), money('1', 'JPY')), 'BAD_USER_INPUT', 'EUR', 'JPY');
  });

  it('multiplies by whole quantities only', () => {
    expect(dec(multiply(eur('19.99'), 3))).toBe('59.97');
    expect(dec(multiply(money('0.125', 'KWD'), 999n))).toBe('124.875');
    expectDomainError(() => multiply(eur('19.99'), 1.5), 'BAD_USER_INPUT', '1.5');
  });

  it('compares and detects zero', () => {
    expect(compare(eur('9.99'), eur('10.00'))).toBe(-1);
    expect(compare(eur('10.00'), eur('10.00'))).toBe(0);
    expect([eur('3.00'), eur('1.00'), eur('2.00')].sort(compare).map(dec)).toEqual(['1.00', '2.00', '3.00']);
    expect(isZero(eur('0.00'))).toBe(true);
    expect(isZero(eur('0.01'))).toBe(false);
  });
});

describe('formatMoney', () => {
  it('formats as each market writes prices', () => {
    expect(formatMoney(eur('119.00'), 'de-DE')).toBe(`119,00${NBSP}€`);
    expect(formatMoney(money('1500', 'JPY'), 'ja-JP')).toBe('￥1,500'); // CLDR's ja-JP uses the full-width yen sign
    expect(formatMoney(money('1500', 'JPY'), 'en-US')).toBe('¥1,500');
    expect(formatMoney(money('4.250', 'KWD'), 'en-KW')).toBe(`KWD${NBSP}4.250`);
    expect(formatMoney(money('12.35', 'CHF'), 'de-CH')).toBe(`CHF${NBSP}12.35`);
    expect(formatMoney(eur('24.99'), 'nl-NL')).toBe(`€${NBSP}24,99`);
    expect(formatMoney(eur('-0.05'), 'en-US')).toBe('-€0.05');
  });

  it('shows every digit of amounts a JS number would round', () => {
    expect(formatMoney(money('12345678901234567.89', 'USD'), 'en-US')).toBe('$12,345,678,901,234,567.89');
  });

  it('rejects a malformed locale, naming it', () => {
    expectDomainError(() => formatMoney(eur('1.00'), 'not a locale!'), 'BAD_USER_INPUT', '"not a locale!"');
  });
});
