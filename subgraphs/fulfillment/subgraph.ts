import type { IncomingMessage } from 'node:http';
import { readMarketContext, type MarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import { createFulfillmentLoaders, createFulfillmentReference, type FulfillmentLoaders } from './loaders.ts';
import { createFulfillmentModels, type FulfillmentModels } from './models.ts';
import type { QuotePlan } from './plan-cart.ts';
import { resolvers } from './resolvers/index.ts';

/** What every fulfillment resolver receives. */
export interface FulfillmentContext {
  models: FulfillmentModels;
  loaders: FulfillmentLoaders;
  market: MarketContext;
  /**
   * The instant this request is answered at: the subgraph's clock read once per request, so every product
   * of a page is estimated against the same cut-offs.
   */
  now: Date;
  /** The request's cart plans by quote (see plan-cart.ts): a quote's fields share one plan. */
  quotePlans: Map<string, Promise<QuotePlan>>;
}

export const fulfillmentTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The fulfillment subgraph: warehouses, stock, lanes and compliance, and the delivery estimate of a product. */
export const fulfillmentSubgraph: SubgraphModule<FulfillmentContext, FulfillmentModels> = {
  name: 'fulfillment',
  create(connection, options) {
    const models = createFulfillmentModels(connection);
    const reference = createFulfillmentReference(models, options.referenceTtlMs ?? referenceTtlFromEnv());
    const server = createSubgraphServer<FulfillmentContext>({
      typeDefs: fulfillmentTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<FulfillmentContext> => ({
      models,
      loaders: createFulfillmentLoaders(models, reference),
      market: readMarketContext(req),
      now: options.clock(),
      quotePlans: new Map(),
    });
    return { server, context, models };
  },
};
