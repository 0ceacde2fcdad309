import { requireFields } from '../../common/contract/requires.ts';
import type { PricingContext } from '../context.ts';
import type { QuoteRepresentation } from '../mappers.ts';
import { taxJurisdictionView, type TaxJurisdictionView } from '../views/tax-jurisdiction-view.ts';
import { quoteTaxDestination } from './locate-tax-destination.ts';

/** The jurisdiction whose taxes priced a quote, at the standard category; null for a country-level quote. */
export async function describeQuoteJurisdiction(quote: QuoteRepresentation, context: PricingContext): Promise<TaxJurisdictionView | null> {
  const { shipToCountry } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote');
  const destination = await quoteTaxDestination(context.loaders, quote, shipToCountry);
  if (destination.precision === 'COUNTRY') return null;
  const reference = await context.loaders.destinationReference.load(destination.referenceKey);
  return reference.jurisdiction ? taxJurisdictionView(reference.jurisdiction, 'standard') : null;
}
