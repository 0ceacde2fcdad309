import { shipToDefault, type MarketContext } from '../../common/market-context.ts';

/**
 * The destination a field prices for: its `country` argument, else the request's `x-ship-to-country` header.
 * Neither, or a header that is not a country, is BAD_USER_INPUT: guessing a country would show a price in the wrong currency and tax.
 */
export function destinationOf(country: string | null | undefined, market: MarketContext): string {
  return shipToDefault(country, market, 'country', 'this field');
}
