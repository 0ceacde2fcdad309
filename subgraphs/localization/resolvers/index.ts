import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { LocalizationContext } from '../context.ts';
import type { Resolvers } from '../generated/resolver-types.ts';
import { AddressFormat } from './address-format.ts';
import { Category } from './category.ts';
import { Product } from './product.ts';
import { Query } from './query.ts';

/** The localization subgraph's resolver map: one file per GraphQL type. */
const typeResolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  AddressFormat,
  Product,
  Category,
};

export const resolvers = typeResolvers as GraphQLResolverMap<LocalizationContext>;
