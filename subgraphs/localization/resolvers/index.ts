import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { LocalizationContext } from '../context.ts';
import { Category } from './Category.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';

/** The localization subgraph's resolver map: one file per GraphQL type. */
export const resolvers: GraphQLResolverMap<LocalizationContext> = {
  ...scalarResolvers,
  Query,
  Product,
  Category,
};
