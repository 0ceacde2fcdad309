import { omnibusApplies, omnibusCompareAt, priorPriceOf } from '../domain/index.ts';
import { priceHistoryKey } from '../loaders.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingContext } from '../context.ts';
import { moneyView, type MoneyView } from './money-view.ts';

/** What `Product.price` resolves to, as far as the EU price-reduction rule needs it. */
interface PriceForOmnibus {
  productId: string;
  market: MarketRecord;
  amount: MoneyView;
  /** The regular price while a cheaper sale runs (before the EU rule), else null. */
  compareAt: MoneyView | null;
}

async function priorPriceFor(price: PriceForOmnibus, context: PricingContext) {
  // Batched: every price of the request asks in the same tick, one `$in` query for all.
  const history = await context.loaders.priceHistory.load(priceHistoryKey(price.productId, price.market.country));
  return priorPriceOf(history, context.now);
}

/**
 * `ProductPrice.compareAt` and `lowestPrior30Days` under the EU price-reduction rule (Omnibus Directive), merged
 * into `ProductPrice`. Outside the EU/EEA the struck-through price is the regular one and there is no 30-day figure.
 */
export const ProductPriceOmnibus = {
  async compareAt(price: PriceForOmnibus, _args: unknown, context: PricingContext): Promise<MoneyView | null> {
    if (!price.compareAt || !omnibusApplies(price.market.country)) return price.compareAt;
    const lowest = omnibusCompareAt(price.amount.money, await priorPriceFor(price, context));
    return lowest ? moneyView(lowest, price.market) : null;
  },
  async lowestPrior30Days(price: PriceForOmnibus, _args: unknown, context: PricingContext): Promise<MoneyView | null> {
    if (!omnibusApplies(price.market.country)) return null;
    const lowest = (await priorPriceFor(price, context))?.lowestPrior;
    return lowest ? moneyView(lowest, price.market) : null;
  },
};
