import { requireFields } from '../../common/contract/requires.ts';
import { shipToDefault } from '../../common/market-context.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { DeliveryPlan, Parcel } from '../domain/index.ts';
import type { ProductRepresentation } from '../mappers.ts';
import type { FulfillmentContext } from '../context.ts';
import { locateDestination } from './locate-destination.ts';

const PRODUCT_FIELDS = ['weightGrams', 'dimensions', 'complianceTags'] as const;
const DIMENSION_FIELDS = ['lengthCm', 'widthCm', 'heightCm'] as const;

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

/**
 * A product's delivery to `shipTo` (default: the request's ship-to country), from the request's reference snapshot and the product's stock (loaded in
 * the request's one `$in` batch); the request's memo shares one plan among products of the same box, tags and
 * stock pattern. Where we sell is checked first, before planning anything: a country that is not a market
 * (an embargoed one included) is NOT_SOLD, as in every subgraph, not `shippable: false`.
 */
export async function planProductDelivery(
  product: ProductRepresentation,
  shipTo: string | null | undefined,
  context: FulfillmentContext,
  address: { region?: string | null; postalCode?: string | null } = {},
): Promise<DeliveryPlan> {
  const country = shipToDefault(shipTo, context.market, 'shipTo', 'Product.delivery');
  const { parcel, complianceTags } = physicalFactsOf(product);
  const { loaders } = context;
  const tables = await loaders.tables();
  requireMarket(tables.markets, country);
  const stockRows = await loaders.stockByProduct.load(product.id);
  const stock = new Map<string, number>();
  for (const row of stockRows) stock.set(row.warehouseId, row.units);
  return loaders.planDelivery({
    country,
    within: locateDestination(country, address, tables.areas),
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
}
