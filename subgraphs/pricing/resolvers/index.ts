import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { PricingContext } from '../context.ts';
import { Market } from './market.ts';
import { Money } from './money.ts';
import { Product } from './product.ts';
import { ProductPrice } from './product-price.ts';
import { Query } from './query.ts';
import { Quote } from './Quote.ts';
import { ShippingCharge } from './shipping-charge.ts';
import { MarketPayment } from './market-payment.ts';
import { Mutation } from './mutation.ts';
import { PaymentMethod } from './payment-method.ts';
import { ProductPriceOmnibus } from './product-price-omnibus.ts';
import { QuotePayment } from './quote-payment.ts';
import { Settlement } from './settlement.ts';

/** The pricing subgraph's resolvers, one module per GraphQL type. */
export const resolvers: GraphQLResolverMap<PricingContext> = {
  ...scalarResolvers,
  Query,
  Product,
  ProductPrice: { ...ProductPrice, ...ProductPriceOmnibus },
  Quote: { ...Quote, ...QuotePayment },
  ShippingCharge,
  Market: { ...Market, ...MarketPayment },
  Money,
  // Payments, settlement and the FX lock (issue #13).
  PaymentMethod,
  Settlement,
  Mutation,
};
