import type { IncomingMessage } from 'node:http';
import { readMarketContext, type MarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { createProductLoaders, type ProductLoaders } from './loaders.ts';
import { createProductModels, type ProductModels } from './models.ts';
import { resolvers } from './resolvers/index.ts';

/** What every products resolver receives. */
export interface ProductsContext {
  models: ProductModels;
  loaders: ProductLoaders;
  market: MarketContext;
}

export const productsTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The products subgraph: catalog identity, physical facts, categories, and the start of a quote. */
export const productsSubgraph: SubgraphModule<ProductsContext, ProductModels> = {
  name: 'products',
  create(connection, options) {
    const models = createProductModels(connection);
    const server = createSubgraphServer<ProductsContext>({
      typeDefs: productsTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<ProductsContext> => ({
      models,
      loaders: createProductLoaders(models),
      market: readMarketContext(req),
    });
    return { server, context, models };
  },
};
