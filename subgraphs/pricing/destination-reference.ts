import {
  convert,
  deMinimisIn,
  leviesIn,
  leviesInForce,
  schemesIn,
  type CollectionRules,
  type DeMinimis,
  type FxRate,
  type Levy,
  type Money,
  type PreferenceData,
  type PreferentialRate,
  type JurisdictionTax,
  type TaxRate,
  type TradeAgreement,
  type UnitRulesCache,
} from './domain/index.ts';
import type { DutyRateRecord, MarketRecord } from './records.ts';

/** The reference data of pricing for one destination in one request: the same for every product priced there. */
export interface DestinationReference {
  /** The destination's market; null when we do not sell there. */
  market: MarketRecord | null;
  /** Every market by country, in country order. */
  markets: ReadonlyMap<string, MarketRecord>;
  taxRates: TaxRate[];
  deMinimis: DeMinimis[];
  fxRates: FxRate[];
  /**
   * The de minimis records with thresholds in `currency` (see `deMinimisIn`), at the request's "now": converted
   * once per request and currency, not once per product.
   */
  deMinimisIn(currency: string, maxRateAgeHours: number): DeMinimis[];
  /**
   * The destination's seller-collection schemes, ceilings converted into `currency` as de minimis thresholds are
   * (the reference rate at "now", no margin, half-up), and the merchant's registrations: once per request and
   * currency, not once per product.
   */
  collectionIn(currency: string, maxRateAgeHours: number): CollectionRules;
  /**
   * The destination's duty rates that may apply to `hsCode`: those whose prefix is its chapter, heading or
   * subheading (the domain's `findDutyRate` picks the most specific). Once per request and code.
   */
  dutyRatesFor(hsCode: string): DutyRateRecord[];
  /**
   * The destination's levies and excise in force at the request's "now", amounts converted into `currency` as de
   * minimis thresholds are: once per request and currency, not once per product.
   */
  leviesIn(currency: string, maxRateAgeHours: number): Levy[];
  /** Every trade agreement, with the destination's preferential rates: what a preference is chosen from. */
  preferences: PreferenceData;
  /** The rules of units priced here in this request, shared by the products whose facts decide them alike. */
  unitRules: UnitRulesCache;
  /**
   * The sub-national jurisdiction or special territory the destination address lies in, whose rates replace the
   * country's in `taxRates`; null for a country-level destination.
   */
  jurisdiction: JurisdictionTax | null;
}

/**
 * The reference data of `country` for a request whose clock reads `now`, from the process's reference tables
 * (`markets`; `taxRates`, `deMinimis` and `dutyRates` of the destination) and the request's FX rates.
 */
export function destinationReferenceOf(
  country: string,
  now: Date,
  tables: {
    markets: ReadonlyMap<string, MarketRecord>;
    taxRates: TaxRate[];
    deMinimis: DeMinimis | null;
    dutyRates: readonly DutyRateRecord[];
    tradeAgreements?: readonly TradeAgreement[];
    preferentialRates?: readonly PreferentialRate[];
    collection?: CollectionRules;
    levies?: readonly Levy[];
    jurisdiction?: JurisdictionTax | null;
  },
  fxRates: FxRate[],
): DestinationReference {
  const inForce = leviesInForce(tables.levies ?? [], country, now);
  const leviesByCurrency = new Map<string, Levy[]>();
  const deMinimis = tables.deMinimis ? [tables.deMinimis] : [];
  const converted = new Map<string, DeMinimis[]>();
  const collections = new Map<string, CollectionRules>();
  const collection = sellerCollectionOf(tables.collection ?? { schemes: [], registrations: [] }, tables.jurisdiction ?? null);
  const dutyRatesByCode = new Map<string, DutyRateRecord[]>();
  return {
    market: tables.markets.get(country) ?? null,
    markets: tables.markets,
    taxRates: tables.jurisdiction ? tables.jurisdiction.taxRates : tables.taxRates,
    jurisdiction: tables.jurisdiction ?? null,
    deMinimis,
    fxRates,
    preferences: { agreements: tables.tradeAgreements ?? [], preferentialRates: tables.preferentialRates ?? [] },
    unitRules: new Map(),
    deMinimisIn(currency, maxRateAgeHours) {
      const key = `${currency}/${maxRateAgeHours}`;
      let records = converted.get(key);
      if (!records) converted.set(key, (records = deMinimisIn(deMinimis, currency, { rates: fxRates, now, maxRateAgeHours })));
      return records;
    },
    collectionIn(currency, maxRateAgeHours) {
      const key = `${currency}/${maxRateAgeHours}`;
      let rules = collections.get(key);
      if (!rules) {
        const inCurrency = (money: Money) =>
          money.currency === currency
            ? money
            : convert(money, currency, fxRates, { now, maxAgeHours: maxRateAgeHours, rounding: 'HALF_UP' }).money;
        collections.set(key, (rules = { schemes: schemesIn(collection.schemes, inCurrency), registrations: collection.registrations }));
      }
      return rules;
    },
    leviesIn(currency, maxRateAgeHours) {
      const key = `${currency}/${maxRateAgeHours}`;
      let levies = leviesByCurrency.get(key);
      if (!levies) {
        const inCurrency = (money: Money) =>
          money.currency === currency
            ? money
            : convert(money, currency, fxRates, { now, maxAgeHours: maxRateAgeHours, rounding: 'HALF_UP' }).money;
        leviesByCurrency.set(key, (levies = inForce.length === 0 ? [] : leviesIn(inForce, inCurrency)));
      }
      return levies;
    },
    dutyRatesFor(hsCode) {
      let rates = dutyRatesByCode.get(hsCode);
      if (!rates) {
        const digits = hsCode.replace(/[.\s]/g, '');
        dutyRatesByCode.set(hsCode, (rates = tables.dutyRates.filter((row) => digits.startsWith(row.hsPrefix))));
      }
      return rates;
    },
  };
}

/**
 * The country's seller-collection schemes do not reach a territory outside its VAT area (IOSS is EU VAT: a parcel to
 * Las Palmas is declared and pays IGIC at the border), so there none apply; the registrations stay.
 */
function sellerCollectionOf(collection: CollectionRules, jurisdiction: JurisdictionTax | null): CollectionRules {
  const { jurisdiction: territory } = jurisdiction ?? {};
  if (!territory || territory.pricedAs !== null || territory.insideVatArea) return collection;
  return { schemes: [], registrations: collection.registrations };
}
