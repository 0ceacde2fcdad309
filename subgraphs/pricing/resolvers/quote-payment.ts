import type { QuoteResolvers } from '../generated/resolver-types.ts';
import { choosePaymentMethods } from '../services/choose-payment-methods.ts';
import { settleQuote } from '../services/settle-quote.ts';
import { priceQuote } from './Quote.ts';

/**
 * `Quote.paymentMethods` and `Quote.settlement`, merged into `Quote`. Both start from the quote's `total` as the
 * quote computation prices it (once per request), in whatever currency it is presented in.
 */
export const QuotePayment: Pick<QuoteResolvers, 'paymentMethods' | 'settlement'> = {
  async paymentMethods(quote, args, context) {
    const priced = await priceQuote(quote, context);
    return choosePaymentMethods(priced, args.locale ?? context.requestLocale ?? priced.market.locale, context);
  },
  async settlement(quote, _args, context) {
    const [priced, rates] = await Promise.all([priceQuote(quote, context), context.loaders.fxRates()]);
    return settleQuote(quote.id, priced, rates, context);
  },
};
