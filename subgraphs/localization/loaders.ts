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
   * shape lists, per stored locale, a flag per field of `fields` ('1': non-blank text) followed by the locale,
   * with its product count and its first `first` product ids in product order.
   */
  translationShapes: (fields: readonly string[], first: number) => Promise<TranslationShapeRow[]>;
}

/** One shape of translations as the database counts it: e.g. `['11en', '10de']`, 40 products, the first ids. */
export interface TranslationShapeRow {
  _id: string[];
  count: number;
  first: string[];
}

/** '1' when `field` holds text that is not blank (an editor's empty draft is not a translation), else '0'. */
const textFlag = (field: string) => ({
  $cond: [
    { $cond: [{ $eq: [{ $type: `$${field}` }, 'string'] }, { $gt: [{ $strLenCP: { $trim: { input: `$${field}` } } }, 0] }, false] },
    '1',
    '0',
  ],
});

/**
 * Counts products by the shape of their translations in the database, so the report reads a handful of shapes
 * rather than every translation of the catalog. The leading sort runs on the (productId, locale) index, so each
 * product's shape lists its locales in one order.
 */
function translationShapePipeline(fields: readonly string[], first: number) {
  return [
    { $sort: { productId: 1, locale: 1 } },
    { $project: { _id: 0, productId: 1, entry: { $concat: [...fields.map(textFlag), '$locale'] } } },
    { $group: { _id: '$productId', shape: { $push: '$entry' } } },
    { $sort: { _id: 1 } },
    { $group: { _id: '$shape', count: { $sum: 1 }, first: { $firstN: { input: '$_id', n: first } } } },
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
      aggregateDocuments<TranslationShapeRow>(models.ProductTranslation, translationShapePipeline(fields, first), {
        batchSize: FIRST_BATCH,
      }),
  };
}
