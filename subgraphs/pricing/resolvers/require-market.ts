import { badUserInput } from '../../common/contract/errors.ts';
import { shipToDefault } from '../../common/market-context.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingContext } from '../subgraph.ts';

/**
 * The destination a field prices for: its `country` argument, else the request's `x-ship-to-country` header.
 * Neither, or a header that is not a country, is BAD_USER_INPUT: guessing a country would show a price in the wrong currency and tax.
 */
export function destinationOf(country: string | null | undefined, context: PricingContext): string {
  return shipToDefault(country, context.market, 'country', 'this field');
}

/** The market of `country`; BAD_USER_INPUT naming it and listing the markets when we do not sell there. */
export function requireMarket(markets: readonly MarketRecord[], country: string): MarketRecord {
  const market = markets.find((candidate) => candidate.country === country);
  if (market) return market;
  const countries = markets.map((candidate) => candidate.country);
  throw badUserInput(`We do not sell to ${country}; markets: ${countries.join(', ')}`, { country, markets: countries });
}
