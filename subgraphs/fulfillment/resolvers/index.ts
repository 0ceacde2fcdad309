import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../../common/contract/scalars.ts';
import { ServiceLevel } from '../domain/index.ts';
import { DeliveryEstimate } from './DeliveryEstimate.ts';
import { DeliveryOption } from './DeliveryOption.ts';
import { Product } from './Product.ts';
import { ProductStock } from './ProductStock.ts';
import { Query } from './Query.ts';
import { Quote } from './Quote.ts';
import { QuoteDeliveryOption } from './QuoteDeliveryOption.ts';
import { QuoteDeliveryWindow } from './QuoteDeliveryWindow.ts';
import { Shipment } from './Shipment.ts';
import { ShippingCharge } from './ShippingCharge.ts';
import { UnshippableLine } from './UnshippableLine.ts';
import { Warehouse } from './Warehouse.ts';
import type { FulfillmentContext } from '../context.ts';

/**
 * The fulfillment subgraph's resolvers, one module per GraphQL type. ShippingBlockReason and
 * WarehouseChoiceReason values are spelled as the domain's; ServiceLevel maps onto the domain's lower-case ids.
 */
export const resolvers: GraphQLResolverMap<FulfillmentContext> = {
  CountryCode: scalarResolvers.CountryCode,
  Locale: scalarResolvers.Locale,
  Date: scalarResolvers.Date,
  DateTime: scalarResolvers.DateTime,
  ServiceLevel: { STANDARD: ServiceLevel.STANDARD, EXPRESS: ServiceLevel.EXPRESS },
  Query,
  Product: { ...Product, ...ProductStock },
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
