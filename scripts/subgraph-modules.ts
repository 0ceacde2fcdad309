import type { SubgraphName } from '../subgraphs/common/config.ts';
import type { SubgraphModule } from '../subgraphs/common/subgraph.ts';
import { fulfillmentSubgraph } from '../subgraphs/fulfillment/subgraph.ts';
import { pricingSubgraph } from '../subgraphs/pricing/subgraph.ts';
import { localizationSubgraph } from '../subgraphs/localization/subgraph.ts';
import { productsSubgraph } from '../subgraphs/products/subgraph.ts';

/** Every subgraph of the graph, by name. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule<any, any>> = {
  products: productsSubgraph,
  localization: localizationSubgraph,
  fulfillment: fulfillmentSubgraph,
  pricing: pricingSubgraph,
};
