import type { QueryResolvers } from '../generated/resolver-types.ts';
import { listMarketProducts } from '../services/list-market-products.ts';

/** Root fields of the pricing subgraph: the markets we sell to and the exchange rates in use. */
export const Query: QueryResolvers = {
  markets: async (_root, _args, context) => [...(await context.loaders.markets()).values()],
  market: async (_root, args, context) => (await context.loaders.markets()).get(args.country) ?? null,
  fxRates: (_root, _args, context) => context.loaders.fxRates(),
  marketProducts: (_root, args, context) => listMarketProducts(context, args),
};
