import { encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { cartDelivery, selectCartOption, type CartDelivery, type CartDeliveryOption, type CartShipment, type DeliveryOption, type Destination, type UnshippableLine } from '../domain/index.ts';
import { quotePlan, requireQuoteMarket, type QuotePlan, type QuoteRepresentation } from '../plan-cart.ts';
import type { FulfillmentContext } from '../context.ts';

/** A cart window with the destination whose calendar it is read in. */
export interface WindowParent {
  earliest: string;
  latest: string;
  destination: Destination;
}

/** One cart option, whether it is the recommended one, and its destination. */
export interface QuoteOptionParent {
  option: CartDeliveryOption;
  recommended: boolean;
  destination: Destination;
}

/** One parcel of the cart with the leg of the selected option it travels by. */
export interface ShipmentParent {
  shipment: CartShipment;
  leg: DeliveryOption;
  destination: Destination;
}

/** An unshippable line with its destination (for the sentence). */
export interface UnshippableLineParent extends UnshippableLine {
  country: string;
}

/** A leg's carrier price as the ShippingCharge entity pricing converts (`<currency>:<minor>:<country>`). */
export function chargeIdOf(leg: DeliveryOption, destination: Destination): { id: string } {
  return { id: encodeShippingChargeId({ charge: leg.price, country: destination.country }) };
}

/** An option's charges, one per shipment, in shipment order. */
export function chargesOf(option: CartDeliveryOption, destination: Destination): { id: string }[] {
  return option.legs.map((leg) => chargeIdOf(leg, destination));
}

function optionParent({ plan, destination }: QuotePlan, option: CartDeliveryOption): QuoteOptionParent {
  return { option, recommended: option === plan.options[0], destination };
}

/** The selected option (the requested level, else the recommended one); throws for a level not offered. */
function selectedOf({ plan, requestedLevel }: QuotePlan): CartDeliveryOption | null {
  return selectCartOption(plan, requestedLevel);
}

/** The legs the parcels travel by (the selected option's, else each parcel's best); null when nothing ships. */
function deliveryOf({ plan, requestedLevel }: QuotePlan): CartDelivery | null {
  return cartDelivery(plan, requestedLevel);
}

/** `Quote` as fulfillment extends it: how the cart travels. Every field shares one plan per request. */
export const Quote = {
  // Fulfillment stores nothing per quote: the representation (id + required fields) is the quote.
  __resolveReference: (reference: QuoteRepresentation) => reference,

  async shipments(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<ShipmentParent[]> {
    const planned = await quotePlan(quote, context);
    const delivery = deliveryOf(planned);
    if (!delivery) return [];
    return planned.plan.shipments.map((shipment, index) => ({ shipment, leg: delivery.legs[index]!, destination: planned.destination }));
  },
  async deliveryOptions(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<QuoteOptionParent[]> {
    const planned = await quotePlan(quote, context);
    return planned.plan.options.map((option) => optionParent(planned, option));
  },
  async selectedDeliveryOption(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<QuoteOptionParent | null> {
    const planned = await quotePlan(quote, context);
    const selected = selectedOf(planned);
    return selected ? optionParent(planned, selected) : null;
  },
  async deliveryWindow(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<WindowParent | null> {
    const planned = await quotePlan(quote, context);
    const delivery = deliveryOf(planned);
    return delivery ? { earliest: delivery.earliest, latest: delivery.latest, destination: planned.destination } : null;
  },
  async shippable(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<boolean> {
    const { plan } = await quotePlan(quote, context);
    return plan.unshippableLines.length === 0 && plan.shipments.length > 0;
  },
  async unshippableLines(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<UnshippableLineParent[]> {
    const { plan, destination } = await quotePlan(quote, context);
    return plan.unshippableLines.map((line) => ({ ...line, country: destination.country }));
  },
  async shippingCharges(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<{ id: string }[]> {
    const planned = await quotePlan(quote, context);
    return deliveryOf(planned)?.legs.map((leg) => chargeIdOf(leg, planned.destination)) ?? [];
  },
  async freeShippingThreshold(quote: QuoteRepresentation, _args: unknown, context: FulfillmentContext): Promise<{ id: string } | null> {
    const { country, market } = await requireQuoteMarket(quote, context);
    const threshold = market.freeShippingThreshold;
    return threshold ? { id: encodeShippingChargeId({ charge: threshold, country }) } : null;
  },
};
