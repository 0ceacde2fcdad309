import { code as isoCurrency } from 'currency-codes';
import { badUserInput } from '../../common/errors.ts';

// ISO 4217 lists these with minor unit "N.A." (precious metals, bond units, SDR, test and
// "no currency" codes). The currency-codes package reports them as 0 digits, which would let a
// price in gold ounces through; they are not currencies a shopper can pay in.
const NOT_A_PAYMENT_CURRENCY: ReadonlySet<string> = new Set([
  'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX',
]);

const exponents = new Map<string, number>();

/**
 * Returns `code` if it is an ISO 4217 currency a price can be expressed in; otherwise throws
 * BAD_USER_INPUT naming it. Codes must be the canonical upper-case form ("EUR", not "eur") so
 * that the currency stored beside every amount has exactly one spelling.
 */
export function assertCurrency(code: string): string {
  currencyExponent(code);
  return code;
}

/**
 * The ISO 4217 minor-unit exponent: how many decimals the currency has (JPY 0, EUR 2, KWD 3).
 * Every amount in pricing is an integer count of 10^-exponent units of its currency.
 */
export function currencyExponent(code: string): number {
  const known = exponents.get(code);
  if (known !== undefined) return known;
  const record = typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? isoCurrency(code) : undefined;
  if (!record || NOT_A_PAYMENT_CURRENCY.has(code)) {
    throw badUserInput(`Unknown currency "${String(code)}": expected an ISO 4217 code such as "EUR"`, {
      currency: code,
    });
  }
  exponents.set(code, record.digits);
  return record.digits;
}
