import { add, dutyIncludedIn, fxLockIdOf, isZero, lockWindowOf, paymentMethodsForTotal, settle, type Settlement } from '../domain/index.ts';
import type { MarketRecord, QuoteRepresentation } from '../mappers.ts';
import type { PricingContext } from '../context.ts';
import { priceQuote } from '../services/price-quote.ts';
import { paymentMethodView } from './PaymentMethod.ts';

/** What `Quote.settlement` hands to the `Settlement` type: the amounts, and what its lock is made of. */
export interface SettlementView {
  quoteId: string;
  market: MarketRecord;
  settlement: Settlement;
  lockId: string;
  expiresAt: Date;
  now: Date;
}

/**
 * `Quote.paymentMethods` and `Quote.settlement`, merged into `Quote`. Both start from the quote's `total` as the
 * quote computation prices it (once per request), in whatever currency it is presented in.
 */
export const QuotePayment = {
  async paymentMethods(quote: QuoteRepresentation, args: { locale?: string | null }, context: PricingContext) {
    const { market, consignment } = await priceQuote(quote, context);
    const locale = args.locale ?? context.requestLocale ?? market.locale;
    const includesDuties = dutyIncludedIn(market) && !isZero(add(consignment.duty, consignment.importTax));
    const methods = paymentMethodsForTotal(await context.loaders.paymentMethods(), market, consignment.total, includesDuties);
    return methods.map((method) => paymentMethodView(method, locale, market));
  },

  async settlement(quote: QuoteRepresentation, _args: unknown, context: PricingContext): Promise<SettlementView> {
    const [{ market, consignment }, rates] = await Promise.all([priceQuote(quote, context), context.loaders.fxRates()]);
    const settlement = settle(consignment.total, {
      settlementCurrency: context.config.settlementCurrency,
      rates,
      now: context.now,
      maxAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours,
    });
    const { windowStart, expiresAt } = lockWindowOf(context.now, context.config.fxLockMinutes);
    return { quoteId: quote.id, market, settlement, lockId: fxLockIdOf(quote.id, settlement, windowStart), expiresAt, now: context.now };
  },
};
