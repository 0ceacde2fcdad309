import * as currencyCodes from 'currency-codes';
// The codes and the English names only: the package's main entry loads every country's name in 78 languages.
import countries from 'i18n-iso-countries/index.js';
import englishCountryNames from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { isHistoricCurrency } from '../../common/contract/currency.ts';
import { badUserInput, notFound } from '../../common/contract/errors.ts';
import { canonicalizeLocale, scriptOf } from '../../common/locale/index.ts';
import { createMemoCache, memoize } from '../../common/memo-cache.ts';

countries.registerLocale(englishCountryNames);

/** Which way a language's text runs; clients set `dir` on the element that shows it. */
export type TextDirection = 'ltr' | 'rtl';

/**
 * Scripts written right to left, used only where the runtime lacks `Intl.Locale#getTextInfo`
 * (Node 24 has it; older engines exposed a `textInfo` getter or nothing). Arabic, Hebrew,
 * Thaana (Dhivehi), Syriac, N'Ko, Adlam (Fulani) and Hanifi Rohingya cover every RTL language
 * with a sizeable online market; a unit test checks each against ICU so the list cannot drift.
 */
export const RTL_SCRIPTS: readonly string[] = ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'];

/**
 * Currencies the ISO 4217 ↔ ISO 3166 name join cannot find. `currency-codes` lists each currency's
 * countries by their ISO 4217 names, which mostly equal `i18n-iso-countries`' English names; these
 * are the markets where they differ ("United Kingdom of Great Britain and Northern Ireland (The)",
 * "Korea (The Republic Of)", "Türki̇ye", "Taiwan (Province of China)", "Viet Nam"). A unit test
 * checks every entry is listed for a country of that name in the ISO data.
 */
export const CURRENCY_OVERRIDES: Readonly<Record<string, string>> = {
  GB: 'GBP',
  KR: 'KRW',
  TR: 'TRY',
  TW: 'TWD',
  VN: 'VND',
};

/**
 * Currencies adopted after the ISO data `currency-codes` is built from, which still lists the withdrawn one:
 * Bulgaria adopted the euro on 2026-01-01 (the lev is in HISTORIC_CURRENCIES).
 */
export const CURRENCY_SUCCESSIONS: Readonly<Record<string, string>> = {
  BG: 'EUR',
};

/**
 * Whether `code` is an ISO 3166-1 alpha-2 country code, per `i18n-iso-countries`. Either case is
 * accepted, as the shared CountryCode scalar does; alpha-3 and numeric codes are not.
 */
export function isKnownCountry(code: string): boolean {
  return typeof code === 'string' && /^[A-Za-z]{2}$/.test(code) && countries.isValid(code.toUpperCase());
}

/**
 * The country's name in the shopper's language ('DE' in 'ja' → 'ドイツ'), from CLDR via
 * `Intl.DisplayNames`, so names follow the same data as the rest of the locale's formatting.
 * @throws DomainError BAD_USER_INPUT for an unknown country or a malformed display locale.
 */
export function describeCountry(code: string, displayLocale: string): string {
  const country = assertKnownCountry(code);
  return displayNamesFor(canonicalizeLocale(displayLocale), 'region').of(country) ?? country;
}

// (display locale, kind) → Intl.DisplayNames, and tag → text direction. Pure functions of their keys and of
// the CLDR/ICU data in this Node binary, so an entry never goes stale; keys are canonical tags (at most 64
// characters) and the caps bound memory against a stream of distinct tags. Building an Intl object per
// product and field is what they save.
export const REGION_CACHE_LIMIT = 1_000;
const displayNames = createMemoCache<Intl.DisplayNames>('localization.displayNames', REGION_CACHE_LIMIT);
const directions = createMemoCache<TextDirection>('localization.textDirections', REGION_CACHE_LIMIT);

function displayNamesFor(canonicalLocale: string, type: 'region' | 'language'): Intl.DisplayNames {
  return memoize(displayNames, `${type}:${canonicalLocale}`, () => new Intl.DisplayNames(canonicalLocale, { type }));
}

/**
 * A language's name in the shopper's language ('de-AT' in 'de' → 'Österreichisches Deutsch'),
 * for language pickers that must name every option in the reader's own language.
 * @throws DomainError BAD_USER_INPUT when either tag is malformed.
 */
