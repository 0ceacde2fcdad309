import type { AnyBulkWriteOperation, Collection, ObjectId } from 'mongodb';
import { findDocuments } from '../../common/find-documents.ts';
import {
  listedPostingsOf,
  packPostings,
  parsePostingListKey,
  postingListKeyOf,
  unpackPostings,
  type ListedProduct,
} from '../domain/index.ts';
import type { LocalizationModels, SearchableProductDocument, SearchPostingListDocument } from '../models.ts';
import {
  addSearchTerms,
  isDuplicateKeysOnly,
  postingBytesOf,
  searchDocumentsOf,
  type SearchableProduct,
  writeSearchDocuments,
} from './search-documents.ts';

export type { SearchableProduct } from './search-documents.ts';

/** Products indexed per round of reads and writes. */
const BATCH = 500;
/** Lists read per query when updating them. */
const LISTS_PER_READ = 1_000;
/** Rounds of compare-and-set before giving up on lists other writers keep changing. */
const MAX_ROUNDS = 5;

/** Per posting list, each product's field mask in it. */
type Listing = Map<string, Map<string, number>>;

function listingOf(documents: readonly Pick<SearchableProductDocument, 'productId' | 'terms'>[]): Listing {
  const listing: Listing = new Map();
  for (const { productId, terms } of documents) {
    for (const [key, { fields }] of listedPostingsOf(productId, terms ?? [])) {
      let products = listing.get(key);
      if (!products) listing.set(key, (products = new Map()));
      products.set(productId, fields);
    }
  }
  return listing;
}

/** What a list must become: the `leaving` products leave it, then the `joining` ones join it with their fields now. */
interface ListChange {
  leaving: ReadonlySet<string>;
  joining: ReadonlyMap<string, number>;
}

/** Per list, the products whose posting there changed between the forward index's `before` and `after`. */
function changesOf(before: Listing, after: Listing): Map<string, ListChange> {
  const changes = new Map<string, ListChange>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const then = before.get(key);
    const now = after.get(key);
    const leaving = new Set([...(then?.keys() ?? [])].filter((productId) => now?.get(productId) !== then!.get(productId)));
    const joining = new Map([...(now ?? [])].filter(([productId, fields]) => then?.get(productId) !== fields));
    if (leaving.size > 0 || joining.size > 0) changes.set(key, { leaving, joining });
  }
  return changes;
}

/** The list's postings after `change`, or null when it already reads so. */
function applied(postings: readonly ListedProduct[], change: ListChange): ListedProduct[] | null {
  const kept = postings.filter(({ productId, fields }) => {
    const joining = change.joining.get(productId);
    return joining === undefined ? !change.leaving.has(productId) : joining === fields;
  });
  const present = new Set(kept.map((posting) => posting.productId));
  const added = [...change.joining].filter(([productId]) => !present.has(productId)).map(([productId, fields]) => ({ productId, fields }));
  if (added.length === 0 && kept.length === postings.length) return null;
  return [...kept, ...added];
}

async function readLists(collection: Collection<SearchPostingListDocument>, keys: readonly string[]) {
  const lists = new Map<string, SearchPostingListDocument & { _id: ObjectId }>();
  for (let start = 0; start < keys.length; start += LISTS_PER_READ) {
    const filters = keys.slice(start, start + LISTS_PER_READ).map(parsePostingListKey);
    for (const list of await collection.find({ $or: filters }).toArray()) lists.set(postingListKeyOf(list), list);
  }
  return lists;
}

/**
 * Brings the posting lists from what the products' forward index held (`before`) to what their text gives now
 * (`after`): a product leaves the lists of the terms it lost or whose fields changed and joins those of the
 * terms it gained. Each list is read, changed and written back only at the revision read (compare and set), and
 * lists another writer changed meanwhile are read again, so concurrent indexers never lose each other's postings.
 */
async function updatePostingLists(models: LocalizationModels, before: Listing, after: Listing): Promise<number> {
  const changes = changesOf(before, after);
  // The driver's collection: packed postings are written as built, no casting.
  const collection = models.SearchPostingList.collection as unknown as Collection<SearchPostingListDocument>;
  let pending = [...changes.keys()];
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS) throw new Error(`search index: ${pending.length} posting lists kept changing under this update; retry it`);
    const lists = await readLists(collection, pending);
    const operations: AnyBulkWriteOperation<SearchPostingListDocument>[] = [];
    const written: string[] = [];
    for (const key of pending) {
      const list = lists.get(key);
      const postings = applied(list ? unpackPostings(postingBytesOf(list.postings)) : [], changes.get(key)!);
      if (postings === null) continue;
      written.push(key);
      if (!list) {
        if (postings.length > 0)
          operations.push({ insertOne: { document: { ...parsePostingListKey(key), postings: packPostings(postings), revision: 0 } } });
      } else if (postings.length === 0) {
        operations.push({ deleteOne: { filter: { _id: list._id, revision: list.revision } } });
      } else {
        operations.push({
          updateOne: {
            filter: { _id: list._id, revision: list.revision },
            update: { $set: { postings: packPostings(postings), revision: list.revision + 1 } },
          },
        });
      }
    }
    if (operations.length > 0) {
      try {
        await collection.bulkWrite(operations, { ordered: false });
      } catch (error) {
        // A list another writer created meanwhile (duplicate key): read again below like any lost race.
        if (!isDuplicateKeysOnly(error)) throw error;
      }
    }
    // What was written is read again: a write that lost its race (another revision) shows as still pending.
    pending = written;
  }
  return [...changes.values()].reduce((sum, change) => sum + change.joining.size, 0);
}

async function indexBatch(
  models: LocalizationModels,
  products: readonly SearchableProduct[],
): Promise<{ postings: number; terms: number }> {
  const documents = await searchDocumentsOf(models, products);
  const previous = await findDocuments<Pick<SearchableProductDocument, 'productId' | 'terms'>>(
    models.SearchableProduct,
    { productId: { $in: products.map((product) => product.id) } },
    { projection: { _id: 0, productId: 1, terms: 1 } },
  );
  // The lists first, the forward index last: interrupted in between, a rerun sees the old terms again and
  // converges (a list that already reads right is not written).
  const postings = await updatePostingLists(models, listingOf(previous), listingOf(documents));
  await writeSearchDocuments(models, documents);
  const terms = await addSearchTerms(models, documents);
  return { postings, terms };
}

/**
 * (Re)indexes `products` from their text in every locale, their categories' names and their attribute values'
 * labels: their forward index, and the posting lists of the terms that changed. Idempotent; called whenever a
 * product's text or facts change. `postings` counts the postings written (none for a product whose text is
 * unchanged). For the whole catalog at once, `rebuildProductSearch` is far cheaper.
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
