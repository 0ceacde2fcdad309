import { createReferenceCache } from '../common/reference-cache.ts';
import type {
  NexusRecord,
  TaxJurisdiction,
  CollectionRules,
  DeMinimis,
  FxRate,
  Levy,
  PaymentMethod,
  PreferentialRate,
  TaxRate,
  TradeAgreement,
  UnitPriceRule,
} from './domain/index.ts';
import {
  toCollectionScheme,
  toDeMinimis,
  toDutyRate,
  toFxRate,
  toLevy,
  toMarket,
  toNexusRecord,
  toPaymentMethod,
  toTaxJurisdiction,
  toPreferentialRate,
  toTaxRate,
  toTaxRegistration,
  toTradeAgreement,
  toUnitPriceRule,
} from './mappers.ts';
import type {
  CollectionSchemeDocument,
  DeMinimisDocument,
  DutyRateDocument,
  FxRateDocument,
  LevyDocument,
  MarketDocument,
  MerchantNexusDocument,
  PaymentMethodDocument,
  TaxJurisdictionDocument,
  PreferentialRateDocument,
  PricingModels,
  TaxRateDocument,
  UnitPriceRuleDocument,
  TradeAgreementDocument,
  TaxRegistrationDocument,
} from './models.ts';
import type { DutyRateRecord, MarketRecord } from './records.ts';

/**
 * Pricing's reference tables: small, read whole, shared by every request of a freshness window. Grouped by
 * country once per read, so a request looks its destination up instead of scanning every country's rows.
 */
export interface PricingTables {
  /** Every market we sell to by country, in country order. */
  markets: ReadonlyMap<string, MarketRecord>;
  /** Each destination's VAT/GST rates. */
  taxRatesByCountry: ReadonlyMap<string, TaxRate[]>;
  /** Each destination's duty rates. */
  dutyRatesByDestination: ReadonlyMap<string, DutyRateRecord[]>;
  /** Each destination's de minimis record (the first stored, should there be two). */
  deMinimisByDestination: ReadonlyMap<string, DeMinimis>;
  /** Every payment method, in catalogue order. */
  paymentMethods: PaymentMethod[];
  /** Each market's unit-price rules, every validity period (the request's clock picks one). */
  unitPriceRulesByCountry: ReadonlyMap<string, UnitPriceRule[]>;
  /** Every trade agreement, in code order. */
  tradeAgreements: TradeAgreement[];
  /** Each destination's preferential rates (of every agreement). */
  preferentialRatesByDestination: ReadonlyMap<string, PreferentialRate[]>;
  /**
   * Each destination's seller-collection schemes and the merchant's registrations covering it (those not ended
   * when the tables were read; the domain checks each one's dates against the pricing clock).
   */
  collectionByDestination: ReadonlyMap<string, CollectionRules>;
  /** Each destination's levies and excise, every validity period (the request's clock picks those in force). */
  leviesByDestination: ReadonlyMap<string, Levy[]>;
  /** Sub-national tax jurisdictions and special territories, for address-level pricing only. */
  taxJurisdictions: TaxJurisdiction[];
  /** The merchant's sales and nexus thresholds by US state (`US-TX`). */
  nexusByState: ReadonlyMap<string, NexusRecord>;
}

/** Pricing's reference data, read from MongoDB at most once per freshness window (`ttlMs`). */
export interface PricingReference {
  tables(): Promise<PricingTables>;
  /**
   * The newest rate of every currency pair published by `now`. Rates are read as of the start of `now`'s
   * freshness window (`now` rounded down to a multiple of `ttlMs`), so a window's requests share one read and
   * a rate is never used before it is published; a rate published (or imported) within a window is used
   * from the next one on — at most `ttlMs` later.
   */
  fxRatesAsOf(now: Date): Promise<FxRate[]>;
}

