import { notSold } from './contract/not-sold.ts';

/**
 * The market of `country` among a subgraph's markets by country. A country we do not sell to is BAD_USER_INPUT
 * with `extensions.reason: "NOT_SOLD"` (see `notSold`), so pricing and fulfillment refuse it with one answer.
 */
export function requireMarket<M>(markets: ReadonlyMap<string, M>, country: string): M {
  const market = markets.get(country);
  if (market !== undefined) return market;
  throw notSold(country);
}
