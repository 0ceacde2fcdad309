import type { IncomingMessage } from 'node:http';
import { readMarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { createProductLoaders } from './loaders.ts';
import { createProductModels, type ProductModels } from './models.ts';
import type { ProductsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

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
