import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { listedPostingsOf, packPostings, parsePostingListKey, postingListKeyOf, type ListedProduct } from '../domain/index.ts';
import type { LocalizationModels, SearchableProductDocument, SearchPostingListDocument } from '../models.ts';
import { addSearchTerms, searchDocumentsOf, type SearchableProduct, writeSearchDocuments } from './search-documents.ts';

/** Products analysed per round of reads and writes. */
const BATCH = 500;
/** Postings per bulk write of posting lists (13 bytes each: a write message stays far below MongoDB's 48 MB). */
const POSTINGS_PER_WRITE = 500_000;

/**
 * Rewrites every posting list from the forward index (`search_products`' terms), in one pass over it: each list
 * is written whole, once, and lists no product holds any more are removed. What the scale seed runs after
 * copying products' forward index, and the second half of {@link rebuildProductSearch}.
 */
export async function rebuildPostingLists(
  models: Pick<LocalizationModels, 'SearchableProduct' | 'SearchPostingList'>,
): Promise<{ lists: number; postings: number }> {
  const lists = new Map<string, ListedProduct[]>();
  let postings = 0;
  const forward = models.SearchableProduct.collection.find<Pick<SearchableProductDocument, 'productId' | 'terms'>>(
    {},
    { projection: { _id: 0, productId: 1, terms: 1 }, batchSize: 2_000 },
  );
  for await (const { productId, terms } of forward) {
    for (const [key, posting] of listedPostingsOf(productId, terms ?? [])) {
      const list = lists.get(key);
      if (list) list.push(posting);
      else lists.set(key, [posting]);
      postings += 1;
    }
  }
  // The driver's collection: millions of postings are written as built, without mongoose casting each one.
  const collection = models.SearchPostingList.collection as unknown as Collection<SearchPostingListDocument>;
  const existing = await collection.find({}, { projection: { _id: 1, term: 1, locale: 1, bucket: 1 } }).toArray();
  let operations: AnyBulkWriteOperation<SearchPostingListDocument>[] = [];
  let pending = 0;
  for (const [key, products] of lists) {
    const filter = parsePostingListKey(key);
    // A new revision, never a reset one: an incremental writer holding an older read cannot overwrite it.
    operations.push({ updateOne: { filter, update: { $set: { postings: packPostings(products) }, $inc: { revision: 1 } }, upsert: true } });
    pending += products.length;
    if (pending >= POSTINGS_PER_WRITE) {
      await collection.bulkWrite(operations, { ordered: false });
      operations = [];
      pending = 0;
    }
  }
  if (operations.length > 0) await collection.bulkWrite(operations, { ordered: false });
  const stale = existing.filter((list) => !lists.has(postingListKeyOf(list)));
  if (stale.length > 0) await collection.deleteMany({ _id: { $in: stale.map((list) => list._id) } });
  return { lists: lists.size, postings };
}

/**
 * Builds the search index of the whole catalog (`products`: every product, as the products subgraph reports
 * them): their forward index a batch at a time, then every posting list once from it. For a handful of products
 * whose text changed, `indexProductSearch` updates only their postings.
 */
export async function rebuildProductSearch(
  models: LocalizationModels,
  products: readonly SearchableProduct[],
): Promise<{ products: number; lists: number; postings: number; terms: number }> {
  let terms = 0;
  for (let start = 0; start < products.length; start += BATCH) {
    const documents = await searchDocumentsOf(models, products.slice(start, start + BATCH));
    await writeSearchDocuments(models, documents);
    terms += await addSearchTerms(models, documents);
  }
  const { lists, postings } = await rebuildPostingLists(models);
  return { products: products.length, lists, postings, terms };
}
