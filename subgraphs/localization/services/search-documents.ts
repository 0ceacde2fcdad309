import { Binary } from 'mongodb';
import { findDocuments } from '../../common/find-documents.ts';
import { deletionVariants, postingsOf, productTermsOf, termsOf, typoBudget, type SearchableText } from '../domain/index.ts';
import type {
  AttributeLabelDocument,
  CategoryTranslationDocument,
  LocalizationModels,
  ProductTranslationDocument,
  SearchableProductDocument,
} from '../models.ts';

/** A product as the index needs it from the products subgraph: its id, category path and attribute codes. */
export interface SearchableProduct {
  id: string;
  categoryPath: readonly string[];
  attributes: readonly { key: string; value: string }[];
}

/** Every piece of searchable text of `product`, in every locale the catalog has it in. */
function textsOf(
  product: SearchableProduct,
  translations: readonly ProductTranslationDocument[],
  categoryNames: ReadonlyMap<string, CategoryTranslationDocument[]>,
  labels: ReadonlyMap<string, AttributeLabelDocument[]>,
): SearchableText[] {
  const texts: SearchableText[] = [];
  for (const row of translations) {
    if (row.title) texts.push({ field: 'title', locale: row.locale, text: row.title });
    if (row.description) texts.push({ field: 'description', locale: row.locale, text: row.description });
  }
  for (const categoryId of product.categoryPath) {
    for (const row of categoryNames.get(categoryId) ?? []) texts.push({ field: 'category', locale: row.locale, text: row.name });
  }
  for (const { value } of product.attributes) {
    for (const row of labels.get(value) ?? [])
      if (row.kind === 'value') texts.push({ field: 'attribute', locale: row.locale, text: row.label });
  }
  return texts;
}

/**
 * The forward index of `products` (a few hundred at a time): each one's facts and the terms of its text in every
 * locale, its categories' names and its attribute values' labels, analysed as a query is.
 */
export async function searchDocumentsOf(
  models: LocalizationModels,
  products: readonly SearchableProduct[],
): Promise<SearchableProductDocument[]> {
  const ids = products.map((product) => product.id);
  const categoryIds = [...new Set(products.flatMap((product) => product.categoryPath))];
  const codes = [...new Set(products.flatMap((product) => product.attributes.map((attribute) => attribute.value)))];
  const [translations, categoryNames, labels] = await Promise.all([
    findDocuments<ProductTranslationDocument>(models.ProductTranslation, { productId: { $in: ids } }, { batchSize: 10_000 }),
    findDocuments<CategoryTranslationDocument>(models.CategoryTranslation, { categoryId: { $in: categoryIds } }),
    findDocuments<AttributeLabelDocument>(models.AttributeLabel, { code: { $in: codes } }),
  ]);
  const byProduct = Map.groupBy(translations, (row) => row.productId);
  const byCategory = Map.groupBy(categoryNames, (row) => row.categoryId);
  const byCode = Map.groupBy(labels, (row) => row.code);
  return products.map((product) => ({
    productId: product.id,
    categoryPath: [...product.categoryPath],
    attributes: product.attributes.map(({ key, value }) => ({ key, value })),
    terms: productTermsOf(postingsOf(product.id, textsOf(product, byProduct.get(product.id) ?? [], byCategory, byCode))),
  }));
}

/** Whether a bulk insert failed only on rows that exist already (duplicate key, code 11000). */
export function isDuplicateKeysOnly(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((entry) => (entry.code ?? entry.err?.code) === 11000);
}

/** Adds the terms of `documents` the vocabulary does not hold yet, with their deletion variants (typo lookups). */
export async function addSearchTerms(models: LocalizationModels, documents: readonly SearchableProductDocument[]): Promise<number> {
  const terms = new Set(documents.flatMap((document) => document.terms.flatMap(termsOf)));
  if (terms.size === 0) return 0;
  const known = await findDocuments<{ _id: string }>(models.SearchTerm, { _id: { $in: [...terms] } }, { projection: { _id: 1 } });
  const knownIds = new Set(known.map((row) => row._id));
  const missing = [...terms].filter((term) => !knownIds.has(term));
  if (missing.length === 0) return 0;
  try {
    await models.SearchTerm.insertMany(
      missing.map((term) => ({ _id: term, variants: deletionVariants(term, typoBudget(term)) })),
      { ordered: false, lean: true },
    );
  } catch (error) {
    // Another indexer added some of the same terms meanwhile: a term's row is the same whoever writes it.
    if (!isDuplicateKeysOnly(error)) throw error;
  }
  return missing.length;
}

/** Writes forward-index documents whole (upserts by product), without casting each of their terms. */
export async function writeSearchDocuments(models: LocalizationModels, documents: readonly SearchableProductDocument[]): Promise<void> {
  if (documents.length === 0) return;
  await models.SearchableProduct.collection.bulkWrite(
    documents.map((document) => ({ replaceOne: { filter: { productId: document.productId }, replacement: document, upsert: true } })),
    { ordered: false },
  );
}

/** A packed posting list's bytes as read (the driver reads BSON binary data as a `Binary`). */
export function postingBytesOf(value: Binary | Uint8Array): Uint8Array {
  return value instanceof Binary ? value.buffer.subarray(0, value.position) : value;
}
