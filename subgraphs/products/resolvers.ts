import type { GraphQLResolverMap } from '@apollo/subgraph';
import { badUserInput, notFound } from '../common/contract/errors.ts';
import { parseProductId } from '../common/ids.ts';
import { scalarResolvers } from '../common/contract/scalars.ts';
import { normaliseQuoteRequest, parseQuoteId, quoteIdOf, type QuoteRequest } from './domain/quote-request.ts';
import { checkPageSize, decodeCursor, encodeCursor } from './domain/cursor.ts';
import { SORT_FIELDS, findProductPage, type SortField } from './loaders.ts';
import type { CategoryDocument, ProductDocument } from './models.ts';
import type { ProductsContext } from './subgraph.ts';

interface ProductsArgs {
  first: number;
  after?: string | null;
  filter?: { category?: string | null; brand?: string | null } | null;
  sort?: { field: SortField; direction: 'ASC' | 'DESC' } | null;
}

function cursorOf(product: ProductDocument, field: SortField): string {
  const key = SORT_FIELDS[field];
  const value = key === 'createdAt' ? product.createdAt.toISOString() : key === 'brand' ? product.brand : null;
  return encodeCursor({ value, sku: product.sku });
}

export const resolvers: GraphQLResolverMap<ProductsContext> = {
  ...scalarResolvers,
  Query: {
    async product(_root, args: { id?: string | null; sku?: string | null }, { loaders }) {
      if ((args.id == null) === (args.sku == null)) {
        throw badUserInput('Pass exactly one of "id" or "sku" to product');
      }
      return args.id != null ? loaders.productById.load(parseProductId(args.id)) : loaders.productBySku.load(args.sku!);
    },
    async products(_root, args: ProductsArgs, { models }) {
      const sort = { field: args.sort?.field ?? 'SKU', direction: args.sort?.direction ?? 'ASC' } as const;
      const page = await findProductPage(models, {
        filter: args.filter ?? {},
        sort,
        first: checkPageSize(args.first),
        after: args.after ? decodeCursor(args.after) : null,
      });
      const edges = page.products.map((node) => ({ node, cursor: cursorOf(node, sort.field) }));
      return {
        edges,
        nodes: page.products,
        totalCount: page.totalCount,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(args.after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
    async quote(
      _root,
      args: { lines: { productId: string; quantity: number }[]; shipTo: { country: string } },
      { loaders },
    ) {
      const request = normaliseQuoteRequest(args.lines, args.shipTo.country);
      const products = await loaders.productById.loadMany(request.lines.map((line) => line.productId));
      products.forEach((product, index) => {
        if (!product || product instanceof Error) {
          const productId = request.lines[index]!.productId;
          throw notFound(`Product "${productId}" does not exist`, { productId });
        }
      });
      return request;
    },
    category: (_root, args: { id: string }, { loaders }) => loaders.categoryById.load(args.id),
    categories: (_root, _args, { loaders }) => loaders.categoriesByParent.load(''),
  },
  Product: {
    // The gateway resolves references by id; a malformed id from another subgraph is a bug there, but a
    // clear error beats a crash.
    __resolveReference: (reference: { id: string }, { loaders }: ProductsContext) =>
      loaders.productById.load(parseProductId(reference.id)),
    id: (product: ProductDocument) => product._id.toHexString(),
    category: async (product: ProductDocument, _args, { loaders }) => loaders.categoryById.load(product.categoryId),
  },
  Quote: {
    __resolveReference: (reference: { id: string }) => parseQuoteId(reference.id),
    id: (quote: QuoteRequest) => quoteIdOf(quote),
    lines: (quote: QuoteRequest) => quote.lines.map((line) => ({ product: { id: line.productId }, quantity: line.quantity })),
  },
  QuoteLine: {
    product: (line: { product: { id: string } }, _args, { loaders }) => loaders.productById.load(line.product.id),
  },
  Category: {
    __resolveReference: (reference: { id: string }, { loaders }: ProductsContext) => loaders.categoryById.load(reference.id),
    id: (category: CategoryDocument) => category._id,
    parent: (category: CategoryDocument, _args, { loaders }) =>
      category.parentId ? loaders.categoryById.load(category.parentId) : null,
    children: (category: CategoryDocument, _args, { loaders }) => loaders.categoriesByParent.load(category._id),
    path: (category: CategoryDocument) => category._id.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.')),
  },
};
