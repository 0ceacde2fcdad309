import { shipToDefault } from '../../common/market-context.ts';
import { requireFields } from '../../common/contract/requires.ts';
import type { Parcel } from '../domain/index.ts';
import type { DeliveryPlan } from '../plan-delivery.ts';
import type { FulfillmentContext } from '../subgraph.ts';
import { requireMarket } from '../require-market.ts';

/** A product as the gateway hands it over: its key plus the fields `delivery` @requires from products. */
interface ProductRepresentation {
  id: string;
  weightGrams?: number | null;
  dimensions?: { lengthCm?: number | null; widthCm?: number | null; heightCm?: number | null } | null;
  complianceTags?: readonly string[] | null;
}

/**
 * The parcel and tags of a product representation. They come from the products subgraph through
 * `@requires`; without them the estimate would be made for a weightless box, so the shared guard refuses
 * loudly (an internal error: the query plan always sends them).
 */
function physicalFactsOf(product: ProductRepresentation): { parcel: Parcel; complianceTags: readonly string[] } {
  const { weightGrams, dimensions, complianceTags } = requireFields(product, ['weightGrams', 'dimensions', 'complianceTags'], 'Product', 'Product.delivery');
  const { lengthCm: l, widthCm: w, heightCm: h } = requireFields(dimensions, ['lengthCm', 'widthCm', 'heightCm'], 'Dimensions', 'Product.delivery');
  return { parcel: { actualGrams: weightGrams, dimensionsCm: { l, w, h } }, complianceTags };
}

export const Product = {
  // Fulfillment stores nothing per product but stock, which `delivery` loads in a batch: the representation
  // (id + required fields) is the product.
  __resolveReference: (reference: ProductRepresentation) => reference,

  async delivery(product: ProductRepresentation, args: { shipTo?: string | null }, context: FulfillmentContext): Promise<DeliveryPlan> {
    const country = shipToDefault(args.shipTo, context.market, 'shipTo', 'Product.delivery');
    const { parcel, complianceTags } = physicalFactsOf(product);
    const { loaders } = context;
    // Where we sell is checked first: a country that is not a market fails the same way in every subgraph.
    const tables = await loaders.tables();
    requireMarket(tables.markets, country);
    const stockRows = await loaders.stockByProduct.load(product.id);
    const stock = new Map<string, number>();
    for (const row of stockRows) stock.set(row.warehouseId, row.units);
    return loaders.planDelivery({
      country,
      parcel,
      complianceTags,
      stock,
      warehouses: tables.warehouses,
      services: tables.carrierServices,
      zones: tables.shippingZones,
      rules: tables.complianceRules,
      markets: tables.markets,
      now: context.now,
      estimate: loaders.estimateDelivery,
    });
  },
};
