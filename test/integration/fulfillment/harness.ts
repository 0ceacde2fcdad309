import type { SeedProduct } from '../../../scripts/seed/catalog.ts';
import type { FulfillmentModels } from '../../../subgraphs/fulfillment/models.ts';
import type { FulfillmentContext } from '../../../subgraphs/fulfillment/context.ts';
import { fulfillmentSubgraph } from '../../../subgraphs/fulfillment/subgraph.ts';
import { startSubgraphHarness, type SubgraphHarness } from '../subgraph-harness.ts';

export { productBySku, type OperationResult } from '../subgraph-harness.ts';

/** The fulfillment subgraph built over a seeded embedded database, and what a test needs to talk to it. */
export type FulfillmentHarness = SubgraphHarness<FulfillmentContext, FulfillmentModels>;

export function startFulfillmentHarness(now: string): Promise<FulfillmentHarness> {
  return startSubgraphHarness(fulfillmentSubgraph, now);
}

/** The `_entities` representation the gateway sends for `Product.delivery`: key plus @requires fields. */
export function representationOf(product: SeedProduct) {
  return {
    __typename: 'Product',
    id: product.id,
    weightGrams: product.weightGrams,
    dimensions: { ...product.line.dimensions },
    complianceTags: [...product.line.complianceTags],
  };
}
