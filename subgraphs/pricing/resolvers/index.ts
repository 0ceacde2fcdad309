import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { PricingContext } from '../context.ts';
import { Market } from './Market.ts';
import { Money } from './Money.ts';
import { Product } from './Product.ts';
import { ProductPrice } from './ProductPrice.ts';
import { Query } from './Query.ts';
import { Quote } from './Quote.ts';
import { ShippingCharge } from './ShippingCharge.ts';
import { MarketPayment } from './MarketPayment.ts';
import { Mutation } from './Mutation.ts';
import { PaymentMethod } from './PaymentMethod.ts';
import { ProductPriceOmnibus } from './ProductPriceOmnibus.ts';
import { QuotePayment } from './QuotePayment.ts';
import { Settlement } from './Settlement.ts';

/** The pricing subgraph's resolvers, one module per GraphQL type. */
export const resolvers: GraphQLResolverMap<PricingContext> = {
  ...scalarResolvers,
  Query,
  Product,
  ProductPrice: { ...ProductPrice, ...ProductPriceOmnibus },
  // The typed Quote resolvers, as the untyped map createSubgraphServer takes.
  Quote: { ...Quote, ...QuotePayment } as GraphQLResolverMap<PricingContext>[string],
  ShippingCharge,
  Market: { ...Market, ...MarketPayment },
  Money,
  // Payments, settlement and the FX lock (issue #13).
  PaymentMethod,
  Settlement,
  Mutation,
};
