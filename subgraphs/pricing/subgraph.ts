import type { IncomingMessage } from 'node:http';
import { readMarketContext, type MarketContext } from '../common/market-context.ts';
import { createSubgraphServer, loadTypeDefs, type SubgraphModule } from '../common/subgraph.ts';
import { parseAcceptLanguage } from '../common/locale/index.ts';
import { readPricingConfig, type PricingConfig } from './config.ts';
import { createPricingLoaders, type PricingLoaders } from './loaders.ts';
import type { Model } from 'mongoose';
import { createFxLockModel, createPricingModels, type FxLockDocument, type PricingModels } from './models.ts';
import { createPricingReference } from './reference-data.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import type { PricedQuote } from './resolvers/Quote.ts';
import { resolvers } from './resolvers/index.ts';

/** What every pricing resolver receives. */
export interface PricingContext {
  models: PricingModels;
  loaders: PricingLoaders;
  market: MarketContext;
  /** The request's instant, read once from the injected clock: every price of a response uses the same "now". */
  now: Date;
  /** Locale of `Money.formatted` when the field names none: the best well-formed `Accept-Language` tag. */
  requestLocale: string | undefined;
  config: PricingConfig;
  /** Quotes priced in this request, so that `items`, `tax`, `total`… of one quote price it once. */
  quotes: WeakMap<object, Promise<PricedQuote>>;
  /** Exchange-rate locks (`fx_locks`), written by requests, so not among the seeded `models`. */
  fxLocks: Model<FxLockDocument>;
}

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
    const config = readPricingConfig();
    const reference = createPricingReference(models, options.referenceTtlMs ?? referenceTtlFromEnv());
    const server = createSubgraphServer<PricingContext>({
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
        quotes: new WeakMap(),
        fxLocks,
      };
    };
    return { server, context, models };
  },
};
