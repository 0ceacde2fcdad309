import { requireFields } from '../../common/contract/requires.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { Market } from '../domain/index.ts';
import type { QuoteRepresentation } from '../mappers.ts';
import type { FulfillmentContext } from '../context.ts';

/** The quote's destination and its market, or NOT_SOLD: every Quote field of fulfillment asks this first. */
export async function requireQuoteMarket(
  quote: QuoteRepresentation,
  context: FulfillmentContext,
): Promise<{ country: string; market: Market }> {
  const { shipToCountry: country } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote');
  return { country, market: requireMarket(await context.loaders.markets(), country) };
}
