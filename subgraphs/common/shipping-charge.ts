import { badUserInput } from './errors.ts';

/**
 * A shipping charge as fulfillment knows it: integer minor units in the lane's rate currency, for a destination
 * market. Fulfillment hands it over as the `ShippingCharge` entity id; pricing converts it into the market's
 * currency, so that money is converted and rounded in one place only.
 */
export interface ShippingChargeKey {
  /** ISO 4217 currency of the lane's rate card. */
  currency: string;
  /** Amount in minor units of `currency` (safe integer, ≥ 0). */
  amountMinor: number;
  /** Destination country: its market decides the currency and rounding of the converted amount. */
  country: string;
}

/** Encodes a charge as an entity id, e.g. `EUR:1290:DE`. */
export function encodeShippingChargeId(key: ShippingChargeKey): string {
  return `${key.currency}:${key.amountMinor}:${key.country}`;
}

/** Decodes an id made by {@link encodeShippingChargeId}; anything else is BAD_USER_INPUT. */
export function decodeShippingChargeId(id: string): ShippingChargeKey {
  const match = /^([A-Z]{3}):(\d{1,15}):([A-Z]{2})$/.exec(id);
  if (!match) throw badUserInput(`Malformed shipping charge id "${id}"`, { id });
  return { currency: match[1]!, amountMinor: Number(match[2]), country: match[3]! };
}
