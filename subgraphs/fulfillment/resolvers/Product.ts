import { shipToDefault } from '../../common/market-context.ts';
import { requireFields } from '../../common/contract/requires.ts';
import type { Parcel } from '../domain/index.ts';
import type { DeliveryPlan } from '../plan-delivery.ts';
import type { FulfillmentContext } from '../context.ts';
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
  const { weightGrams, dimensions, complianceTags } = product;
  // Every field present (the query plan always sends them): read directly, without the guard's lists.
  if (weightGrams != null && complianceTags != null && dimensions != null) {
    const { lengthCm: l, widthCm: w, heightCm: h } = dimensions;
    if (l != null && w != null && h != null) return { parcel: { actualGrams: weightGrams, dimensionsCm: { l, w, h } }, complianceTags };
  }
  // Something is missing: the shared guard names what, as an internal error.
  const required = requireFields(product, PRODUCT_FIELDS, 'Product', 'Product.delivery');
  requireFields(required.dimensions, DIMENSION_FIELDS, 'Dimensions', 'Product.delivery');
  throw new Error('unreachable: requireFields refuses a representation with a missing field');
}

const PRODUCT_FIELDS = ['weightGrams', 'dimensions', 'complianceTags'] as const;
const DIMENSION_FIELDS = ['lengthCm', 'widthCm', 'heightCm'] as const;

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
