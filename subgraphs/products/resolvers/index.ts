import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { ProductsContext } from '../context.ts';
import { Category } from './Category.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';
import { Quote, QuoteLine } from './Quote.ts';

/** The products subgraph's resolvers, one module per GraphQL type. */
export const resolvers = {
  ...scalarResolvers,
  Query,
  Product,
  Quote,
  QuoteLine,
  Category,
} as GraphQLResolverMap<ProductsContext>;
