import type { IncomingMessage } from 'node:http';
import { readMarketContext } from '../common/market-context.ts';
import { RequestMemo } from '../common/request-memo.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import { createFulfillmentLoaders } from './loaders.ts';
import { createFulfillmentModels, type FulfillmentModels } from './models.ts';
import { createFulfillmentReference } from './reference-data.ts';
import type { FulfillmentContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const fulfillmentTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The fulfillment subgraph: warehouses, stock, lanes and compliance, and the delivery estimate of a product. */
export const fulfillmentSubgraph: SubgraphModule<FulfillmentContext, FulfillmentModels> = {
  name: 'fulfillment',
  create(connection, options) {
    const models = createFulfillmentModels(connection);
    const reference = createFulfillmentReference(models, options.referenceTtlMs ?? referenceTtlFromEnv());
    const { server, fastPath } = createSubgraphServer<FulfillmentContext>({
      typeDefs: fulfillmentTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<FulfillmentContext> => ({
      models,
      loaders: createFulfillmentLoaders(models, reference),
      market: readMarketContext(req),
      now: options.clock(),
      quotePlans: new RequestMemo(),
    });
    return { server, fastPath, context, models };
  },
};
