import slugify from '@sindresorhus/slugify';
import { canonicalizeLocale, languageOf, scriptOf } from '../../common/locale/index.ts';
import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { ownLanguageChain } from './own-language-chain.ts';
import { canonicalTranslations, type Translations } from './resolve-field.ts';

/** The `hreflang` of the page search engines show to searchers whose language and country no site fits. */
export const X_DEFAULT = 'x-default';

/**
 * One storefront site: where a market's shoppers in one language read product pages. `urlTemplate` holds
 * `{slug}` and may hold `{sku}` and `{id}`, either on the site's own domain (`https://shop.example.de/p/{slug}/{sku}`)
 * or under a path prefix of a shared one (`https://shop.example.com/nl-nl/p/{slug}/{sku}`).
 */
export interface StorefrontSite {
  /** The market the site sells to; null for the international site searchers see as `x-default`. */
  country: string | null;
  /** The language the site's pages are written in, e.g. `fr-CH`, `zh-TW`, `en` (for `x-default`). */
  locale: string;
  urlTemplate: string;
}

/** A product page on one site, as a `<link rel="alternate" hreflang>` names it. */
export interface ProductAlternate {
  hreflang: string;
  url: string;
  country: string | null;
  /** The locale of the page's title (the product's own text, never a fallback in another language). */
  locale: string;
}

/**
 * The `hreflang` of a site: `x-default` for the international site, else language-REGION with the market's
 * country as the region (`fr-CH`), keeping a script only where it is not the one the language has in that
 * region anyway (`zh-TW`, not `zh-Hant-TW`; but `zh-Hant-SG` stays, as Singapore writes Simplified).
 */
export function hreflangOf(site: Pick<StorefrontSite, 'country' | 'locale'>): string {
  const { country, locale } = site;
  if (country === null) return X_DEFAULT;
  return memoize(hreflangs, `${country}\u0000${locale}`, () => computeHreflang(country, locale));
}

// Both caches hold pure functions of their keys and of the ICU/CLDR data in this Node binary, so an entry never
// goes stale. Sites are a few dozen and titles a few per product and language: the bounds keep a catalog's
// worth (a few megabytes at most) while a listing stops recomputing Intl and regex work per site.
export const HREFLANG_CACHE_LIMIT = 1_000;
export const SLUG_CACHE_LIMIT = 20_000;
const hreflangs = createMemoCache<string>('localization.hreflangs', HREFLANG_CACHE_LIMIT);
const slugs = createMemoCache<string>('localization.slugs', SLUG_CACHE_LIMIT);

function computeHreflang(country: string, siteLocale: string): string {
  const locale = new Intl.Locale(canonicalizeLocale(siteLocale));
  const language = languageOf(locale.baseName);
  const regional = `${language}-${country}`;
  const script = scriptOf(locale.baseName);
  return script !== undefined && script !== scriptOf(regional) ? `${language}-${script}-${country}` : regional;
}

/**
 * The URL path segment of a title in `locale`. Latin-script titles are transliterated to ASCII with the
 * language's own rules (`Weiß` → `weiss`, `Kopfhörer` → `kopfhoerer`); titles in other scripts keep their
 * script (`純米吟醸酒-720ml`), percent-encoded as UTF-8 in the URL, because a romanised kanji, Arabic or Chinese
 * title reads as noise to the shoppers the page is for, and search engines index UTF-8 paths as such.
 * Empty when the title has no letters or digits at all.
 */
export function slugOf(title: string, locale: string): string {
  const key = `${locale}\u0000${title}`;
  // Titles are editors' text of any length; only ordinary ones are remembered.
  return key.length <= 512 ? memoize(slugs, key, () => computeSlug(title, locale)) : computeSlug(title, locale);
}

function computeSlug(title: string, locale: string): string {
  const canonical = canonicalizeLocale(locale);
  if (scriptOf(canonical) === 'Latn') return slugify(title, { locale: languageOf(canonical), decamelize: false });
  return slugify(title.normalize('NFKC'), { transliterate: false, decamelize: false });
}

/** What identifies a product in its page URLs. */
export interface ProductKeys {
  id: string;
  sku: string;
}

/**
 * A site's page URL for a product: the template with the slug, SKU and id filled in, each percent-encoded. A
 * title may be shared by two products and changes when an editor fixes it, so sites whose storefront routes
 * by URL put the SKU in the template: it is unique and never changes, and an old slug can then be redirected.
 */
export function productPageUrl(urlTemplate: string, slug: string, product: ProductKeys): string {
  return urlTemplate
    .replaceAll('{slug}', encodeURIComponent(slug || product.sku))
    .replaceAll('{sku}', encodeURIComponent(product.sku))
    .replaceAll('{id}', encodeURIComponent(product.id));
}

/**
 * Every page of one product across the storefront sites, for `<link rel="alternate" hreflang>` tags.
 *
 * A site is listed only where the product has its own title in the site's language (regional variants count:
 * a `de-CH` page may show German written for `de`). A page that would show another language's text as a
 * fallback is left out: hreflang tells search engines that pages are the same content translated, and a
 * fallback page is a duplicate of the English one (storefronts should point its canonical link there). The
 * international `x-default` site closes the list. Sorted by hreflang, `x-default` last, so every page of the
 * set prints the same list (hreflang links must be reciprocal).
 */
export function productAlternates(product: ProductKeys, titles: Translations, sites: readonly StorefrontSite[]): ProductAlternate[] {
  const alternates: ProductAlternate[] = [];
  const listed = new Set<string>();
  const byLocale = canonicalTranslations(titles);
  for (const site of sites) {
    const locale = ownLanguageChain(site.locale).find((tag) => byLocale.has(tag));
    const hreflang = hreflangOf(site);
    // One page per hreflang: a second site configured for the same language and country would contradict it.
    if (locale === undefined || listed.has(hreflang)) continue;
    listed.add(hreflang);
    const title = { value: byLocale.get(locale)!, locale };
    alternates.push({
      hreflang,
      url: productPageUrl(site.urlTemplate, slugOf(title.value, title.locale), product),
      country: site.country,
      locale: title.locale,
    });
  }
  const rank = (alternate: ProductAlternate) => (alternate.hreflang === X_DEFAULT ? 1 : 0);
  return alternates.sort((a, b) => rank(a) - rank(b) || (a.hreflang < b.hreflang ? -1 : a.hreflang > b.hreflang ? 1 : 0));
}
