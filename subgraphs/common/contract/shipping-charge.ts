import { badUserInput, echoed } from './errors.ts';
import type { Money } from './money.ts';

/**
 * A shipping charge as fulfillment knows it: money in the lane's rate currency, for a destination market.
 * Fulfillment hands it over as the `ShippingCharge` entity id; pricing converts it into the market's
 * currency, so that money is converted and rounded in one place only.
 */
export interface ShippingChargeKey {
  /** The lane's rate, in minor units of its rate card's currency. */
  charge: Money;
  /** Destination country: its market decides the currency and rounding of the converted amount. */
  country: string;
}

/** Encodes a charge as an entity id, e.g. `EUR:1290:DE`. */
export function encodeShippingChargeId(key: ShippingChargeKey): string {
  return `${key.charge.currency}:${key.charge.minor}:${key.country}`;
}

/** Decodes an id made by {@link encodeShippingChargeId}; anything else is BAD_USER_INPUT. */
export function decodeShippingChargeId(id: unknown): ShippingChargeKey {
  const match = typeof id === 'string' ? /^([A-Z]{3}):(\d{1,15}):([A-Z]{2})$/.exec(id) : null;
  if (!match) throw badUserInput(`Malformed shipping charge id ${JSON.stringify(echoed(id))}`, { id: echoed(id) });
  return { charge: { currency: match[1]!, minor: BigInt(match[2]!) }, country: match[3]! };
}
