import type { IncomingMessage } from 'node:http';
import { readMarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import { RequestMemo } from '../common/request-memo.ts';
import { createLocalizationLoaders } from './loaders.ts';
import { createLocalizationModels, type LocalizationModels } from './models.ts';
import { createLocalizationReferenceData } from './reference-data.ts';
import type { LocalizationContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const localizationTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The localization subgraph: product and category text per locale, negotiation, countries and languages. */
export const localizationSubgraph: SubgraphModule<LocalizationContext, LocalizationModels> = {
  name: 'localization',
  create(connection, options) {
    const models = createLocalizationModels(connection);
    const reference = createLocalizationReferenceData(models, options.referenceTtlMs ?? referenceTtlFromEnv());
    const { server, fastPath } = createSubgraphServer<LocalizationContext>({
      typeDefs: localizationTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<LocalizationContext> => ({
      models,
      loaders: createLocalizationLoaders(models, reference),
      market: readMarketContext(req),
      negotiations: new RequestMemo(),
    });
    return { server, fastPath, context, models };
  },
};
