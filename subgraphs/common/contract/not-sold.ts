import { badUserInput, type DomainError } from './errors.ts';

/** `extensions.reason` of the error every field answers for a country we do not sell to. */
export const NOT_SOLD = 'NOT_SOLD';

/**
 * The one error for a country that is not one of our markets (pricing's markets are the list; fulfillment's are
 * seeded to the same countries): BAD_USER_INPUT with `extensions.reason: "NOT_SOLD"` and the country, from
 * `Product.price`, `Product.delivery` and every quote field alike, so a client handles it once.
 */
export function notSold(country: string): DomainError {
  return badUserInput(`We do not sell to ${country}; Query.markets lists the countries we sell to`, { reason: NOT_SOLD, country });
}
