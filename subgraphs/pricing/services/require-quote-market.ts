import { requireFields } from '../../common/contract/requires.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { MarketRecord, QuoteRepresentation } from '../mappers.ts';
import type { PricingContext } from '../context.ts';

/** The market of a quote's destination (NOT_SOLD where we do not sell), from its `shipToCountry` alone. */
export async function requireQuoteMarket(quote: QuoteRepresentation, context: PricingContext): Promise<MarketRecord> {
  const { shipToCountry: country } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote');
  const markets = await context.loaders.markets();
  return requireMarket(markets, country);
}
