import { badUserInput } from '../../common/contract/errors.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingContext } from '../subgraph.ts';

/**
 * The destination a field prices for: its `country` argument, else the request's `x-ship-to-country` header.
 * Neither is BAD_USER_INPUT: guessing a country would show a price in the wrong currency and tax.
 */
export function destinationOf(country: string | null | undefined, context: PricingContext): string {
  const destination = country ?? context.market.shipTo;
  if (!destination) throw badUserInput('Pass country or send x-ship-to-country', {});
  return destination;
}

/** The market of `country`; BAD_USER_INPUT naming it and listing the markets when we do not sell there. */
export function requireMarket(markets: readonly MarketRecord[], country: string): MarketRecord {
  const market = markets.find((candidate) => candidate.country === country);
  if (market) return market;
  const countries = markets.map((candidate) => candidate.country);
  throw badUserInput(`We do not sell to ${country}; markets: ${countries.join(', ')}`, { country, markets: countries });
}
