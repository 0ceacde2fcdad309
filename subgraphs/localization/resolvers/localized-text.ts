import { negotiateLocale, type NegotiatedLocale } from '../../common/locale/index.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE } from '../content-locales.ts';
import { ownLanguageChain, resolveField } from '../domain/index.ts';
import type { LocalizationContext } from '../subgraph.ts';

/** The content locale of a field: its explicit `locale` argument, else the request's `Accept-Language`. */
export function negotiateContent(context: LocalizationContext, explicit: string | null | undefined): NegotiatedLocale {
  return negotiateLocale({
    explicit,
    acceptLanguage: context.market.acceptLanguage,
    available: CONTENT_LOCALES,
    defaultLocale: DEFAULT_CONTENT_LOCALE,
  });
}

/** The locale a request asked for: the explicit argument, else what the header negotiated. */
export function requestedLocaleOf(negotiated: NegotiatedLocale): string {
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
  negotiated: NegotiatedLocale,
): LocalizedText | null {
  const resolved = resolveField(translations, negotiated.chain);
  if (!resolved) return null;
  const isFallback = !ownLanguageChain(requestedLocaleOf(negotiated)).includes(resolved.locale);
  return { value: resolved.value, locale: resolved.locale, isFallback };
}

/** A code shown as itself when no locale has a label for it, flagged as a fallback. */
export function untranslated(code: string): LocalizedText {
  return { value: code, locale: DEFAULT_CONTENT_LOCALE, isFallback: true };
}
