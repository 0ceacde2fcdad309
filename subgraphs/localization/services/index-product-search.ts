import { findDocuments } from '../../common/find-documents.ts';
import { deletionVariants, postingsOf, typoBudget, type SearchableText } from '../domain/index.ts';
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

/** Products indexed per round of reads and writes. */
const BATCH = 500;

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

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Whether a bulk insert failed only on rows that exist already (duplicate key, code 11000). */
function isDuplicateKeysOnly(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((entry) => (entry.code ?? entry.err?.code) === 11000);
}

/** Adds the terms the vocabulary does not hold yet, with their deletion variants (typo lookups). */
async function addTerms(models: LocalizationModels, terms: ReadonlySet<string>): Promise<number> {
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

async function indexBatch(
  models: LocalizationModels,
  products: readonly SearchableProduct[],
): Promise<{ postings: number; terms: number }> {
  const ids = products.map((product) => product.id);
  const categoryIds = [...new Set(products.flatMap((product) => product.categoryPath))];
  const codes = [...new Set(products.flatMap((product) => product.attributes.map((attribute) => attribute.value)))];
  const [translations, categoryNames, labels] = await Promise.all([
    findDocuments<ProductTranslationDocument>(models.ProductTranslation, { productId: { $in: ids } }, { batchSize: 10_000 }),
    findDocuments<CategoryTranslationDocument>(models.CategoryTranslation, { categoryId: { $in: categoryIds } }),
    findDocuments<AttributeLabelDocument>(models.AttributeLabel, { code: { $in: codes } }),
  ]);
  const byProduct = groupBy(translations, (row) => row.productId);
  const byCategory = groupBy(categoryNames, (row) => row.categoryId);
  const byCode = groupBy(labels, (row) => row.code);
  const postings = products.flatMap((product) =>
    postingsOf(product.id, textsOf(product, byProduct.get(product.id) ?? [], byCategory, byCode)),
  );
  const facts: SearchableProductDocument[] = products.map((product) => ({
    productId: product.id,
    categoryPath: [...product.categoryPath],
    attributes: product.attributes.map(({ key, value }) => ({ key, value })),
  }));
  await models.SearchableProduct.bulkWrite(
    facts.map((fact) => ({ replaceOne: { filter: { productId: fact.productId }, replacement: fact, upsert: true } })),
    { ordered: false },
  );
  // A product's rows are replaced whole, so a word removed from its text stops finding it.
  await models.SearchPosting.deleteMany({ productId: { $in: ids } });
  if (postings.length > 0) await models.SearchPosting.insertMany(postings, { ordered: false, lean: true });
  const terms = await addTerms(models, new Set(postings.map((posting) => posting.term)));
  return { postings: postings.length, terms };
}

/**
 * (Re)builds the search index of `products` from their text in every locale, their categories' names and their
 * attribute values' labels. Idempotent; called whenever a product's text or facts change.
 */
export async function indexProductSearch(
  models: LocalizationModels,
  products: readonly SearchableProduct[],
): Promise<{ products: number; postings: number; terms: number }> {
  const totals = { products: products.length, postings: 0, terms: 0 };
  for (let start = 0; start < products.length; start += BATCH) {
    const counts = await indexBatch(models, products.slice(start, start + BATCH));
    totals.postings += counts.postings;
    totals.terms += counts.terms;
  }
  return totals;
}
