import { decodeShippingChargeId, encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { convertIntoMarket, moneyOf } from '../domain/index.ts';
import type { PricingContext } from '../context.ts';
import { fxConversionOf } from './product-price-view.ts';
import { moneyView } from './money-view.ts';
import { requireMarket } from './require-market.ts';

/**
 * `ShippingCharge`: fulfillment's lane charge (`EUR:1290:JP`) converted into the destination market's currency
 * with its FX margin and presentment rounding, so that money is converted and rounded in pricing only.
 * Every charge of a request shares the once-loaded markets and FX rates.
 */
export const ShippingCharge = {
  async __resolveReference(reference: { id: string }, context: PricingContext) {
    const key = decodeShippingChargeId(reference.id);
    const original = moneyOf(key.charge.minor, key.charge.currency);
    const [markets, rates] = await Promise.all([context.loaders.markets(), context.loaders.fxRates()]);
    const market = requireMarket(markets, key.country);
    const converted = convertIntoMarket(original, {
      market,
      rates,
      now: context.now,
      maxRateAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours,
    });
    return {
      id: encodeShippingChargeId(key),
      amount: moneyView(converted.money, market),
      original: moneyView(original, market),
      fx: fxConversionOf(converted, original.currency, market.currency),
    };
  },
};
