import type { IncomingMessage } from 'node:http';
import { readMarketContext } from '../common/market-context.ts';
import { RequestMemo } from '../common/request-memo.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { parseAcceptLanguage } from '../common/locale/index.ts';
import { readPricingConfig } from './config.ts';
import { createPricingLoaders } from './loaders.ts';
import { createFxLockModel, createPricingModels, type PricingModels } from './models.ts';
import { createPriceProjectionModel } from './projection-models.ts';
import { createPricingReference } from './reference-data.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import type { PricingContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const pricingTypeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));

/** The best language a request's `Accept-Language` header accepts, as a canonical tag; '*' names none. */
function requestLocaleOf(acceptLanguage: string | undefined): string | undefined {
  return parseAcceptLanguage(acceptLanguage).find((preference) => preference.tag !== '*')?.tag;
}

/** The pricing subgraph: markets, prices, tax, duty, FX, and the money of quotes and shipping charges. */
export const pricingSubgraph: SubgraphModule<PricingContext, PricingModels> = {
  name: 'pricing',
  create(connection, options) {
    const models = createPricingModels(connection);
    const fxLocks = createFxLockModel(connection);
    const priceProjections = createPriceProjectionModel(connection);
    const config = readPricingConfig();
    const reference = createPricingReference(models, options.referenceTtlMs ?? referenceTtlFromEnv());
    const { server, fastPath } = createSubgraphServer<PricingContext>({
      typeDefs: pricingTypeDefs,
      resolvers,
      exposeStackTraces: options.exposeStackTraces,
    });
    const context = async (req: IncomingMessage): Promise<PricingContext> => {
      const now = options.clock();
      const market = readMarketContext(req);
      return {
        models,
        loaders: createPricingLoaders(models, now, reference),
        market,
        now,
        requestLocale: requestLocaleOf(market.acceptLanguage),
        config,
        quotes: new RequestMemo(),
        fxLocks,
        priceProjections,
      };
    };
    return { server, fastPath, context, models };
  },
};
