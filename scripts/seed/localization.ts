import { ATTRIBUTE_LABELS, ATTRIBUTE_VALUE_LABELS, CATEGORIES, SEED_LOCALES, seedProducts } from './catalog.ts';
import { storefrontSiteDocuments, storefrontSites } from './storefront-sites.ts';
import { ownLanguageChain } from '../../subgraphs/localization/domain/index.ts';
import type { LocalizationModels } from '../../subgraphs/localization/models.ts';
import { indexProductSearch } from '../../subgraphs/localization/services/index-product-search.ts';
import { refreshTranslationShapes } from '../../subgraphs/localization/services/translation-shapes.ts';

/**
 * Content languages offered per country we sell to, best first, derived from the storefront sites (and so from
 * pricing's markets: one list of where we sell): each site's language where the catalog has text in it
 * (`de-CH` → `de`, `zh-TW` → `zh-Hant`), then English, which every product has.
 */
export function countryLanguages(): Record<string, string[]> {
  const languages: Record<string, string[]> = {};
  for (const site of storefrontSites()) {
    if (site.country === null) continue;
    const chain = ownLanguageChain(site.locale);
    const content = SEED_LOCALES.find((locale) => chain.includes(locale));
    const offered = (languages[site.country] ??= []);
    if (content !== undefined && !offered.includes(content)) offered.push(content);
  }
  for (const offered of Object.values(languages)) if (!offered.includes('en')) offered.push('en');
  return languages;
}

/**
 * Upserts the demo catalog's text. A product's title is its line's title plus its variant's value label
 * (`Organic Cotton Tee, Navy`), written only where the line has a title in that locale, so some products fall
 * back: the gaps are deliberate. Idempotent.
 */
export async function seedLocalizationSubgraph(models: LocalizationModels): Promise<Record<string, number>> {
  const productRows = seedProducts().flatMap((product) =>
    SEED_LOCALES.flatMap((locale) => {
      const lineTitle = product.line.title[locale];
      const description = product.line.description[locale];
      if (!lineTitle && !description) return [];
      const valueLabel = ATTRIBUTE_VALUE_LABELS[product.variant.value]?.[locale];
      const separator = locale === 'ja' ? ' ' : locale === 'ar' ? '، ' : locale.startsWith('zh') ? '，' : ', ';
      return [
        {
          productId: product.id,
          locale,
          title: lineTitle ? (valueLabel ? `${lineTitle}${separator}${valueLabel}` : lineTitle) : null,
          description: description ?? null,
        },
      ];
    }),
  );
  await models.ProductTranslation.bulkWrite(
    productRows.map((row) => ({
      replaceOne: { filter: { productId: row.productId, locale: row.locale }, replacement: row, upsert: true },
    })),
  );
  await refreshTranslationShapes(
    models,
    seedProducts().map((product) => product.id),
  );
  const categoryRows = CATEGORIES.flatMap((category) =>
    Object.entries(category.name).map(([locale, name]) => ({ categoryId: category.id, locale, name })),
  );
  await models.CategoryTranslation.bulkWrite(
    categoryRows.map((row) => ({
      replaceOne: { filter: { categoryId: row.categoryId, locale: row.locale }, replacement: row, upsert: true },
    })),
  );
  const labelRows = [
    ...Object.entries(ATTRIBUTE_LABELS).flatMap(([code, labels]) =>
      Object.entries(labels).map(([locale, label]) => ({ kind: 'key' as const, code, locale, label })),
    ),
    ...Object.entries(ATTRIBUTE_VALUE_LABELS).flatMap(([code, labels]) =>
      Object.entries(labels).map(([locale, label]) => ({ kind: 'value' as const, code, locale, label })),
    ),
  ];
  await models.AttributeLabel.bulkWrite(
    labelRows.map((row) => ({
      replaceOne: { filter: { code: row.code, kind: row.kind, locale: row.locale }, replacement: row, upsert: true },
    })),
  );
  const countries = countryLanguages();
  await models.Country.bulkWrite(
    Object.entries(countries).map(([country, languages]) => ({
      replaceOne: { filter: { _id: country }, replacement: { _id: country, languages }, upsert: true },
    })),
  );
  const sites = storefrontSiteDocuments();
  await models.StorefrontSite.bulkWrite(
    sites.map((site) => ({ replaceOne: { filter: { _id: site._id }, replacement: site, upsert: true } })),
  );
  // The search index is built from the text above and the products' categories and attribute values, which the
  // products seed writes from the same catalog.
  const search = await indexProductSearch(
    models,
    seedProducts().map((product) => {
      const parts = product.line.category.split('.');
      return {
        id: product.id,
        categoryPath: parts.map((_, index) => parts.slice(0, index + 1).join('.')),
        attributes: [{ key: product.variant.attribute, value: product.variant.value }],
      };
    }),
  );
  return {
    productTranslations: productRows.length,
    searchPostings: search.postings,
    categoryTranslations: categoryRows.length,
    attributeLabels: labelRows.length,
    countries: Object.keys(countries).length,
    storefrontSites: sites.length,
  };
}
