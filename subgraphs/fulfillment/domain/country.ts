import countries from 'i18n-iso-countries';
import { badUserInput } from '../../common/errors.ts';

const ALPHA2 = /^[A-Z]{2}$/;

/**
 * Checks that `code` is an upper-case ISO 3166-1 alpha-2 country code and returns it.
 * Every calendar, lane and rule in this subgraph is keyed by that spelling, so a lower-case or
 * alpha-3 code would silently match nothing (no holidays, no services); we refuse it instead.
 */
export function assertCountryCode(code: string, field = 'country'): string {
  if (!ALPHA2.test(code) || !countries.isValid(code)) {
    throw badUserInput(`${field} must be an ISO 3166-1 alpha-2 country code, got "${code}"`, { [field]: code });
  }
  return code;
}
