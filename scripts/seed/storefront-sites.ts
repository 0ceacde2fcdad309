/**
 * The storefront sites product pages live on, derived from the markets pricing sells to (`MARKETS`), so a new
 * market gets its site without an edit here: one site per market in the market's own locale, one more per
 * further language of a multilingual country, and the international `x-default` site. Domains and paths are
 * illustrative (`example` domains). Page URLs end in the SKU, so they stay unique and routable whatever the
 * title (see `productPageUrl`).
 */
import { MARKETS } from './pricing-reference.ts';
import { hreflangOf, type StorefrontSite } from '../../subgraphs/localization/domain/index.ts';
import type { StorefrontSiteDocument } from '../../subgraphs/localization/models.ts';

/**
 * Languages storefronts commonly offer in multilingual countries, besides the market's own locale. Countries
 * missing here get one site. (Belgium's German and Luxembourg's Luxembourgish are official too, but
 * shops there rarely carry them.)
 */
const FURTHER_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  BE: ['nl', 'fr'],
  CA: ['en', 'fr'],
  CH: ['de', 'fr', 'it'],
  FI: ['fi', 'sv'],
  HK: ['zh-Hant', 'en'],
  LU: ['fr', 'de'],
  SG: ['en', 'zh-Hans'],
};

/** Markets with a domain of their own; the others live under a path prefix of the shared `.com` site. */
const OWN_DOMAINS: Readonly<Record<string, string>> = {
  DE: 'https://shop.example.de',
  CH: 'https://shop.example.ch',
  GB: 'https://shop.example.co.uk',
  JP: 'https://shop.example.jp',
};

const SHARED_DOMAIN = 'https://shop.example.com';

/** The international site: English, shown to searchers whose language and country no site fits. */
export const INTERNATIONAL_SITE: StorefrontSite = { country: null, locale: 'en', urlTemplate: `${SHARED_DOMAIN}/p/{slug}/{sku}` };

function languageOf(locale: string): string {
  return new Intl.Locale(locale).language;
}

/** Every storefront site: per market, its own locale first, then its further languages; `x-default` last. */
export function storefrontSites(): StorefrontSite[] {
  const sites = MARKETS.flatMap((market) => {
    const locales = [
      market.locale,
      ...(FURTHER_LANGUAGES[market.country] ?? [])
        .filter((language) => languageOf(language) !== languageOf(market.locale))
        .map((language) => new Intl.Locale(language, { region: market.country }).baseName),
    ];
    const domain = OWN_DOMAINS[market.country];
    return locales.map((locale): StorefrontSite => {
      const hreflang = hreflangOf({ country: market.country, locale });
      const prefix =
        domain === undefined
          ? `${SHARED_DOMAIN}/${hreflang.toLowerCase()}`
          : locales.length > 1
            ? `${domain}/${languageOf(locale)}`
            : domain;
      return { country: market.country, locale, urlTemplate: `${prefix}/p/{slug}/{sku}` };
    });
  });
  return [...sites, INTERNATIONAL_SITE];
}

/** The sites as documents of the localization subgraph's `storefront_sites` collection, keyed by hreflang. */
export function storefrontSiteDocuments(): StorefrontSiteDocument[] {
  return storefrontSites().map((site) => ({ _id: hreflangOf(site), ...site }));
}
