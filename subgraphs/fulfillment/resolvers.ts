import type { GraphQLResolverMap } from '@apollo/subgraph';
import { scalarResolvers } from '../common/scalars.ts';
import { ServiceLevel } from './domain/index.ts';
import { DeliveryEstimate } from './resolvers/DeliveryEstimate.ts';
import { DeliveryOption } from './resolvers/DeliveryOption.ts';
import { Product } from './resolvers/Product.ts';
import { Query } from './resolvers/Query.ts';
import { ShippingCharge } from './resolvers/ShippingCharge.ts';
import { Warehouse } from './resolvers/Warehouse.ts';
import type { FulfillmentContext } from './subgraph.ts';

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
  Product,
  DeliveryEstimate,
  DeliveryOption,
  Warehouse,
  ShippingCharge,
};
