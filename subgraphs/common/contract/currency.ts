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
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

/**
 * Withdrawn ISO 4217 codes that published exchange-rate history still carries (the ECB's history since 1999
 * lists all of these), with the month ISO 4217 List Three ("historic denominations", kept by the maintenance
 * agency SIX on behalf of ISO) dates their withdrawal. Rates in them are history: stored and shown as such,
 * never a currency a shopper pays in. BGN: Bulgaria adopted the euro on 2026-01-01 (Council decision of 8 July
 * 2025); the currency-codes package, built from an older List One, still lists the lev as current, so
 * this table overrides it. Add a code here when ISO withdraws one.
 */
export const HISTORIC_CURRENCIES: Readonly<Record<string, { readonly name: string; readonly withdrawn: string }>> = {
  BGN: { name: 'Bulgarian Lev', withdrawn: '2026-01' },
  CYP: { name: 'Cyprus Pound', withdrawn: '2008-01' },
  EEK: { name: 'Kroon', withdrawn: '2011-01' },
  HRK: { name: 'Kuna', withdrawn: '2023-01' },
  LTL: { name: 'Lithuanian Litas', withdrawn: '2014-12' },
  LVL: { name: 'Latvian Lats', withdrawn: '2014-01' },
  MTL: { name: 'Maltese Lira', withdrawn: '2008-01' },
  ROL: { name: 'Romanian Leu (old)', withdrawn: '2005-06' },
  SIT: { name: 'Tolar', withdrawn: '2007-01' },
  SKK: { name: 'Slovak Koruna', withdrawn: '2009-01' },
  TRL: { name: 'Old Turkish Lira', withdrawn: '2005-12' },
};

/** Whether `code` is a withdrawn ISO 4217 code we know from rate history (HRK, CYP, …); see HISTORIC_CURRENCIES. */
export function isHistoricCurrency(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(HISTORIC_CURRENCIES, code);
}

/** Whether `code` may appear in exchange-rate history: a payment currency or a withdrawn one. */
export function isRateHistoryCurrency(code: unknown): code is string {
  return isCurrencyCode(code) || isHistoricCurrency(code);
}

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
  if (isHistoricCurrency(code)) {
    throw badUserInput(`Currency "${code}" was withdrawn (ISO 4217, ${HISTORIC_CURRENCIES[code]!.withdrawn}): its rates are history only`, {
      currency: code,
    });
  }
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
