import type DataLoader from 'dataloader';
import { createGroupedLoader } from '../common/loaders.ts';
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
  translationsByProduct: DataLoader<string, ProductTranslationDocument[]>;
  translationsByCategory: DataLoader<string, CategoryTranslationDocument[]>;
  labelsByCode: DataLoader<string, AttributeLabelDocument[]>;
  /** Every country we describe in the locale switcher, ordered by code; read once per request. */
  countries: () => Promise<CountryDocument[]>;
  /** Title and description of every product in every locale (the coverage report reads them all). */
  productTexts: () => Promise<Pick<ProductTranslationDocument, 'productId' | 'locale' | 'title' | 'description'>[]>;
}

/** The result of `load`, computed on first call and shared by every later call of the request. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= load());
}

export function createLocalizationLoaders(models: LocalizationModels): LocalizationLoaders {
  return {
    translationsByProduct: createGroupedLoader(
      (ids) => models.ProductTranslation.find({ productId: { $in: [...ids] } }).batchSize(FIRST_BATCH).lean<ProductTranslationDocument[]>(),
      (translation) => translation.productId,
    ),
    translationsByCategory: createGroupedLoader(
      (ids) => models.CategoryTranslation.find({ categoryId: { $in: [...ids] } }).batchSize(FIRST_BATCH).lean<CategoryTranslationDocument[]>(),
      (translation) => translation.categoryId,
    ),
    labelsByCode: createGroupedLoader(
      (codes) => models.AttributeLabel.find({ code: { $in: [...codes] } }).batchSize(FIRST_BATCH).lean<AttributeLabelDocument[]>(),
      (label) => label.code,
    ),
    countries: once(() => models.Country.find().sort({ _id: 1 }).lean<CountryDocument[]>()),
    productTexts: once(() =>
      models.ProductTranslation.find({}, { _id: 0, productId: 1, locale: 1, title: 1, description: 1 })
        .batchSize(FIRST_BATCH)
        .lean<ProductTranslationDocument[]>(),
    ),
  };
}
