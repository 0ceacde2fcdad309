import { businessDaysUntil } from '../domain/index.ts';
import type { DeliveryOptionResolvers } from '../generated/resolver-types.ts';
import { toServiceLevel, toShippingCharge } from '../mappers.ts';
import { writeDeliverySentence } from '../services/write-delivery-sentence.ts';

export const DeliveryOption: DeliveryOptionResolvers = {
  level: ({ option }) => toServiceLevel(option.service.level),
  carrier: ({ option }) => option.service.carrier,
  earliest: ({ option }) => option.estimate.earliest,
  latest: ({ option }) => option.estimate.latest,
  chargeableWeightGrams: ({ option }) => option.chargeableGrams,
  // The carrier's price in the lane's currency; pricing converts it for the destination's market.
  charge: ({ option, destination }) => toShippingCharge(option.price, destination.country),
  text: ({ option, destination }, args, context) => writeDeliverySentence(option.estimate, destination, args.locale, context),
  businessDaysMin: ({ option, destination }, _args, context) => businessDaysUntil(context.now, destination, option.estimate).min,
  businessDaysMax: ({ option, destination }, _args, context) => businessDaysUntil(context.now, destination, option.estimate).max,
};
