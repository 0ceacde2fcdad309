import { encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import type { FulfillmentContext } from '../subgraph.ts';

/** The destination country leads the products subgraph's deterministic quote id (`DE:<id>x1;…`). */
function countryOf(quote: { id: string }): string {
  return quote.id.slice(0, 2);
}

/** PROVISIONAL `Quote` extension (helper "quote"): replaced by helper "cart"'s shipments and delivery options. */
export const Quote = {
  __resolveReference: (reference: { id: string }) => reference,
  shippingCharges: (quote: { id: string }) => [
    { id: encodeShippingChargeId({ charge: { minor: 590n, currency: 'EUR' }, country: countryOf(quote) }) },
  ],
  async freeShippingThreshold(quote: { id: string }, _args: unknown, context: FulfillmentContext) {
    const country = countryOf(quote);
    const threshold = (await context.loaders.markets()).get(country)?.freeShippingThreshold;
    return threshold ? { id: encodeShippingChargeId({ charge: threshold, country }) } : null;
  },
};
