// The facts of a canonical BCP 47 tag (reading a tag is the contract's job: ../contract/locale.ts).
import { createMemoCache, memoize } from '../memo-cache.ts';

// Tag → fact caches. Each fact is a pure function of the tag and of the CLDR/ICU data in this Node binary, so
// an entry never goes stale; callers pass canonical tags (at most 64 characters), so 5 000 entries per cache
// stay well under a megabyte while a storefront uses a few dozen tags. Every request asks the same few
// tags again for every field of every product, and building an Intl.Locale (and maximizing it) is what cost.
const LOCALE_TAG_CACHE_LIMIT = 5_000;
const knownLocales = createMemoCache<boolean>('common.knownLocale', LOCALE_TAG_CACHE_LIMIT);
const scripts = createMemoCache<string>('common.localeScript', LOCALE_TAG_CACHE_LIMIT); // '' for "no script"
const languages = createMemoCache<string>('common.localeLanguage', LOCALE_TAG_CACHE_LIMIT);

// CLDR's own names, asked with `fallback: 'none'`, tell a real subtag ('de', 'AT', 'Hant')
// from a merely well-formed one ('xx', 'QQ'): ICU answers `undefined` for codes it has no data for.
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const scriptNames = new Intl.DisplayNames('en', { type: 'script', fallback: 'none' });

/**
 * Whether CLDR knows the language, script and region of a canonical tag. Well-formed is not enough
 * for an explicit request: 'xx-QQ' parses, but no content will ever exist for it, and saying so
 * beats silently answering in the default language. 'und' (undetermined) is not a language either.
 */
export function isKnownLocale(canonicalTag: string): boolean {
  return memoize(knownLocales, canonicalTag, () => computeIsKnownLocale(canonicalTag));
}

function computeIsKnownLocale(canonicalTag: string): boolean {
  const locale = new Intl.Locale(canonicalTag);
  const language = languageOf(canonicalTag);
  if (language === 'und' || languageNames.of(language) === undefined) return false;
  if (locale.script !== undefined && scriptNames.of(locale.script) === undefined) return false;
  if (locale.region !== undefined && regionNames.of(locale.region) === undefined) return false;
  return true;
}

/**
 * The writing system a tag implies: its explicit script, else the likely one from CLDR's
 * likely-subtags data ('zh-TW' → 'Hant', 'zh' → 'Hans', 'sr' → 'Cyrl'). Two tags of one language
 * are interchangeable only when this agrees; it is what keeps Traditional and Simplified apart.
 */
export function scriptOf(canonicalTag: string): string | undefined {
  const script = memoize(scripts, canonicalTag, () => {
    const locale = new Intl.Locale(canonicalTag);
    return locale.script ?? locale.maximize().script ?? '';
  });
  return script === '' ? undefined : script;
}

/**
 * The language subtag of a canonical tag, 'und' when undetermined. V8 reports `language` as
 * undefined for 'und-…' tags (despite its type), which would otherwise leak into comparisons.
 */
export function languageOf(canonicalTag: string): string {
  return memoize(languages, canonicalTag, () => (new Intl.Locale(canonicalTag).language as string | undefined) ?? 'und');
}
