import { decodeShippingChargeId } from '../../common/contract/shipping-charge.ts';

export const ShippingCharge = {
  // The id is the whole charge; a malformed one is refused (BAD_USER_INPUT) rather than passed on. Async so the
  // refusal nulls only its own entry of `_entities`, not the whole batch.
  async __resolveReference(reference: { id: string }): Promise<{ id: string }> {
    decodeShippingChargeId(reference.id);
    return { id: reference.id };
  },
};
