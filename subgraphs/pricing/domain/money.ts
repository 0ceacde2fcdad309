import { badUserInput } from '../../common/contract/errors.ts';
import { assertCurrency, currencyExponent } from '../../common/contract/currency.ts';
import { toDecimal } from './decimal.ts';
import type { Money } from './money-type.ts';
import { roundToMinor, type RoundingMode } from './rounding.ts';

export { assertCurrency, currencyExponent } from '../../common/contract/currency.ts';
export type { Money } from './money-type.ts';

/** Money from minor units, after checking the currency (1999n, 'EUR' → €19.99). */
export function moneyOf(minor: bigint, currency: string): Money {
  if (typeof minor !== 'bigint') throw badUserInput(`Minor units must be a bigint, got ${typeof minor}`, { minor });
  return { minor, currency: assertCurrency(currency) };
}

/** Zero in a currency — the neutral start of every sum. */
export function zeroOf(currency: string): Money {
  return moneyOf(0n, currency);
}

/**
 * Parses a decimal string exactly ("12.34" EUR → 1234n). More decimals than the currency has
 * ("12.345" EUR, "1.5" JPY) is an error unless a rounding mode says how to drop them — silently
 * losing a fraction of a cent is how totals stop adding up.
 */
export function moneyFromDecimal(amount: string, currency: string, rounding?: RoundingMode): Money {
  const exponent = currencyExponent(currency);
  const value = toDecimal(amount, 'amount');
  if (rounding === undefined && value.decimalPlaces() > exponent) {
    throw badUserInput(`Amount "${amount}" has more decimals than ${currency} allows (${exponent}); name a rounding mode to round it`, {
      amount,
      currency,
      exponent,
    });
  }
  // Without a mode the value already fits the exponent, so the mode below never changes it.
  return { minor: roundToMinor(value, currency, rounding ?? 'HALF_UP'), currency };
}

/**
 * The exact decimal string with the currency's full exponent: "12.30" EUR, "1500" JPY,
 * "4.250" KWD, "-0.05" EUR. This is what crosses the API — never a JS number.
 */
export function toDecimalString(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const negative = money.minor < 0n;
  const digits = (negative ? -money.minor : money.minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** a + b; both in the same currency (adding euros to yen is a bug, not a sum). */
export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { minor: a.minor + b.minor, currency: a.currency };
}

/** a − b; both in the same currency. */
export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { minor: a.minor - b.minor, currency: a.currency };
}

/** Sum of amounts in `currency` (needed for an empty list, which sums to zero). */
export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce(add, zeroOf(currency));
}

/** Unit price × quantity. Quantities are whole: a fractional "quantity" would need rounding, so it is rejected. */
export function multiply(money: Money, quantity: number | bigint): Money {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) {
    throw badUserInput(`Quantity must be a whole number, got ${quantity}`, { quantity });
  }
  return { minor: money.minor * BigInt(quantity), currency: money.currency };
}

/** True for an amount of exactly zero. */
export function isZero(money: Money): boolean {
  return money.minor === 0n;
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (same currency; sort-compatible). */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

// Formatters are costly to build and locales arrive from requests, so keep a small bounded cache.
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 256;

/**
 * Formats for a shopper: "119,00 €" (de-DE), "￥1,500" (ja-JP), "KWD 4.250" (en-KW). Intl gets the
 * exact decimal STRING, never a number, and exactly the ISO exponent as fraction digits (CLDR's own
 * digits differ for a few currencies), so what is shown is what is charged. An invalid locale tag is
 * BAD_USER_INPUT.
 */
export function formatMoney(money: Money, locale: string): string {
  const exponent = currencyExponent(money.currency);
  const key = `${locale}|${money.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: money.currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch {
      throw badUserInput(`Invalid locale "${locale}": expected a BCP 47 tag such as "de-DE"`, { locale });
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter.format(toDecimalString(money) as Intl.StringNumericLiteral);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw badUserInput(`Cannot combine ${a.currency} with ${b.currency}; convert first`, {
      currencies: [a.currency, b.currency],
    });
  }
}
