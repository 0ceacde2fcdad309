import type { PricingContext } from '../context.ts';

/** Root fields of the pricing subgraph: the markets we sell to and the exchange rates in use. */
export const Query = {
  markets: (_root: unknown, _args: unknown, context: PricingContext) => context.loaders.markets(),
  market: async (_root: unknown, args: { country: string }, context: PricingContext) =>
    (await context.loaders.markets()).find((market) => market.country === args.country) ?? null,
  fxRates: (_root: unknown, _args: unknown, context: PricingContext) => context.loaders.fxRates(),
};
