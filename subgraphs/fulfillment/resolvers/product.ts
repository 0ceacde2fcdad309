import type { ProductResolvers } from '../generated/resolver-types.ts';
import { listStockCountries } from '../services/list-stock-countries.ts';
import { planProductDelivery } from '../services/plan-product-delivery.ts';

export const Product: ProductResolvers = {
  // Fulfillment stores nothing per product but stock, which `delivery` loads in a batch: the representation
  // (id + required fields) is the product.
  __resolveReference: (reference) => reference,
  delivery: (product, args, context) => planProductDelivery(product, args.shipTo, context, args),
  stockCountries: (product, _args, context) => listStockCountries(product.id, context),
};
