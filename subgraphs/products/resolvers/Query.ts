import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, notFound } from '../../common/contract/errors.ts';
import { parseProductId } from '../../common/ids.ts';
import { selectedFieldNames } from '../../common/selected-fields.ts';
import { findProductPage, SORT_FIELDS, type SortField } from '../catalog-page.ts';
import { productProjection } from '../product-projection.ts';
import { checkPageSize, decodeCursor, encodeCursor, normaliseQuoteRequest, type ServiceLevel } from '../domain/index.ts';
import type { ProductDocument } from '../models.ts';
import type { ProductsContext } from '../context.ts';

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

export const Query = {
  async product(_root: unknown, args: { id?: string | null; sku?: string | null }, { loaders }: ProductsContext) {
    if ((args.id == null) === (args.sku == null)) {
      throw badUserInput('Pass exactly one of "id" or "sku" to product');
    }
    return args.id != null ? loaders.productById.load(parseProductId(args.id)) : loaders.productBySku.load(args.sku!);
  },
  async products(_root: unknown, args: ProductsArgs, { models }: ProductsContext, info: GraphQLResolveInfo) {
    const sort = { field: args.sort?.field ?? 'SKU', direction: args.sort?.direction ?? 'ASC' } as const;
    const selected = [...selectedFieldNames(info, ['nodes']), ...selectedFieldNames(info, ['edges', 'node'])];
    const page = await findProductPage(models, {
      filter: args.filter ?? {},
      sort,
      first: checkPageSize(args.first),
      after: args.after ? decodeCursor(args.after) : null,
      projection: productProjection(selected, sort.field),
    });
    const { products } = page;
    // graphql-js calls a function-valued field only when the query selects it: cursors are encoded, and the
    // count query runs, only for a query that asks for them.
    const cursorAt = (index: number) => () => (products[index] ? cursorOf(products[index], sort.field) : null);
    return {
      edges: () => products.map((node, index) => ({ node, cursor: cursorAt(index) })),
      nodes: products,
      totalCount: page.countTotal,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: cursorAt(0),
        endCursor: cursorAt(products.length - 1),
      },
    };
  },
  async quote(
    _root: unknown,
    args: {
      lines: { productId: string; quantity: number }[];
      shipTo: { country: string };
      deliveryOption?: ServiceLevel | null;
      currency?: string | null;
    },
    { loaders }: ProductsContext,
  ) {
    const request = normaliseQuoteRequest(args.lines, args.shipTo.country, {
      deliveryOption: args.deliveryOption,
      currency: args.currency,
    });
    const products = await loaders.productById.loadMany(request.lines.map((line) => line.productId));
    products.forEach((product, index) => {
      if (!product || product instanceof Error) {
        const productId = request.lines[index]!.productId;
        throw notFound(`Product "${productId}" does not exist`, { productId });
      }
    });
    return request;
  },
  category: (_root: unknown, args: { id: string }, { loaders }: ProductsContext) => loaders.categoryById.load(args.id),
  categories: (_root: unknown, _args: unknown, { loaders }: ProductsContext) => loaders.categoriesByParent.load(''),
};
