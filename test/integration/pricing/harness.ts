import type { SeedProduct } from '../../../scripts/seed/catalog.ts';
import type { PricingModels } from '../../../subgraphs/pricing/models.ts';
import { pricingSubgraph, type PricingContext } from '../../../subgraphs/pricing/subgraph.ts';
import { productBySku, startSubgraphHarness, type SubgraphHarness } from '../subgraph-harness.ts';

export { productBySku, type OperationResult } from '../subgraph-harness.ts';

/** The pricing subgraph over a seeded embedded database, with a clock the test moves. */
export type PricingHarness = SubgraphHarness<PricingContext, PricingModels>;

export function startPricingHarness(now: string, options: { referenceTtlMs?: number } = {}): Promise<PricingHarness> {
  return startSubgraphHarness(pricingSubgraph, now, options);
}

/** The `_entities` representation the gateway sends for `Product.price`: the key plus the @requires fields. */
export function productRepresentation(product: Pick<SeedProduct, 'id' | 'line'>) {
  return { __typename: 'Product', id: product.id, hsCode: product.line.hsCode, originCountry: product.line.originCountry };
}

/** The representation the gateway sends for a Quote's priced fields, as the products subgraph resolved it. */
export function quoteRepresentation(
  shipToCountry: string,
  lines: readonly { sku: string; quantity: number }[],
  /** What products and fulfillment add for `@requires`: by default no charges, no threshold, the market's currency. */
  extras: { requestedCurrency?: string | null; shippingCharges?: { id: string }[]; freeShippingThreshold?: { id: string } | null } = {},
) {
  const products = lines.map((line) => ({ product: productBySku(line.sku), quantity: line.quantity }));
  return {
    __typename: 'Quote',
    id: `${shipToCountry}:${products.map(({ product, quantity }) => `${product.id}x${quantity}`).join(',')}`,
    shipToCountry,
    lines: products.map(({ product, quantity }) => ({
      quantity,
      product: { id: product.id, hsCode: product.line.hsCode, originCountry: product.line.originCountry },
    })),
    requestedCurrency: extras.requestedCurrency ?? null,
    shippingCharges: extras.shippingCharges ?? [],
    freeShippingThreshold: extras.freeShippingThreshold ?? null,
  };
}
