import { deMinimisIn, type DeMinimis, type FxRate, type TaxRate } from './domain/index.ts';
import type { MarketRecord } from './mappers.ts';

/** The reference data of pricing for one destination in one request: the same for every product priced there. */
export interface DestinationReference {
  /** The destination's market; null when we do not sell there. */
  market: MarketRecord | null;
  /** Every market, for messages that list them. */
  markets: MarketRecord[];
  taxRates: TaxRate[];
  deMinimis: DeMinimis[];
  fxRates: FxRate[];
  /**
   * The de minimis records with thresholds in `currency` (see `deMinimisIn`), at the request's "now": converted
   * once per request and currency, not once per product.
   */
  deMinimisIn(currency: string, maxRateAgeHours: number): DeMinimis[];
}

/**
 * The reference data of `country` for a request whose clock reads `now`, from the process's reference tables
 * (`markets`, `taxRates`, `deMinimis` of the destination) and the request's FX rates.
 */
export function destinationReferenceOf(
  country: string,
  now: Date,
  tables: { markets: MarketRecord[]; taxRates: TaxRate[]; deMinimis: DeMinimis | null },
  fxRates: FxRate[],
): DestinationReference {
  const deMinimis = tables.deMinimis ? [tables.deMinimis] : [];
  const converted = new Map<string, DeMinimis[]>();
  return {
    market: tables.markets.find((market) => market.country === country) ?? null,
    markets: tables.markets,
    taxRates: tables.taxRates,
    deMinimis,
    fxRates,
    deMinimisIn(currency, maxRateAgeHours) {
      const key = `${currency}/${maxRateAgeHours}`;
      let records = converted.get(key);
      if (!records) converted.set(key, (records = deMinimisIn(deMinimis, currency, { rates: fxRates, now, maxRateAgeHours })));
      return records;
    },
  };
}
