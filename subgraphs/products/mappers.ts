// The records behind the products subgraph's GraphQL types, as resolvers receive them (`npm run codegen:resolvers`
// reads `resolverTypeMappers`). Types whose stored shape is their GraphQL shape (Dimensions, Image,
// ProductAttribute) need no mapper.
import type { ProductDocument } from './models.ts';

export type { CategoryDocument, ProductDocument } from './models.ts';
export type { QuoteRequest } from './domain/index.ts';

/** A quote line as `Quote.lines` hands it on: the quote request's own line. */
export interface QuoteLineRecord {
  productId: string;
  quantity: number;
}

// A connection's cursors and count are functions: graphql-js calls a function-valued field only when the query
// selects it, so cursors are encoded, and the count query runs, only for a query that asks for them.

/** A `PageInfo` whose cursors are encoded on demand. */
export interface PageInfoView {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: () => string | null;
  endCursor: () => string | null;
}

/** A `ProductEdge` whose cursor is encoded on demand. */
export interface ProductEdgeView {
  node: ProductDocument;
  cursor: () => string | null;
}

/** A page of the catalog as `Query.products` answers it. */
export interface ProductConnectionView {
  edges: () => ProductEdgeView[];
  nodes: ProductDocument[];
  totalCount: () => Promise<number>;
  pageInfo: PageInfoView;
}

export const resolverTypeMappers = {
  Product: 'ProductDocument',
  Category: 'CategoryDocument',
  Quote: 'QuoteRequest',
  QuoteLine: 'QuoteLineRecord',
  ProductConnection: 'ProductConnectionView',
  ProductEdge: 'ProductEdgeView',
  PageInfo: 'PageInfoView',
} as const;
