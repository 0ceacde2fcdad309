import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { ProductsContext } from '../context.ts';
import type { Resolvers } from '../generated/resolver-types.ts';
import { Category } from './category.ts';
import { Product } from './product.ts';
import { Query } from './query.ts';
import { Quote, QuoteLine } from './quote.ts';

/** The products subgraph's resolvers, one module per GraphQL type. */
const typeResolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Product,
  Quote,
  QuoteLine,
  Category,
};

export const resolvers = typeResolvers as GraphQLResolverMap<ProductsContext>;
