import { createMemoCache, memoize } from '../memo-cache.ts';
import { badUserInput, echoed } from './errors.ts';

/**
 * The one set of rules for reading a BCP 47 language tag, used by the `Locale` scalar, the `Accept-Language`
 * parser, locale negotiation and the graph's own translator alike:
 * - POSIX-style underscores are read as hyphens (`en_US` → `en-US`): many clients and libraries send them,
 *   and refusing a tag whose meaning is plain helps nobody;
 * - at most {@link MAX_LOCALE_TAG_LENGTH} characters (real tags stay under 35, even with a region and a
 *   variant), which also keeps a hostile value from being echoed back at full length;
 * - the canonical spelling is CLDR's, through `Intl.getCanonicalLocales` (`de-at` → `de-AT`,
 *   `zh-hant-tw` → `zh-Hant-TW`, `iw` → `he`); anything it rejects is not a tag. Wildcards (`*`) and the
 *   empty string are not tags.
 * Whether we have content or a catalog for the tag is decided later, by whoever uses it.
 */
export const MAX_LOCALE_TAG_LENGTH = 64;

// Raw tag → canonical spelling ('' when it is not a tag). A pure function of the string and the ICU data in
// this Node binary, so an entry never goes stale. Keys are at most MAX_LOCALE_TAG_LENGTH characters (longer
// values are refused before the cache), so 5 000 entries stay under a megabyte.
const canonicalSpellings = createMemoCache<string>('common.canonicalLocale', 5_000);

function computeCanonicalSpelling(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag.replaceAll('_', '-'))[0] ?? '';
  } catch {
    return '';
  }
}

/** The canonical spelling of a BCP 47 tag under the rules above, or null when it is not one. */
export function tryCanonicalizeLocale(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_LOCALE_TAG_LENGTH) return null;
  const canonical = memoize(canonicalSpellings, tag, () => computeCanonicalSpelling(tag));
  return canonical === '' ? null : canonical;
}

/**
 * The canonical spelling of a tag a caller sent; BAD_USER_INPUT naming the tag when it is not one, because a
 * shopper who asked for a language must learn that we could not read it.
 */
export function canonicalizeLocale(tag: unknown): string {
  const canonical = tryCanonicalizeLocale(tag);
  if (canonical === null) {
    const shown = echoed(tag);
    throw badUserInput(
      `Unknown locale ${JSON.stringify(shown)}: it is not a well-formed BCP 47 language tag (expected something like "de-DE" or "zh-Hant-TW")`,
      { locale: shown },
    );
  }
  return canonical;
}
