import { findDocuments } from '../../common/find-documents.ts';
import type { LocalizationModels, SearchableProductDocument } from '../models.ts';
import { indexProductSearch } from './index-product-search.ts';

/** Reindexes products already in the index (their text changed), from the facts they were indexed with. */
export async function reindexProductSearch(models: LocalizationModels, filter: Record<string, unknown>): Promise<number> {
  const facts = await findDocuments<SearchableProductDocument>(models.SearchableProduct, filter);
  const products = facts.map((fact) => ({ id: fact.productId, categoryPath: fact.categoryPath, attributes: fact.attributes }));
  await indexProductSearch(models, products);
  return products.length;
}
