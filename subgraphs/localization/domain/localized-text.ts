import type { NegotiatedLocale } from '../../common/locale/index.ts';
import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { DEFAULT_CONTENT_LOCALE } from './content-locales.ts';
import { ownLanguageChain } from './own-language-chain.ts';
import { resolveField, resolveRowField, type LocaleRow } from './resolve-field.ts';

/**
 * The tags of `requested`'s own language and script (`ownLanguageChain`), as a set. A pure function of the tag
 * and the CLDR data in this Node binary, so an entry never goes stale; requested tags are canonical (at most 64
 * characters) and a storefront asks a few dozen, so 1 000 entries stay far under a megabyte.
 */
export const OWN_LANGUAGE_CACHE_LIMIT = 1_000;
const ownLanguageTags = createMemoCache<ReadonlySet<string>>('localization.ownLanguageTags', OWN_LANGUAGE_CACHE_LIMIT);

function isOwnLanguage(requested: string, locale: string): boolean {
  return memoize(ownLanguageTags, requested, () => new Set(ownLanguageChain(requested))).has(locale);
}

/** The locale a request asked for: the explicit argument, else what the header negotiated. */
export function requestedLocaleOf(negotiated: Readonly<NegotiatedLocale>): string {
  return negotiated.chain[0] ?? negotiated.locale;
}

/** The schema's `LocalizedText`. */
export interface LocalizedText {
  value: string;
  locale: string;
  isFallback: boolean;
}

/** A field's text as the schema's LocalizedText, or null when no locale of the chain has it. */
export function localizedText(
  translations: Map<string, string | null | undefined>,
  negotiated: Readonly<NegotiatedLocale>,
): LocalizedText | null {
  const resolved = resolveField(translations, negotiated.chain);
  if (!resolved) return null;
  return { value: resolved.value, locale: resolved.locale, isFallback: !isOwnLanguage(requestedLocaleOf(negotiated), resolved.locale) };
}

/** `localizedText` for one field of content stored as one row per locale (`resolveRowField`). */
export function localizedRowText(rows: readonly LocaleRow[], field: string, negotiated: Readonly<NegotiatedLocale>): LocalizedText | null {
  const resolved = resolveRowField(rows, field, negotiated.chain);
  if (!resolved) return null;
  return { value: resolved.value, locale: resolved.locale, isFallback: !isOwnLanguage(requestedLocaleOf(negotiated), resolved.locale) };
}

/** A code shown as itself when no locale has a label for it, flagged as a fallback. */
export function untranslated(code: string): LocalizedText {
  return { value: code, locale: DEFAULT_CONTENT_LOCALE, isFallback: true };
}
