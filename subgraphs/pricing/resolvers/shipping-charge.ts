import type { ShippingChargeResolvers } from '../generated/resolver-types.ts';
import { convertShippingCharge } from '../services/convert-shipping-charge.ts';

/** `ShippingCharge`: fulfillment's lane charge, converted and rounded into the destination market's money. */
export const ShippingCharge: ShippingChargeResolvers = {
  __resolveReference: (reference, context) => convertShippingCharge(reference.id, context),
};
