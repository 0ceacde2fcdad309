import { code as isoCurrency } from 'currency-codes';
import { badUserInput, echoed } from './errors.ts';

/**
 * The one set of rules for reading a currency: an ISO 4217 alphabetic code of money a shopper can pay in,
 * written in either case by clients and stored in upper case (`EUR`, `JPY`, `KWD`).
 */

// ISO 4217 lists these with minor unit "N.A." (precious metals, bond units, SDR, test and
// "no currency" codes). The currency-codes package reports them as 0 digits, which would let a
// price in gold ounces through; they are not currencies a shopper can pay in.
const NOT_A_PAYMENT_CURRENCY: ReadonlySet<string> = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
]);

const exponents = new Map<string, number>();

function unknownCurrency(code: unknown) {
  const shown = echoed(code);
  return badUserInput(`Unknown currency ${JSON.stringify(shown)}: expected an ISO 4217 code such as "EUR"`, {
    currency: shown,
  });
}

/**
 * The ISO 4217 minor-unit exponent of an upper-case code: how many decimals the currency has (JPY 0, EUR 2,
 * KWD 3). BAD_USER_INPUT naming the code when it is not a payment currency.
 */
export function currencyExponent(code: string): number {
  const known = exponents.get(code);
  if (known !== undefined) return known;
  const record = typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? isoCurrency(code) : undefined;
  if (!record || NOT_A_PAYMENT_CURRENCY.has(code)) throw unknownCurrency(code);
  exponents.set(code, record.digits);
  return record.digits;
}

/** Returns `code` when it is an upper-case ISO 4217 payment currency; otherwise BAD_USER_INPUT naming it. */
export function assertCurrency(code: string): string {
  currencyExponent(code);
  return code;
}

/** Whether `code` is an upper-case ISO 4217 payment currency (the stored spelling). */
export function isCurrencyCode(code: unknown): code is string {
  try {
    return typeof code === 'string' && currencyExponent(code) >= 0;
  } catch {
    return false;
  }
}

/** The upper-case code of a currency a caller sent (either case); BAD_USER_INPUT naming it otherwise. */
export function parseCurrencyCode(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) throw unknownCurrency(value);
  return assertCurrency(value.toUpperCase());
}