export function describeLanguage(locale: string, displayLocale: string): string {
  const described = canonicalizeLocale(locale);
  return displayNamesFor(canonicalizeLocale(displayLocale), 'language').of(described) ?? described;
}

/**
 * 'rtl' for languages written right to left (Arabic, Hebrew, Persian, Urdu, …) else 'ltr', from ICU's
 * text info for the tag, so 'az-Arab' is rtl while 'az' is ltr.
 * @throws DomainError BAD_USER_INPUT when `locale` is malformed.
 */
export function textDirection(locale: string): TextDirection {
  const canonical = canonicalizeLocale(locale);
  return memoize(directions, canonical, () => computeTextDirection(canonical));
}

function computeTextDirection(canonical: string): TextDirection {
  const parsed = new Intl.Locale(canonical) as Intl.Locale & {
    getTextInfo?: () => { direction?: string };
    textInfo?: { direction?: string };
  };
  const direction = parsed.getTextInfo?.().direction ?? parsed.textInfo?.direction;
  if (direction === 'rtl' || direction === 'ltr') return direction;
  return directionOfScript(scriptOf(parsed.baseName));
}

/** The documented fallback behind `textDirection`: rtl exactly for `RTL_SCRIPTS`. */
export function directionOfScript(script: string | undefined): TextDirection {
  return script !== undefined && RTL_SCRIPTS.includes(script) ? 'rtl' : 'ltr';
}

/**
 * The currency prices are shown in for a country ('CH' → 'CHF', 'KW' → 'KWD'), derived from ISO 4217
 * data: the one currency `currency-codes` lists for the country that ICU formats as money (which
 * leaves out funds and units of account such as CHE, CHW and USN), with `CURRENCY_OVERRIDES`
 * where the names do not join.
 * @throws DomainError BAD_USER_INPUT for an unknown country; NOT_FOUND when the data names no single
 *   currency (several legal tenders such as Panama's PAB and USD, or none such as Antarctica).
 */
export function currencyOfCountry(code: string): string {
  const country = assertKnownCountry(code);
  const override = CURRENCY_OVERRIDES[country] ?? CURRENCY_SUCCESSIONS[country];
  if (override !== undefined) return override;
  const candidates = currenciesByCountry().get(country) ?? [];
  if (candidates.length === 1 && candidates[0] !== undefined) return candidates[0];
  throw notFound(
    candidates.length === 0
      ? `No currency is known for country "${country}"`
      : `Country "${country}" has several currencies (${candidates.join(', ')}); none is chosen for it`,
    { country, candidates },
  );
}

/** The upper-case code, or BAD_USER_INPUT naming the value when it is not a country. */
function assertKnownCountry(code: string): string {
  if (!isKnownCountry(code)) {
    const shown = String(code).slice(0, 10);
    throw badUserInput(`Unknown country "${shown}": expected an ISO 3166-1 alpha-2 code such as "DE"`, { country: shown });
  }
  return code.toUpperCase();
}

let currencyIndex: Map<string, string[]> | undefined;

/** ISO 4217 tender currencies per alpha-2 country, built once from `currency-codes` on first use. */
function currenciesByCountry(): Map<string, string[]> {
  if (currencyIndex !== undefined) return currencyIndex;
  const tender = new Set(Intl.supportedValuesOf('currency'));
  const index = new Map<string, string[]>();
  for (const record of currencyCodes.data) {
    // A withdrawn code (the lev, still current in `currency-codes`) is history, never what prices are shown in.
    if (!tender.has(record.code) || isHistoricCurrency(record.code)) continue;
    for (const isoName of record.countries) {
      const country = alpha2OfIsoName(isoName);
      if (country === undefined) continue;
      const list = index.get(country) ?? [];
      if (!list.includes(record.code)) list.push(record.code);
      index.set(country, list);
    }
  }
  currencyIndex = index;
  return index;
}

/** 'Netherlands (The)' → 'NL': ISO 4217 appends "(The)" where ISO 3166 writes "the Netherlands". */
function alpha2OfIsoName(isoName: string): string | undefined {
  const name = isoName.replace(/\s*\(The\)\s*$/i, '').trim();
  return countries.getAlpha2Code(name, 'en') ?? countries.getAlpha2Code(isoName, 'en');
}
