import { badUserInput } from '../../common/contract/errors.ts';
import type { MarketRecord } from '../loaders.ts';
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

/**
 * A field a resolver `@requires` from another subgraph. The gateway always sends it; a representation
 * without it is a planning bug or a hand-written `_entities` call, so fail loudly, naming the field.
 */
export function requiredField<T>(value: T | null | undefined, field: string, resolver: string): T {
  if (value === undefined || value === null) {
    throw badUserInput(`${resolver} needs "${field}" in the entity representation (@requires)`, { field });
  }
  return value;
}
