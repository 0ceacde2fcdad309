import { businessDaysUntil } from '../domain/index.ts';
import type { ShipmentResolvers } from '../generated/resolver-types.ts';
import { toServiceLevel, toShippingCharge } from '../mappers.ts';
import { writeDeliverySentence } from '../services/write-delivery-sentence.ts';

/** One parcel of a cart, shown with the selected option's leg. */
export const Shipment: ShipmentResolvers = {
  fromWarehouse: ({ shipment }) => shipment.warehouse,
  lines: ({ shipment }) => shipment.lines.map((line) => ({ product: { id: line.productId }, quantity: line.quantity })),
  level: ({ leg }) => toServiceLevel(leg.service.level),
  carrier: ({ leg }) => leg.service.carrier,
  earliest: ({ leg }) => leg.estimate.earliest,
  latest: ({ leg }) => leg.estimate.latest,
  businessDaysMin: ({ leg, destination }, _args, context) => businessDaysUntil(context.now, destination, leg.estimate).min,
  businessDaysMax: ({ leg, destination }, _args, context) => businessDaysUntil(context.now, destination, leg.estimate).max,
  text: ({ leg, destination }, args, context) => writeDeliverySentence(leg.estimate, destination, args.locale, context),
  chargeableWeightGrams: ({ leg }) => leg.chargeableGrams,
  charge: ({ leg, destination }) => toShippingCharge(leg.price, destination.country),
};
