import type { LocalizationModels } from '../models.ts';
import { rebuildProductSearch } from './rebuild-product-search.ts';

/** Where releases before the posting lists kept the search index: one row per product × locale × term. */
const LEGACY_POSTINGS = 'search_postings';

/**
 * Brings a database's search index to this release's layout (`npm run db:migrate`): where it still has the
 * row-per-posting collection, or products indexed without their terms, the index is rebuilt from the products'
 * facts and text (posting lists and forward index) and the old collection dropped. Idempotent: a database in the
 * current layout is left as it is.
 */
export async function migrateSearchIndex(models: LocalizationModels): Promise<{ rebuilt: number; droppedLegacy: boolean }> {
  const db = models.SearchableProduct.db.db!;
  const legacy = (await db.listCollections({ name: LEGACY_POSTINGS }, { nameOnly: true }).toArray()).length > 0;
  const unindexed = (await models.SearchableProduct.exists({ terms: { $exists: false } })) !== null;
  if (!legacy && !unindexed) return { rebuilt: 0, droppedLegacy: false };
  const facts = await models.SearchableProduct.find({}, { _id: 0, productId: 1, categoryPath: 1, attributes: 1 }).lean();
  await rebuildProductSearch(
    models,
    facts.map((fact) => ({ id: fact.productId, categoryPath: fact.categoryPath, attributes: fact.attributes })),
  );
  if (legacy) await db.dropCollection(LEGACY_POSTINGS);
  return { rebuilt: facts.length, droppedLegacy: legacy };
}
