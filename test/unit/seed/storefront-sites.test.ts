import { describe, expect, it } from 'vitest';
import { SEED_LOCALES } from '../../../scripts/seed/catalog.ts';
import { countryLanguages } from '../../../scripts/seed/localization.ts';
import { MARKETS } from '../../../scripts/seed/pricing-reference.ts';
import { storefrontSiteDocuments } from '../../../scripts/seed/storefront-sites.ts';
import { X_DEFAULT } from '../../../subgraphs/localization/domain/index.ts';

const sites = storefrontSiteDocuments();
const marketCountries = new Set(MARKETS.map((market) => market.country));

describe('seeded storefront sites', () => {
  it('sell only where pricing sells: every site’s country is a market (sites ⊆ markets)', () => {
    const strays = sites.filter((site) => site.country !== null && !marketCountries.has(site.country));
    expect(strays).toEqual([]);
  });

  it('cover every market, in the market’s own locale', () => {
    for (const market of MARKETS) {
      expect(
        sites.some((site) => site.country === market.country && site.locale === market.locale),
        market.country,
      ).toBe(true);
    }
  });

  it('have one hreflang each, language-REGION with the market as region, and exactly one x-default', () => {
    expect(new Set(sites.map((site) => site._id)).size).toBe(sites.length);
    expect(sites.filter((site) => site._id === X_DEFAULT)).toEqual([expect.objectContaining({ country: null, locale: 'en' })]);
    for (const site of sites.filter((entry) => entry.country !== null)) {
      expect(site._id).toMatch(new RegExp(`^[a-z]{2,3}(-[A-Z][a-z]{3})?-${site.country}$`));
      expect(Intl.getCanonicalLocales(site._id)[0]).toBe(site._id);
    }
  });

  it('offer Switzerland in German, French and Italian, each under its own path of the Swiss domain', () => {
    expect(sites.filter((site) => site.country === 'CH').map((site) => [site._id, site.urlTemplate])).toEqual([
      ['de-CH', 'https://shop.example.ch/de/p/{slug}/{sku}'],
      ['fr-CH', 'https://shop.example.ch/fr/p/{slug}/{sku}'],
      ['it-CH', 'https://shop.example.ch/it/p/{slug}/{sku}'],
    ]);
  });

  it('give every site a distinct URL space', () => {
    const prefixes = sites.map((site) => site.urlTemplate.replace('{slug}', ''));
    expect(new Set(prefixes).size).toBe(sites.length);
  });
});

describe('seeded countries of the locale switcher', () => {
  const languages = countryLanguages();

  it('are exactly the markets pricing sells to', () => {
    expect(Object.keys(languages).sort()).toEqual([...marketCountries].sort());
  });

  it('offer the languages the catalog has text in for each country’s sites, and English (last unless the country’s own)', () => {
    expect(languages).toMatchObject({
      DE: ['de', 'en'],
      CH: ['de', 'fr', 'en'],
      JP: ['ja', 'en'],
      KW: ['ar', 'en'],
      GB: ['en'],
      NL: ['en'],
      CA: ['en', 'fr'],
    });
    for (const offered of Object.values(languages)) {
      expect(offered).toContain('en');
      for (const locale of offered) expect(SEED_LOCALES).toContain(locale);
    }
  });
});
