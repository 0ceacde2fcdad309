import type DataLoader from 'dataloader';
import { aggregateDocuments, findDocuments } from '../common/find-documents.ts';
import { createGroupedLoader } from '../common/loaders.ts';
import type { StorefrontSite } from './domain/index.ts';
import type { LocalizationReferenceData } from './reference-data.ts';
import { createTranslationReader, type TranslationReader } from './translation-reader.ts';
import type {
  AttributeLabelDocument,
  CategoryTranslationDocument,
  CountryDocument,
  LocalizationModels,
  ProductTranslationDocument,
} from './models.ts';

/**
 * Rows a translation query may return in its first reply. Every key brings one row per locale, so the driver's
 * default of 101 would cost a second round trip (getMore) from a page of 30 products on.
 */
const FIRST_BATCH = 5_000;

/**
 * Per-request loaders of the localization subgraph. Each loads every locale of the keys it is given in one
 * `$in` query, so a page of 100 products in any locale costs one translation query.
 */
export interface LocalizationLoaders {
  /** A product's titles and descriptions in the locales a chain reads. */
  translationsByProduct: TranslationReader<ProductTranslationDocument>;
  /** A product's titles in the locales a chain reads, without the descriptions (most of a translation's bytes). */
  titlesByProduct: TranslationReader<Pick<ProductTranslationDocument, 'productId' | 'locale' | 'title'>>;
  translationsByCategory: DataLoader<string, CategoryTranslationDocument[]>;
  labelsByCode: DataLoader<string, AttributeLabelDocument[]>;
  /** Every country we describe in the locale switcher, ordered by code; read once per request. */
  countries: () => Promise<CountryDocument[]>;
  /** Every storefront site, from the process-wide reference cache (not read per request). */
  storefrontSites: () => Promise<readonly StorefrontSite[]>;
  /**
   * Products counted by the shape of their translations (the coverage report's input), in one aggregation: each
   * shape names, per field of `fields`, the stored locales with text in it, with its product count and its first
   * `first` product ids in id order.
   */
  translationShapes: (fields: readonly string[], first: number) => Promise<TranslationShapeRow[]>;
}

/** One shape of translations as the database counts it: e.g. `{ title: ['en', 'de'], description: ['en'] }`, 40 products. */
export interface TranslationShapeRow {
  _id: Record<string, string[] | null | undefined>;
  count: number;
  first: string[];
}

/**
 * Counts products by the shape of their translations in one group over `translation_shapes` (one row per product,
 * kept by the text write path), so the report reads a handful of shapes whatever the size of the catalog. Locales
 * are stored sorted: products of one shape fall in one group.
 */
function translationShapePipeline(fields: readonly string[], first: number) {
  return [
    {
      $group: {
        _id: Object.fromEntries(fields.map((field) => [field, `$localesWithText.${field}`])),
        count: { $sum: 1 },
        first: { $minN: { input: '$productId', n: first } },
      },
    },
  ];
}

/** The result of `load`, computed on first call and shared by every later call of the request. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= load());
}

export function createLocalizationLoaders(models: LocalizationModels, reference: LocalizationReferenceData): LocalizationLoaders {
  return {
    storefrontSites: reference.storefrontSites,
    // Straight through the driver with a projection: the filter is plain strings that need no casting, and
    // reading (and decoding) only the fields an answer uses is most of what a listing's translations cost.
    translationsByProduct: createTranslationReader(models, { _id: 0, productId: 1, locale: 1, title: 1, description: 1 }),
    titlesByProduct: createTranslationReader(models, { _id: 0, productId: 1, locale: 1, title: 1 }),
    translationsByCategory: createGroupedLoader(
      (ids) =>
        findDocuments<CategoryTranslationDocument>(
          models.CategoryTranslation,
          { categoryId: { $in: [...ids] } },
          { batchSize: FIRST_BATCH },
        ),
      (translation) => translation.categoryId,
    ),
    labelsByCode: createGroupedLoader(
      (codes) => findDocuments<AttributeLabelDocument>(models.AttributeLabel, { code: { $in: [...codes] } }, { batchSize: FIRST_BATCH }),
      (label) => label.code,
    ),
    countries: once(() => findDocuments<CountryDocument>(models.Country, {}, { sort: { _id: 1 } })),
    translationShapes: (fields, first) =>
      aggregateDocuments<TranslationShapeRow>(models.TranslationShape, translationShapePipeline(fields, first), {
        batchSize: FIRST_BATCH,
      }),
  };
}
