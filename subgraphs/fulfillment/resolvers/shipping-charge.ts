import { decodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import type { ShippingChargeResolvers } from '../generated/resolver-types.ts';

export const ShippingCharge: ShippingChargeResolvers = {
  // The id is the whole charge; a malformed one is refused (BAD_USER_INPUT) rather than passed on. Async so the
  // refusal nulls only its own entry of `_entities`, not the whole batch.
  async __resolveReference(reference) {
    decodeShippingChargeId(reference.id);
    return { id: reference.id };
  },
};
