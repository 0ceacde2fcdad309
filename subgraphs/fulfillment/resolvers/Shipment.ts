import { businessDaysUntil } from '../domain/index.ts';
import type { FulfillmentContext } from '../context.ts';
import { chargeIdOf, type ShipmentParent } from './Quote.ts';
import { windowText } from './QuoteDeliveryWindow.ts';

type LocaleArgs = { locale?: string | null };

/** One parcel of a cart, shown with the selected option's leg. */
export const Shipment = {
  fromWarehouse: ({ shipment }: ShipmentParent) => shipment.warehouse,
  lines: ({ shipment }: ShipmentParent) => shipment.lines.map((line) => ({ product: { id: line.productId }, quantity: line.quantity })),
  level: ({ leg }: ShipmentParent) => leg.service.level,
  carrier: ({ leg }: ShipmentParent) => leg.service.carrier,
  earliest: ({ leg }: ShipmentParent) => leg.estimate.earliest,
  latest: ({ leg }: ShipmentParent) => leg.estimate.latest,
  businessDaysMin: ({ leg, destination }: ShipmentParent, _args: unknown, context: FulfillmentContext) => businessDaysUntil(context.now, destination, leg.estimate).min,
  businessDaysMax: ({ leg, destination }: ShipmentParent, _args: unknown, context: FulfillmentContext) => businessDaysUntil(context.now, destination, leg.estimate).max,
  text: ({ leg, destination }: ShipmentParent, args: LocaleArgs, context: FulfillmentContext) =>
    windowText({ earliest: leg.estimate.earliest, latest: leg.estimate.latest, destination }, args, context),
  chargeableWeightGrams: ({ leg }: ShipmentParent) => leg.chargeableGrams,
  charge: ({ leg, destination }: ShipmentParent) => chargeIdOf(leg, destination),
};

