import type { FulfillmentContext } from '../context.ts';

/**
 * Where the product is stocked (countries of the warehouses holding at least one unit, sorted), for the pricing
 * subgraph to tell whether a product page's unit crosses a customs border on its way to the shopper. Stock is
 * loaded in the same per-request `$in` batch as `delivery`'s.
 */
export async function listStockCountries(productId: string, context: FulfillmentContext): Promise<string[]> {
  const [rows, warehouses] = await Promise.all([context.loaders.stockByProduct.load(productId), context.loaders.warehouses()]);
  const countryOf = new Map(warehouses.map((warehouse) => [warehouse.id, warehouse.country]));
  const countries = rows.filter((row) => row.units > 0).map((row) => countryOf.get(row.warehouseId));
  return [...new Set(countries.filter((country): country is string => country !== undefined))].sort();
}
