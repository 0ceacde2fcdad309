import { acceptedCurrencies, describePresentment, paymentMethodsOfMarket } from '../domain/index.ts';
import type { MarketResolvers } from '../generated/resolver-types.ts';
import { paymentMethodView } from '../views/payment-method-view.ts';

const TAX_DISPLAY = { inclusive: 'INCLUSIVE', exclusive: 'EXCLUSIVE' } as const;

/** `Market`: the stored rules, with enums in their GraphQL spelling. */
export const Market: MarketResolvers = {
  taxDisplay: (market) => TAX_DISPLAY[market.taxDisplay],
  roundingRule: (market) => describePresentment(market.presentment, market.currency),
  currencies: (market) => acceptedCurrencies(market),
  /** Every method the market offers, whatever the amount. */
  async paymentMethods(market, args, context) {
    const locale = args.locale ?? context.requestLocale ?? market.locale;
    return paymentMethodsOfMarket(await context.loaders.paymentMethods(), market).map((method) =>
      paymentMethodView(method, locale, market),
    );
  },
};
