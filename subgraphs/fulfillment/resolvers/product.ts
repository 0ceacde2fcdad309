import { shipToDefault } from '../../common/market-context.ts';
import type { ProductResolvers } from '../generated/resolver-types.ts';
import { listStockCountries } from '../services/list-stock-countries.ts';
import { planProductDelivery } from '../services/plan-product-delivery.ts';

export const Product: ProductResolvers = {
  // Fulfillment stores nothing per product but stock, which `delivery` loads in a batch: the representation
  // (id + required fields) is the product.
  __resolveReference: (reference) => reference,
  async delivery(product, args, context) {
    const country = shipToDefault(args.shipTo, context.market, 'shipTo', 'Product.delivery');
    return planProductDelivery(product, country, context);
  },
  stockCountries: (product, _args, context) => listStockCountries(product.id, context),
};
