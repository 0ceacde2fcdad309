import { notSold } from '../../common/contract/not-sold.ts';
import { shipToDefault } from '../../common/market-context.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingContext } from '../context.ts';

/**
 * The destination a field prices for: its `country` argument, else the request's `x-ship-to-country` header.
 * Neither, or a header that is not a country, is BAD_USER_INPUT: guessing a country would show a price in the wrong currency and tax.
 */
export function destinationOf(country: string | null | undefined, context: PricingContext): string {
  return shipToDefault(country, context.market, 'country', 'this field');
}

/**
 * The market of `country`. A country we do not sell to is BAD_USER_INPUT with `extensions.reason: "NOT_SOLD"`
 * (see `notSold`): the same answer fulfillment gives for it.
 */
export function requireMarket(markets: readonly MarketRecord[], country: string): MarketRecord {
  const market = markets.find((candidate) => candidate.country === country);
  if (market) return market;
  throw notSold(country);
}
