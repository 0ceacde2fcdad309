import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { PricingContext } from '../context.ts';
import type { Resolvers } from '../generated/resolver-types.ts';
import { Market } from './market.ts';
import { Money } from './money.ts';
import { Mutation } from './mutation.ts';
import { PaymentMethod } from './payment-method.ts';
import { Product } from './product.ts';
import { ProductPrice } from './product-price.ts';
import { Query } from './query.ts';
import { Quote } from './quote.ts';
import { Settlement } from './settlement.ts';
import { ShippingCharge } from './shipping-charge.ts';

/** The pricing subgraph's resolvers, one module per GraphQL type. */
const typeResolvers: Resolvers = {
  Query,
  Mutation,
  Product,
  ProductPrice,
  Quote,
  ShippingCharge,
  Market,
  Money,
  PaymentMethod,
  Settlement,
};

/** With the custom scalars, as `createSubgraphServer` takes them. */
export const resolvers = { ...scalarResolvers, ...typeResolvers } as GraphQLResolverMap<PricingContext>;
