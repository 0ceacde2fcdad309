import { checkPageSize, decodeCursor, productProjection, type SortField } from '../domain/index.ts';
import type { ProductDocument, ProductModels } from '../models.ts';
import { findProductPage } from './find-product-page.ts';

/** A page of the catalog as a client asks for it (the `products` query's arguments). */
export interface ProductListRequest {
  first: number;
  after?: string | null;
  filter?: { category?: string | null; brand?: string | null } | null;
  /** Default SKU, ascending (the schema's own defaults). */
  sort?: { field?: SortField | null; direction?: 'ASC' | 'DESC' | null } | null;
}

/** One page of the catalog, with the sort its cursors are made of. */
export interface ProductList {
  products: ProductDocument[];
  hasNextPage: boolean;
  countTotal: () => Promise<number>;
  sortField: SortField;
}

/**
 * Validates a page request (page size, cursor) and reads the page, reading only the stored fields the
 * `selected` Product fields answer from.
 */
export async function listProducts(models: ProductModels, request: ProductListRequest, selected: Iterable<string>): Promise<ProductList> {
  const sort = { field: request.sort?.field ?? 'SKU', direction: request.sort?.direction ?? 'ASC' } as const;
  const page = await findProductPage(models, {
    filter: request.filter ?? {},
    sort,
    first: checkPageSize(request.first),
    after: request.after ? decodeCursor(request.after) : null,
    projection: productProjection(selected, sort.field),
  });
  return { ...page, sortField: sort.field };
}
