// The codes alone: the package's main entry also loads every country's name in 78 languages.
import countries from 'i18n-iso-countries/index.js';
import { badUserInput, echoed } from './errors.ts';

/**
 * The one set of rules for reading a country: an ISO 3166-1 alpha-2 code (`DE`, `JP`) that the ISO list
 * knows, written in either case and answered in upper case — the one spelling every table, lane, calendar
 * and rule is keyed by. Alpha-3 (`DEU`) and numeric codes are not accepted.
 */

/** The upper-case code of a country a caller sent, or null when it is not one. */
export function tryParseCountryCode(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) return null;
  const code = value.toUpperCase();
  return countries.isValid(code) ? code : null;
}

/** The upper-case code of a country a caller sent; BAD_USER_INPUT naming the value when it is not one. */
export function parseCountryCode(value: unknown, field = 'country'): string {
  const code = tryParseCountryCode(value);
  if (code === null) {
    const shown = echoed(value);
    throw badUserInput(`Unknown country ${JSON.stringify(shown)}: expected an ISO 3166-1 alpha-2 country code such as "DE" or "JP"`, {
      [field]: shown,
    });
  }
  return code;
}
