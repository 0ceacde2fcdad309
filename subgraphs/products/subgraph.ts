import type { IncomingMessage } from 'node:http';
import { readMarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { createPersonalDataSeal } from './domain/personal-data-seal.ts';
import { createProductLoaders } from './loaders.ts';
import { createProductModels, type ProductModels } from './models.ts';
import type { ProductsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const productsTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** Development only: production must set its own, the same for every products replica. */
const DEVELOPMENT_PERSONAL_DATA_SECRET = 'meridian development personal-data secret';

/** The secret quote ids seal personal data under (`MERIDIAN_PERSONAL_DATA_SECRET`); required in production. */
export function personalDataSecretOf(env: NodeJS.ProcessEnv): string {
  const secret = env.MERIDIAN_PERSONAL_DATA_SECRET;
  if (secret) {
    if (secret.length < 16) throw new Error('MERIDIAN_PERSONAL_DATA_SECRET must be at least 16 characters');
    return secret;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('MERIDIAN_PERSONAL_DATA_SECRET is required when NODE_ENV=production: it seals personal data in quote ids');
  }
  return DEVELOPMENT_PERSONAL_DATA_SECRET;
}

/** The products subgraph: catalog identity, physical facts, categories, and the start of a quote. */
export const productsSubgraph: SubgraphModule<ProductsContext, ProductModels> = {
  name: 'products',
  create(connection, options) {
    const models = createProductModels(connection);
    const personalData = createPersonalDataSeal(personalDataSecretOf(process.env));
    const { server, fastPath } = createSubgraphServer<ProductsContext>({
      typeDefs: productsTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<ProductsContext> => ({
      models,
      loaders: createProductLoaders(models),
      market: readMarketContext(req),
      personalData,
    });
    return { server, fastPath, context, models };
  },
};
