import { cartDelivery, selectCartOption } from '../domain/index.ts';
import type { QuoteResolvers } from '../generated/resolver-types.ts';
import { toQuoteDeliveryOption, toShippingCharge } from '../mappers.ts';
import { planQuote } from '../services/plan-quote.ts';
import { requireQuoteMarket } from '../services/require-quote-market.ts';

/** `Quote` as fulfillment extends it: how the cart travels. Every field shares one plan per request. */
export const Quote: QuoteResolvers = {
  // Fulfillment stores nothing per quote: the representation (id + required fields) is the quote.
  __resolveReference: (reference) => reference,

  async shipments(quote, _args, context) {
    const { plan, requestedLevel, destination } = await planQuote(quote, context);
    // The legs the parcels travel by: the selected option's, else each parcel's best; none when nothing ships.
    const delivery = cartDelivery(plan, requestedLevel);
    if (!delivery) return [];
    return plan.shipments.map((shipment, index) => ({ shipment, leg: delivery.legs[index]!, destination }));
  },
  async deliveryOptions(quote, _args, context) {
    const planned = await planQuote(quote, context);
    return planned.plan.options.map((option) => toQuoteDeliveryOption(planned, option));
  },
  async selectedDeliveryOption(quote, _args, context) {
    const planned = await planQuote(quote, context);
    // The requested level, else the recommended one; a level not offered throws.
    const selected = selectCartOption(planned.plan, planned.requestedLevel);
    return selected ? toQuoteDeliveryOption(planned, selected) : null;
  },
  async deliveryWindow(quote, _args, context) {
    const { plan, requestedLevel, destination } = await planQuote(quote, context);
    const delivery = cartDelivery(plan, requestedLevel);
    return delivery ? { earliest: delivery.earliest, latest: delivery.latest, destination } : null;
  },
  async shippable(quote, _args, context) {
    const { plan } = await planQuote(quote, context);
    return plan.unshippableLines.length === 0 && plan.shipments.length > 0;
  },
  async unshippableLines(quote, _args, context) {
    const { plan, destination } = await planQuote(quote, context);
    return plan.unshippableLines.map((line) => ({ ...line, country: destination.country }));
  },
  async shippingCharges(quote, _args, context) {
    const { plan, requestedLevel, destination } = await planQuote(quote, context);
    return cartDelivery(plan, requestedLevel)?.legs.map((leg) => toShippingCharge(leg.price, destination.country)) ?? [];
  },
  async freeShippingThreshold(quote, _args, context) {
    const { country, market } = await requireQuoteMarket(quote, context);
    const threshold = market.freeShippingThreshold;
    return threshold ? toShippingCharge(threshold, country) : null;
  },
};
