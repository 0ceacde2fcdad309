import { selectedFieldNames } from '../../common/selected-fields.ts';
import { cursorOf } from '../domain/index.ts';
import type { QueryResolvers } from '../generated/resolver-types.ts';
import { findProduct } from '../services/find-product.ts';
import { listProducts } from '../services/list-products.ts';
import { startQuote } from '../services/start-quote.ts';

export const Query: QueryResolvers = {
  product: (_root, args, { loaders }) => findProduct(loaders, args),
  async products(_root, args, { models }, info) {
    const selected = [...selectedFieldNames(info, ['nodes']), ...selectedFieldNames(info, ['edges', 'node'])];
    const { products, hasNextPage, countTotal, sortField } = await listProducts(models, args, selected);
    // Functions, encoded only when selected (see ProductConnectionView).
    const cursorAt = (index: number) => () => (products[index] ? cursorOf(products[index], sortField) : null);
    return {
      edges: () => products.map((node, index) => ({ node, cursor: cursorAt(index) })),
      nodes: products,
      totalCount: countTotal,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: cursorAt(0),
        endCursor: cursorAt(products.length - 1),
      },
    };
  },
  quote: (_root, args, { loaders }) =>
    startQuote(loaders, args.lines, args.shipTo.country, {
      deliveryOption: args.deliveryOption,
      currency: args.currency,
      personalCustomsCode: args.shipTo.personalCustomsCode,
      address: args.shipTo,
    }),
  category: (_root, args, { loaders }) => loaders.categoryById.load(args.id),
  categories: (_root, _args, { loaders }) => loaders.categoriesByParent.load(''),
};
