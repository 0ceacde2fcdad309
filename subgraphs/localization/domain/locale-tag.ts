import { badUserInput } from '../../common/errors.ts';

/**
 * Longest tag we accept. Real tags stay under 35 characters even with a region and a variant;
 * the cap keeps a hostile argument from being echoed back in error messages at full length.
 */
const MAX_TAG_LENGTH = 100;

// CLDR's own names, asked with `fallback: 'none'`, tell a real subtag ('de', 'AT', 'Hant')
// from a merely well-formed one ('xx', 'QQ'): ICU answers `undefined` for codes it has no data for.
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const scriptNames = new Intl.DisplayNames('en', { type: 'script', fallback: 'none' });

/**
 * The canonical spelling of a BCP 47 tag, or null when it is not well-formed.
 * Delegates to `Intl.getCanonicalLocales`, so casing ('de-at' → 'de-AT', 'zh-hant-tw' → 'zh-Hant-TW')
 * and deprecated codes ('iw' → 'he', 'in' → 'id') follow CLDR rather than a list we would have to keep.
 * Underscores ('en_US'), wildcards and empty strings are not tags and give null.
 */
export function tryCanonicalizeLocale(tag: string): string | null {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_TAG_LENGTH) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The canonical spelling of a tag a caller sent; throws BAD_USER_INPUT naming the tag when it is
 * malformed, because a shopper who asked for a language must learn that we could not read it.
 */
export function canonicalizeLocale(tag: string): string {
  const canonical = tryCanonicalizeLocale(tag);
  if (canonical === null) {
    const shown = typeof tag === 'string' ? tag.slice(0, MAX_TAG_LENGTH) : String(tag);
    throw badUserInput(
      `"${shown}" is not a well-formed BCP 47 language tag (expected something like "de-DE" or "zh-Hant-TW")`,
      { locale: shown },
    );
  }
  return canonical;
}

/**
 * Whether CLDR knows the language, script and region of a canonical tag. Well-formed is not enough
 * for an explicit request: 'xx-QQ' parses, but no content will ever exist for it, and saying so
 * beats silently answering in the default language. 'und' (undetermined) is not a language either.
 */
export function isKnownLocale(canonicalTag: string): boolean {
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
  const locale = new Intl.Locale(canonicalTag);
  return locale.script ?? locale.maximize().script;
}

/**
 * The language subtag of a canonical tag, 'und' when undetermined. V8 reports `language` as
 * undefined for 'und-…' tags (despite its type), which would otherwise leak into comparisons.
 */
export function languageOf(canonicalTag: string): string {
  return (new Intl.Locale(canonicalTag).language as string | undefined) ?? 'und';
}
