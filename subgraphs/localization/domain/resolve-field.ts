import { tryCanonicalizeLocale } from '../../common/locale/index.ts';

/** One field's text per locale, as stored: a Map or a plain object keyed by BCP 47 tag. */
export type Translations = ReadonlyMap<string, string | null | undefined> | Readonly<Record<string, string | null | undefined>>;

/** A field's text together with the locale it was actually written in. */
export interface ResolvedField {
  readonly value: string;
  /** Canonical tag of the translation used; differs from the request whenever we fell back. */
  readonly locale: string;
}

/**
 * The first translation along `chain` (see `fallbackChain`), or null when no locale in the chain
 * has one. Each field resolves on its own, so a product whose German title exists but whose German
 * description does not comes back as a German title and an English description, each saying so.
 *
 * Stored keys are compared in canonical form ('de_at' is skipped as malformed, 'iw' counts as 'he');
 * empty or blank strings count as untranslated, because an editor's empty draft is not content.
 */
export function resolveField(translations: Translations | null | undefined, chain: readonly string[]): ResolvedField | null {
  if (translations == null) return null;
  const byLocale = canonicalTranslations(translations);
  for (const locale of chain) {
    const value = byLocale.get(locale);
    if (value !== undefined) return { value, locale };
  }
  return null;
}

/** Content stored as one row per locale, e.g. `{ locale: 'de', title: …, description: … }`. */
export type LocaleRow = { readonly locale: string } & Readonly<Record<string, string | null | undefined>>;

/**
 * `resolveField` for one field of content stored as one row per locale (what `translationsOfField` pivots), by
 * the same rules (keys compared in canonical form, blank is untranslated, the first usable spelling of a tag
 * wins) without building a map per field: the row whose locale comes earliest in `chain`, else null.
 */
export function resolveRowField(rows: readonly LocaleRow[], field: string, chain: readonly string[]): ResolvedField | null {
  let best: ResolvedField | null = null;
  let bestRank = chain.length;
  for (const row of rows) {
    const value = row[field];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const locale = tryCanonicalizeLocale(row.locale);
    if (locale === null) continue;
    const rank = chain.indexOf(locale);
    if (rank !== -1 && rank < bestRank) {
      best = { value, locale };
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Pivots content stored per locale (`{ de: { title, description }, en: { … } }`) into one field's
 * translations (`{ de: title_de, en: title_en }`), the shape `resolveField` takes.
 */
export function translationsOfField(
  contentByLocale: Readonly<Record<string, Readonly<Record<string, string | null | undefined>> | null | undefined>>,
  field: string,
): Map<string, string | null | undefined> {
  const translations = new Map<string, string | null | undefined>();
  for (const [locale, content] of Object.entries(contentByLocale)) {
    if (content != null && Object.hasOwn(content, field)) translations.set(locale, content[field]);
  }
  return translations;
}

/**
 * Usable translations keyed by canonical tag; the first usable spelling of a tag wins. For callers that look
 * one field up along many chains (one per storefront site): canonicalise once, then read the map.
 */
export function canonicalTranslations(translations: Translations): Map<string, string> {
  const entries = translations instanceof Map ? [...translations] : Object.entries(translations);
  const byLocale = new Map<string, string>();
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const locale = tryCanonicalizeLocale(key);
    if (locale !== null && !byLocale.has(locale)) byLocale.set(locale, value);
  }
  return byLocale;
}
