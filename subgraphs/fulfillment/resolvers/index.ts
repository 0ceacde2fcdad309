import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import type { FulfillmentContext } from '../context.ts';
import type { Resolvers } from '../generated/resolver-types.ts';
import { DeliveryEstimate } from './delivery-estimate.ts';
import { DeliveryOption } from './delivery-option.ts';
import { Product } from './product.ts';
import { Query } from './query.ts';
import { Quote } from './quote.ts';
import { QuoteDeliveryOption } from './quote-delivery-option.ts';
import { QuoteDeliveryWindow } from './quote-delivery-window.ts';
import { Shipment } from './shipment.ts';
import { ShippingCharge } from './shipping-charge.ts';
import { UnshippableLine } from './unshippable-line.ts';
import { Warehouse } from './warehouse.ts';

/**
 * The fulfillment subgraph's resolvers, one module per GraphQL type. ShippingBlockReason and
 * WarehouseChoiceReason values are spelled as the domain's; ServiceLevel is mapped by `toServiceLevel`.
 */
const typedResolvers: Resolvers = {
  CountryCode: scalarResolvers.CountryCode,
  Locale: scalarResolvers.Locale,
  Date: scalarResolvers.Date,
  DateTime: scalarResolvers.DateTime,
  Query,
  Product,
  DeliveryEstimate,
  DeliveryOption,
  Warehouse,
  ShippingCharge,
  Quote,
  QuoteDeliveryOption,
  QuoteDeliveryWindow,
  Shipment,
  UnshippableLine,
};

export const resolvers = typedResolvers as GraphQLResolverMap<FulfillmentContext>;
