import type { SeedProduct } from '../../../scripts/seed/catalog.ts';
import { customsFieldsOf, ORIGIN_PROOFS } from '../../../scripts/seed/customs-data.ts';
import { WAREHOUSES } from '../../../scripts/seed/fulfillment-reference.ts';
import type { PricingModels } from '../../../subgraphs/pricing/models.ts';
import type { PricingContext } from '../../../subgraphs/pricing/context.ts';
import { pricingSubgraph } from '../../../subgraphs/pricing/subgraph.ts';
import { productBySku, startSubgraphHarness, type SubgraphHarness } from '../subgraph-harness.ts';

export { productBySku, type OperationResult } from '../subgraph-harness.ts';

/** The pricing subgraph over a seeded embedded database, with a clock the test moves. */
export type PricingHarness = SubgraphHarness<PricingContext, PricingModels>;

export function startPricingHarness(now: string, options: { referenceTtlMs?: number } = {}): Promise<PricingHarness> {
  return startSubgraphHarness(pricingSubgraph, now, options);
}

/** Countries of the seeded warehouses holding the product, as fulfillment's `Product.stockCountries` answers. */
export function stockCountriesOf(product: Pick<SeedProduct, 'stock'>): string[] {
  const countries = Object.entries(product.stock)
    .filter(([, units]) => units > 0)
    .map(([warehouseId]) => WAREHOUSES.find((warehouse) => warehouse.id === warehouseId)!.country);
  return [...new Set(countries)].sort();
}

/** The `_entities` representation the gateway sends for `Product.price`: the key plus the @requires fields. */
export function productRepresentation(product: Pick<SeedProduct, 'id' | 'line' | 'stock'> & Partial<Pick<SeedProduct, 'sku'>>) {
  return {
    __typename: 'Product',
    id: product.id,
    hsCode: product.line.hsCode,
    originCountry: product.line.originCountry,
    originProofs: [...(ORIGIN_PROOFS[product.sku ?? ''] ?? [])],
    stockCountries: stockCountriesOf(product),
  };
}

/** A parcel as fulfillment resolves it for pricing: the warehouse country, the quote lines (indexes; default all), its charge id. */
export interface ParcelSpec {
  from: string;
  lines?: number[];
  /** A ShippingCharge id, e.g. `EUR:1190:DE`; default a zero charge in euros. */
  charge?: string;
}

/** The representation the gateway sends for a Quote's priced fields, as the products subgraph resolved it. */
export function quoteRepresentation(
  shipToCountry: string,
  lines: readonly { sku: string; quantity: number }[],
  /**
   * What products and fulfillment add for `@requires`: by default one parcel of every line from the first line's
   * origin country at a zero charge, no threshold, the market's currency.
   */
  extras: { requestedCurrency?: string | null; shipments?: ParcelSpec[]; freeShippingThreshold?: { id: string } | null } = {},
) {
  const products = lines.map((line) => ({ product: productBySku(line.sku), quantity: line.quantity }));
  const parcels = extras.shipments ?? [{ from: products[0]!.product.line.originCountry }];
  return {
    __typename: 'Quote',
    id: `${shipToCountry}:${products.map(({ product, quantity }) => `${product.id}x${quantity}`).join(',')}`,
    shipToCountry,
    lines: products.map(({ product, quantity }) => ({
      quantity,
      product: {
        id: product.id,
        hsCode: product.line.hsCode,
        originCountry: product.line.originCountry,
        ...customsFieldsOf(product.line.code, product.sku, 0),
        sku: product.sku,
        weightGrams: product.weightGrams,
      },
    })),
    requestedCurrency: extras.requestedCurrency ?? null,
    shipments: parcels.map((parcel) => ({
      fromWarehouse: { id: `wh-${parcel.from.toLowerCase()}`, country: parcel.from },
      lines: (parcel.lines ?? products.map((_, index) => index)).map((index) => ({
        product: { id: products[index]!.product.id },
        quantity: products[index]!.quantity,
      })),
      charge: { id: parcel.charge ?? `EUR:0:${shipToCountry}` },
    })),
    freeShippingThreshold: extras.freeShippingThreshold ?? null,
  };
}
