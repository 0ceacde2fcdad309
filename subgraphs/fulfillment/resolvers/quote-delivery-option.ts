import type { QuoteDeliveryOptionResolvers } from '../generated/resolver-types.ts';
import { toServiceLevel, toShippingCharge } from '../mappers.ts';

/** One service level for a whole cart. */
export const QuoteDeliveryOption: QuoteDeliveryOptionResolvers = {
  level: ({ option }) => toServiceLevel(option.level),
  recommended: ({ recommended }) => recommended,
  window: ({ option, destination }) => ({ earliest: option.earliest, latest: option.latest, destination }),
  // The carriers' prices in the lanes' currencies (one per shipment, in shipment order); pricing converts them
  // for the destination's market.
  charges: ({ option, destination }) => option.legs.map((leg) => toShippingCharge(leg.price, destination.country)),
};
