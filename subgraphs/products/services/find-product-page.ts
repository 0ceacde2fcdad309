import { badUserInput } from '../../common/contract/errors.ts';
import { aggregateDocuments, findDocuments } from '../../common/find-documents.ts';
import { SORT_FIELDS, type CursorPosition, type SortField } from '../domain/index.ts';
import type { ProductDocument, ProductModels } from '../models.ts';

// The catalog's paged query (not a loader: a page is asked for once per request).

/** One page request of the catalog, already validated. */
export interface ProductPageQuery {
  filter: { category?: string | null; brand?: string | null };
  sort: { field: SortField; direction: 'ASC' | 'DESC' };
  first: number;
  after: CursorPosition | null;
  /** The stored fields to read (see `productProjection`); null: whole documents. */
  projection?: Record<string, 1> | null;
}

/** A CREATED_AT cursor's instant; a forged one that holds no date is the client's mistake, named as such. */
function cursorDate(value: string | number): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw badUserInput('Malformed cursor: pass endCursor from a previous page of the same sort', {});
  return date;
}

function sortValueFilter(field: string, position: CursorPosition, direction: 1 | -1): Record<string, unknown> {
  const beyond = direction === 1 ? '$gt' : '$lt';
  if (field === 'sku') return { sku: { [beyond]: position.sku } };
  // The query goes to the driver uncast, so a cursor's value gets the type its field stores here: a Date for
  // createdAt, a string for brand (a forged numeric brand compares as its digits, as mongoose cast it).
  const value = position.value === null ? null : field === 'createdAt' ? cursorDate(position.value) : String(position.value);
  return { $or: [{ [field]: { [beyond]: value } }, { [field]: value, sku: { [beyond]: position.sku } }] };
}

/**
 * Keyset pagination: the page after a cursor is "sort value beyond the cursor's, or equal and SKU beyond",
 * which an index on (filter fields, sort field, sku) serves without skipping rows. Asks for one extra row to
 * learn whether another page follows; the total is counted only on demand.
 */
export async function findProductPage(
  models: ProductModels,
  query: ProductPageQuery,
): Promise<{ products: ProductDocument[]; hasNextPage: boolean; countTotal: () => Promise<number> }> {
  const base: Record<string, unknown> = {};
  if (query.filter.category) base.categoryPath = query.filter.category;
  if (query.filter.brand) base.brand = query.filter.brand;
  const field = SORT_FIELDS[query.sort.field];
  const direction = query.sort.direction === 'ASC' ? 1 : -1;
  const pageFilter = query.after ? { $and: [base, sortValueFilter(field, query.after, direction)] } : base;
  const sort: Record<string, 1 | -1> = field === 'sku' ? { sku: direction } : { [field]: direction, sku: direction };

  // Straight through the driver: the filter is built here from validated values and needs no casting, and a
  // projection leaves unread fields undecoded on both sides of the wire.
  const rows = await findDocuments<ProductDocument>(models.Product, pageFilter, {
    sort,
    limit: query.first + 1,
    ...(query.projection ? { projection: query.projection } : {}),
  });
  // Counting a filter touches every matching product, so it runs only when a client selects totalCount.
  // The pipeline `countDocuments` sends, read like every other per-request read.
  const countTotal = async () =>
    (await aggregateDocuments<{ n: number }>(models.Product, [{ $match: base }, { $group: { _id: 1, n: { $sum: 1 } } }]))[0]?.n ?? 0;
  return { products: rows.slice(0, query.first), hasNextPage: rows.length > query.first, countTotal };
}
