import { decodeShippingChargeId, encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { PricingContext } from '../context.ts';
import { convertIntoMarket, moneyOf } from '../domain/index.ts';
import { moneyView } from '../views/money-view.ts';
import { fxConversionOf } from '../views/product-price-view.ts';

/**
 * Fulfillment's lane charge (`EUR:1290:JP`) converted into the destination market's currency with its FX margin
 * and presentment rounding, so that money is converted and rounded in pricing only. Every charge of a request
 * shares the once-loaded markets and FX rates.
 */
export async function convertShippingCharge(id: string, context: PricingContext) {
  const key = decodeShippingChargeId(id);
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
}
