import { requireFields } from '../../common/contract/requires.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { MarketRecord, QuoteRepresentation } from '../mappers.ts';
import type { PricingContext } from '../context.ts';
import { quoteTaxDestination } from './locate-tax-destination.ts';

/**
 * The market of a quote's destination (NOT_SOLD where we do not sell): its `shipToCountry`'s, or where its address
 * lies in a territory priced as another country (Büsingen), that country's.
 */
export async function requireQuoteMarket(quote: QuoteRepresentation, context: PricingContext): Promise<MarketRecord> {
  const { shipToCountry } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote');
  const { country } = await quoteTaxDestination(context.loaders, quote, shipToCountry);
  const markets = await context.loaders.markets();
  return requireMarket(markets, country);
}
