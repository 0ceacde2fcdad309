import { LRUCache } from 'lru-cache';
import { negotiateLocale, type NegotiatedLocale } from '../../common/locale/index.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE } from '../content-locales.ts';
import { ownLanguageChain, resolveField, resolveRowField, type LocaleRow } from '../domain/index.ts';
import type { LocalizationContext } from '../context.ts';

/**
 * The content locale of a field: its explicit `locale` argument, else the request's `Accept-Language`. Asked
 * once per product of a page with the same inputs, so each request remembers its answers (its header is fixed).
 */
export function negotiateContent(context: LocalizationContext, explicit: string | null | undefined): Readonly<NegotiatedLocale> {
  let negotiations = negotiationsOfRequest.get(context);
  if (negotiations === undefined) {
    negotiations = new Map();
    negotiationsOfRequest.set(context, negotiations);
  }
  let negotiated = negotiations.get(explicit);
  if (negotiated === undefined) {
    // A malformed explicit locale throws here every time it is asked, as before: errors are not remembered.
    negotiated = negotiateLocale({
      explicit,
      acceptLanguage: context.market.acceptLanguage,
      available: CONTENT_LOCALES,
      defaultLocale: DEFAULT_CONTENT_LOCALE,
    });
    Object.freeze(negotiated.chain);
    negotiations.set(explicit, Object.freeze(negotiated));
  }
  return negotiated;
}

// Per request (the context object), dropped with it.
const negotiationsOfRequest = new WeakMap<LocalizationContext, Map<string | null | undefined, Readonly<NegotiatedLocale>>>();

/**
 * The tags of `requested`'s own language and script (`ownLanguageChain`), as a set. A pure function of the tag
 * and the CLDR data in this Node binary, so an entry never goes stale; requested tags are canonical (at most 64
 * characters) and a storefront asks a few dozen, so 1 000 entries stay far under a megabyte.
 */
export const OWN_LANGUAGE_CACHE_LIMIT = 1_000;
const ownLanguageTags = new LRUCache<string, ReadonlySet<string>>({ max: OWN_LANGUAGE_CACHE_LIMIT });

/** For tests: how many own-language tag sets are remembered. */
export function ownLanguageCacheSize(): number {
  return ownLanguageTags.size;
}

function isOwnLanguage(requested: string, locale: string): boolean {
  let tags = ownLanguageTags.get(requested);
  if (tags === undefined) {
    tags = new Set(ownLanguageChain(requested));
    ownLanguageTags.set(requested, tags);
  }
  return tags.has(locale);
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
