import type { PricingContext } from '../context.ts';
import { priorPriceOf } from '../domain/index.ts';
import { priceHistoryKey } from '../loaders.ts';

/** What the EU price-reduction rule reads of a price history at the request's "now" (see `priorPriceOf`). */
export async function findPriorPrice(productId: string, country: string, context: PricingContext) {
  // Batched: every price of the request asks in the same tick, one `$in` query for all.
  const history = await context.loaders.priceHistory.load(priceHistoryKey(productId, country));
  return priorPriceOf(history, context.now);
}
