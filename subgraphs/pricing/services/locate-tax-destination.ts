import { type DestinationPrecision, validateDestination } from '../../common/address/destination.ts';
import { findJurisdiction } from '../domain/index.ts';
import { destinationKey, type PricingLoaders } from '../loaders.ts';

/** Where pricing prices for: the country whose rules apply, the reference key, and how precise the address was. */
export interface TaxDestination {
  /** The country whose market, tax and customs rules price the goods (Büsingen: CH). */
  readonly country: string;
  /** `loaders.destinationReference` key: the country, or the country and the address's jurisdiction. */
  readonly referenceKey: string;
  readonly precision: DestinationPrecision;
}

/** An address below the country, as fields and quotes carry it. */
export interface AddressBelowCountry {
  readonly region?: string | null;
  readonly postalCode?: string | null;
}

/** True when the request gives more than a country: only then is anything looked up. */
export function hasAddress(address: AddressBelowCountry): boolean {
  return Boolean(address.region) || Boolean(address.postalCode);
}

/** A country-level destination: the country's own rules, no lookup. */
export function countryDestination(country: string): TaxDestination {
  return { country, referenceKey: country, precision: 'COUNTRY' };
}

/**
 * The pricing destination of an address: validated as `quote(shipTo:)` validates it (BAD_USER_INPUT for a postal
 * code that cannot exist), placed in its jurisdiction from the reference cache (no database read), priced as
 * another country where the territory belongs to that country's tax and customs (Büsingen: Switzerland).
 */
export async function locateTaxDestination(
  loaders: PricingLoaders,
  country: string,
  address: AddressBelowCountry,
): Promise<TaxDestination> {
  const destination = validateDestination({ country, region: address.region ?? null, postalCode: address.postalCode ?? null });
  if (destination.precision === 'COUNTRY') return countryDestination(country);
  const { jurisdictions } = await loaders.taxJurisdictions();
  const jurisdiction = findJurisdiction(jurisdictions, destination);
  if (jurisdiction?.pricedAs) {
    // Priced as the other country: its market, VAT and customs, with the territory named in the answer.
    return {
      country: jurisdiction.pricedAs,
      referenceKey: destinationKey(jurisdiction.pricedAs, jurisdiction.id),
      precision: destination.precision,
    };
  }
  return { country, referenceKey: destinationKey(country, jurisdiction?.id ?? null), precision: destination.precision };
}

/** The pricing destination of a quote: its country, or the address it carries (products subgraph). */
export function quoteTaxDestination(
  loaders: PricingLoaders,
  quote: { readonly shipToRegion?: string | null; readonly shipToPostalCode?: string | null },
  shipToCountry: string,
): TaxDestination | Promise<TaxDestination> {
  const address = { region: quote.shipToRegion ?? null, postalCode: quote.shipToPostalCode ?? null };
  return hasAddress(address) ? locateTaxDestination(loaders, shipToCountry, address) : countryDestination(shipToCountry);
}
