import { notSold } from '../common/contract/not-sold.ts';
import type { Market } from './domain/index.ts';

/**
 * The market of `country`; a country we do not sell to is BAD_USER_INPUT with `extensions.reason: "NOT_SOLD"`
 * (see `notSold`), the same answer pricing gives. Fulfillment's one check of where we sell: `Product.delivery`
 * and every Quote field of fulfillment call it before planning anything, so an embargoed destination — never a
 * market — is refused here, not answered `shippable: false`.
 */
export function requireMarket(markets: ReadonlyMap<string, Market>, country: string): Market {
  const market = markets.get(country);
  if (market) return market;
  throw notSold(country);
}
