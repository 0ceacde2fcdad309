import { paymentMethodsOfMarket } from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingContext } from '../context.ts';
import { paymentMethodView } from './payment-method.ts';

/** `Market.paymentMethods`: every method the market offers, whatever the amount. Merged into `Market`. */
export const MarketPayment = {
  async paymentMethods(market: MarketRecord, args: { locale?: string | null }, context: PricingContext) {
    const locale = args.locale ?? context.requestLocale ?? market.locale;
    return paymentMethodsOfMarket(await context.loaders.paymentMethods(), market).map((method) =>
      paymentMethodView(method, locale, market),
    );
  },
};