async function loadTables(models: PricingModels): Promise<PricingTables> {
  const readAt = new Date();
  const [
    markets,
    taxRates,
    dutyRates,
    deMinimis,
    paymentMethods,
    unitPriceRules,
    agreements,
    preferentialRates,
    schemes,
    registrations,
    levies,
    jurisdictions,
    nexus,
  ] = await Promise.all([
    models.Market.find().sort({ country: 1 }).lean<MarketDocument[]>(),
    models.TaxRate.find().lean<TaxRateDocument[]>(),
    models.DutyRate.find().lean<DutyRateDocument[]>(),
    models.DeMinimis.find().lean<DeMinimisDocument[]>(),
    models.PaymentMethod.find().sort({ position: 1 }).lean<PaymentMethodDocument[]>(),
    models.UnitPriceRule.find().lean<UnitPriceRuleDocument[]>(),
    models.TradeAgreement.find().sort({ code: 1 }).lean<TradeAgreementDocument[]>(),
    models.PreferentialRate.find().lean<PreferentialRateDocument[]>(),
    models.CollectionScheme.find().sort({ code: 1 }).lean<CollectionSchemeDocument[]>(),
    // Registrations still running when read (the `validTo` index); an ended one stays stored for customs data.
    models.TaxRegistration.find({ $or: [{ validTo: null }, { validTo: { $gt: readAt } }] })
      .sort({ scheme: 1, validFrom: 1 })
      .lean<TaxRegistrationDocument[]>(),
    models.Levy.find().sort({ code: 1 }).lean<LevyDocument[]>(),
    models.TaxJurisdiction.find().sort({ _id: 1 }).lean<TaxJurisdictionDocument[]>(),
    models.MerchantNexus.find().lean<MerchantNexusDocument[]>(),
  ]);
  const deMinimisByDestination = new Map<string, DeMinimis>();
  for (const record of deMinimis.map(toDeMinimis)) {
    if (!deMinimisByDestination.has(record.destination)) deMinimisByDestination.set(record.destination, record);
  }
  return {
    markets: new Map(markets.map((document) => [document.country, toMarket(document)])),
    taxRatesByCountry: Map.groupBy(taxRates.map(toTaxRate), (rate) => rate.country),
    dutyRatesByDestination: Map.groupBy(dutyRates.map(toDutyRate), (rate) => rate.destination),
    deMinimisByDestination,
    paymentMethods: paymentMethods.map(toPaymentMethod),
    unitPriceRulesByCountry: Map.groupBy(unitPriceRules.map(toUnitPriceRule), (rule) => rule.country),
    tradeAgreements: agreements.map(toTradeAgreement),
    preferentialRatesByDestination: Map.groupBy(preferentialRates.map(toPreferentialRate), (rate) => rate.destination),
    collectionByDestination: collectionByDestinationOf(schemes.map(toCollectionScheme), registrations.map(toTaxRegistration)),
    leviesByDestination: Map.groupBy(levies.map(toLevy), (levy) => levy.destination),
    taxJurisdictions: jurisdictions.map(toTaxJurisdiction),
    nexusByState: new Map(nexus.map(toNexusRecord).map((record) => [record.state, record])),
  };
}

/** Schemes and registrations under each destination they cover, in code (scheme) order. */
function collectionByDestinationOf(
  schemes: CollectionRules['schemes'],
  registrations: CollectionRules['registrations'],
): Map<string, CollectionRules> {
  const byDestination = new Map<
    string,
    { schemes: CollectionRules['schemes'][number][]; registrations: CollectionRules['registrations'][number][] }
  >();
  const entryOf = (country: string) => {
    let entry = byDestination.get(country);
    if (!entry) byDestination.set(country, (entry = { schemes: [], registrations: [] }));
    return entry;
  };
  for (const scheme of schemes) for (const country of scheme.destinations) entryOf(country).schemes.push(scheme);
  for (const registration of registrations)
    for (const country of registration.destinations) entryOf(country).registrations.push(registration);
  return byDestination;
}

/**
 * The newest rate of each pair published by `asOf`, one indexed query per pair: with the full ECB history
 * (~7 000 days × ~40 currencies) a `$group` over every rate published by `asOf` reads the whole collection,
 * while `{base, quote, asOf ≤ t}` sorted newest first with limit 1 reads one key of the
 * `{base, quote, asOf, source}` index on MongoDB. The pairs come from `distinct` (a DISTINCT_SCAN of the same
 * index on MongoDB). The embedded dev database answers only equality from indexes, which the
 * `{base, quote}` index gives it. Ordered by pair.
 */
async function loadNewestFxRates(models: PricingModels, asOf: Date): Promise<FxRate[]> {
  const bases = (await models.FxRate.distinct('base')) as string[];
  const pairs = (
    await Promise.all(
      bases.map(async (base) => ((await models.FxRate.distinct('quote', { base })) as string[]).map((quote) => ({ base, quote }))),
    )
  ).flat();
  const newest = await Promise.all(
    pairs.map((pair) =>
      models.FxRate.findOne({ ...pair, asOf: { $lte: asOf } })
        .sort({ asOf: -1 })
        .lean<FxRateDocument>(),
    ),
  );
  return newest
    .filter((document): document is FxRateDocument => document !== null)
    .sort((a, b) => (a.base === b.base ? (a.quote < b.quote ? -1 : 1) : a.base < b.base ? -1 : 1))
    .map(toFxRate);
}

export function createPricingReference(models: PricingModels, ttlMs: number): PricingReference {
  const tables = createReferenceCache<'tables', PricingTables>(() => loadTables(models), { ttlMs, maxKeys: 1 });
  const fxRates = createReferenceCache<number, FxRate[]>((windowStart) => loadNewestFxRates(models, new Date(windowStart)), {
    ttlMs,
    maxKeys: 8,
  });
  return {
    tables: () => tables.get('tables'),
    fxRatesAsOf(now) {
      const instant = now.getTime();
      return fxRates.get(ttlMs > 0 ? instant - (instant % ttlMs) : instant);
    },
  };
}
