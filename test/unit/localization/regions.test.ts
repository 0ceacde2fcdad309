import * as currencyCodes from 'currency-codes';
import { isHistoricCurrency } from '../../../subgraphs/common/contract/currency.ts';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../../../subgraphs/common/contract/errors.ts';
import {
  CURRENCY_OVERRIDES,
  RTL_SCRIPTS,
  currencyOfCountry,
  describeCountry,
  describeLanguage,
  directionOfScript,
  isKnownCountry,
  textDirection,
} from '../../../subgraphs/localization/domain/regions.ts';

function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('describeCountry and describeLanguage', () => {
  it('names countries in the shopper’s language', () => {
    expect(describeCountry('DE', 'de')).toBe('Deutschland');
    expect(describeCountry('CH', 'de-CH')).toBe('Schweiz');
    expect(describeCountry('DE', 'ja')).toBe('ドイツ');
    expect(describeCountry('JP', 'ja')).toBe('日本');
    expect(describeCountry('us', 'en')).toBe('United States');
  });

  it('names languages in the shopper’s language', () => {
    expect(describeLanguage('de-AT', 'de')).toBe('Österreichisches Deutsch');
    expect(describeLanguage('ja', 'ja')).toBe('日本語');
    expect(describeLanguage('zh-Hant', 'de')).toBe('Chinesisch (traditionell)');
  });

  it('rejects unknown countries and malformed display locales as BAD_USER_INPUT', () => {
    expect(errorCodeOf(() => describeCountry('QQ', 'de'))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(errorCodeOf(() => describeCountry('DEU', 'de'))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(errorCodeOf(() => describeCountry('DE', 'de DE'))).toBe(ErrorCode.BAD_USER_INPUT);
    // One rule for every locale the graph reads: POSIX underscores mean hyphens.
    expect(describeCountry('DE', 'de_DE')).toBe('Deutschland');
  });
});

describe('textDirection', () => {
  it.each(['ar', 'ar-EG', 'he', 'iw', 'fa', 'ur', 'az-Arab'])('marks %s right-to-left', (locale) => {
    expect(textDirection(locale)).toBe('rtl');
  });

  it.each(['de', 'en-US', 'ja', 'az', 'pl'])('marks %s left-to-right', (locale) => {
    expect(textDirection(locale)).toBe('ltr');
  });

  it('has a fallback script list that agrees with ICU for every script on it', () => {
    for (const script of RTL_SCRIPTS) {
      expect(directionOfScript(script)).toBe('rtl');
      expect(textDirection(`und-${script}`)).toBe('rtl');
    }
    expect(directionOfScript('Latn')).toBe('ltr');
    expect(directionOfScript(undefined)).toBe('ltr');
  });
});

describe('isKnownCountry', () => {
  it('accepts ISO 3166-1 alpha-2 codes in either case and nothing else', () => {
    expect(['DE', 'jp', 'KW'].map(isKnownCountry)).toEqual([true, true, true]);
    expect(['QQ', 'DEU', '276', '', 'D'].map(isKnownCountry)).toEqual([false, false, false, false, false]);
  });
});

describe('currencyOfCountry', () => {
  it('never answers a withdrawn currency for any country', () => {
    for (const country of Object.keys(countries.getAlpha2Codes())) {
      try {
        expect(isHistoricCurrency(currencyOfCountry(country)), country).toBe(false);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === ErrorCode.NOT_FOUND)) throw error;
      }
    }
  });
  it.each([
    ['DE', 'EUR'],
    ['NL', 'EUR'],
    ['FR', 'EUR'],
    ['AT', 'EUR'],
    ['GB', 'GBP'],
    ['US', 'USD'],
    ['JP', 'JPY'],
    ['CH', 'CHF'],
    ['KW', 'KWD'],
    ['PL', 'PLN'],
    ['mx', 'MXN'],
    ['BG', 'EUR'], // the euro since 2026-01-01, though the ISO data still lists the lev
    ['HR', 'EUR'], // the kuna is history
  ])('prices %s in %s', (country, currency) => {
    expect(currencyOfCountry(country)).toBe(currency);
  });

  it('never picks an ISO 4217 fund code (CHE/CHW for Switzerland, USN for the US)', () => {
    expect(currencyCodes.country('Switzerland').map((record) => record.code)).toEqual(expect.arrayContaining(['CHE', 'CHF', 'CHW']));
    expect(currencyOfCountry('CH')).toBe('CHF');
  });

  it('refuses to guess for countries with several legal tenders, and rejects non-countries', () => {
    expect(errorCodeOf(() => currencyOfCountry('PA'))).toBe(ErrorCode.NOT_FOUND);
    expect(errorCodeOf(() => currencyOfCountry('ZZ'))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('has overrides that agree with the ISO 4217 country names', () => {
    const words = (name: string) =>
      name
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((word) => word !== '' && !['the', 'of', 'and'].includes(word));
    for (const [country, code] of Object.entries(CURRENCY_OVERRIDES)) {
      const isoNames = currencyCodes.code(code)?.countries ?? [];
      const ourNames = countries.getName(country, 'en', { select: 'all' }) ?? [];
      const agrees = ourNames.some((ours) =>
        isoNames.some((iso) => {
          const isoWords = words(iso);
          return words(ours).every((word) => isoWords.includes(word)) || words(ours).join('') === isoWords.join('');
        }),
      );
      expect(agrees, `${country} → ${code}`).toBe(true);
    }
  });
});
