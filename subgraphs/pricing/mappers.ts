import {
  moneyOf,
  type CollectionScheme,
  type Levy,
  type DeMinimis,
  type FxRate,
  type LocalPrice,
  type LowValueRegime,
  type Money,
  type PaymentMethod,
  type ShipFromThresholds,
  type PresentmentRule,
  type PriceHistoryEntry,
  type PriceStep,
  type SalePrice,
  type NetQuantity,
  type TaxRate,
  type UnitPriceRule,
  type TaxRegistration,
} from './domain/index.ts';
import type {
  BasePriceDocument,
  CollectionSchemeDocument,
  LevyDocument,
  DeMinimisDocument,
  DutyRateDocument,
  FxRateDocument,
  LowValueRegimeDocument,
  MarketDocument,
  MoneyDocument,
  PaymentMethodDocument,
  PresentmentDocument,
  PriceHistoryDocument,
  PriceBookEntryDocument,
  SaleDocument,
  ShipFromThresholdsDocument,
  TaxRateDocument,
  UnitPriceRuleDocument,
  TaxRegistrationDocument,
} from './models.ts';
import type { BasePriceRecord, DutyRateRecord, MarketRecord } from './records.ts';
import type { PreferentialRate, TradeAgreement } from './domain/preferential-origin.ts';
import type { PreferentialRateDocument, TradeAgreementDocument } from './origin-models.ts';
import type { MerchantNexusDocument, TaxJurisdictionDocument } from './jurisdiction-models.ts';
import type { NexusRecord, TaxJurisdiction } from './domain/tax-jurisdiction.ts';

export type { BasePriceRecord, DutyRateRecord, MarketRecord } from './records.ts';
export type { MoneyView } from './views/money-view.ts';
import type { MoneyView } from './views/money-view.ts';
export type { PriceExplanationView } from './views/explanation.ts';
export type { FxConversionView, ProductPriceView } from './views/product-price-view.ts';
export type { UnitPriceView } from './views/unit-price-view.ts';
export type { PaymentMethodView } from './views/payment-method-view.ts';
export type { SettlementView } from './views/settlement-view.ts';
export type { FxLockView } from './views/fx-lock-view.ts';

/** An exchange rate as `Query.fxRates` answers it (the GraphQL type of the same name reads its fields). */
export type FxRateRecord = FxRate;

/** A step of a price explanation, as the domain writes it. */
export type PriceStepRecord = PriceStep;

/** A product as the gateway hands it over: its id, plus the fields `price` requires from products. */
export interface ProductRepresentation {
  id: string;
  hsCode?: string | null;
  originCountry?: string | null;
  /** What the pack holds; null for goods sold by the piece. */
  netQuantity?: NetQuantity | null;
  /** Agreements the merchant holds proof of the goods' origin under (products). */
  originProofs?: string[] | null;
}

/** A quote line's product as the gateway hands it over: the duty facts, and what its customs declaration item needs. */
export interface QuoteProductRepresentation extends ProductRepresentation {
  sku?: string | null;
  gtin?: string | null;
  customsDescription?: string | null;
  tariffCodes?: { territory: string; code: string; verified: boolean }[] | null;
  weightGrams?: number | null;
}

/** A quote as the gateway hands it over: its id, plus what products and fulfillment resolved for `@requires`. */
export interface QuoteRepresentation {
  id: string;
  shipToCountry?: string | null;
  /** Below the country, when the quote gave an address (products subgraph). */
  shipToRegion?: string | null;
  shipToPostalCode?: string | null;
  /** The shopper's presentment currency (products); null for the market's own. */
  requestedCurrency?: string | null;
  /** The recipient's Korean Personal Customs Clearance Code (products); null when not given. */
  personalCustomsCode?: string | null;
  lines?: { quantity: number; product: QuoteProductRepresentation }[] | null;
  /** The parcels the cart ships in (fulfillment): where each leaves from, what it carries, its charge reference. */
  shipments?: ShipmentRepresentation[] | null;
  /** The market's free-shipping threshold (fulfillment); null when it never ships free. */
  freeShippingThreshold?: { id: string } | null;
}

/** A parcel as fulfillment resolves it for `@requires`. */
export interface ShipmentRepresentation {
  fromWarehouse?: { id?: string | null; country?: string | null } | null;
  lines?: { quantity?: number | null; product?: { id: string } | null }[] | null;
  charge?: { id: string } | null;
}

/** A product of a market's list, at the price its shoppers are shown. */
export interface MarketProductEdgeView {
  cursor: string;
  node: { id: string };
  price: MoneyView;
  refreshedAt: Date;
}

/** A count of the products of a list sharing a value (a brand, a category). */
export interface FacetCountView {
  value: string;
  count: number;
}

/** A price range of a list and how many of its products it holds. */
export interface PriceBucketView {
  min: MoneyView;
  max: MoneyView | null;
  count: number;
}

/** The counts of a whole list, not of one page. */
export interface MarketProductFacetsView {
  brands: FacetCountView[];
  categories: FacetCountView[];
  priceBuckets: PriceBucketView[];
}

/** A page of a market's products. `totalCount` and `facets` read the whole list, so only when selected. */
export interface MarketListingView {
  edges: MarketProductEdgeView[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
  facets: () => Promise<MarketProductFacetsView>;
}

/**
 * The value each GraphQL type's resolvers receive as their parent, by type name (`npm run codegen:resolvers`
 * reads it): records as the loaders give them, views as the resolvers that return the type build them.
 */
export const resolverTypeMappers = {
  Market: 'MarketRecord',
  Money: 'MoneyView',
  MarketProductConnection: 'MarketListingView',
  MarketProductEdge: 'MarketProductEdgeView',
  MarketProductFacets: 'MarketProductFacetsView',
  PriceBucket: 'PriceBucketView',
  ProductPrice: 'ProductPriceView',
  FxConversion: 'FxConversionView',
  PriceExplanation: 'PriceExplanationView',
  PriceStep: 'PriceStepRecord',
  FxRate: 'FxRateRecord',
  Product: 'ProductRepresentation',
  Quote: 'QuoteRepresentation',
  PaymentMethod: 'PaymentMethodView',
  Settlement: 'SettlementView',
  FxLock: 'FxLockView',
  UnitPrice: 'UnitPriceView',
} as const;

// Stored documents → domain values. Loaders read documents; these shape them for the pure domain.

export function toMoney(amountMinor: number, currency: string): Money {
  return moneyOf(BigInt(amountMinor), currency);
}

export function toSale(sale: SaleDocument | null | undefined, currency: string): SalePrice | null {
  if (!sale) return null;
  return { price: toMoney(sale.amountMinor, currency), validFrom: sale.validFrom, validUntil: sale.validUntil ?? null };
}

export function toPresentment(document: PresentmentDocument): PresentmentRule {
  switch (document.kind) {
    case 'exponent':
      return { kind: 'exponent' };
    case 'increment':
      return { kind: 'increment', increment: document.increment ?? '' };
    case 'charm':
      return { kind: 'charm', ending: document.ending ?? '' };
    default: {
      const unknown: never = document.kind;
      throw new Error(`Unknown presentment kind "${String(unknown)}" in the markets collection`);
    }
  }
}

export function toMarket(document: MarketDocument): MarketRecord {
  return {
    country: document.country,
    currency: document.currency,
    locale: document.locale,
    taxDisplay: document.taxDisplay,
    incoterm: document.incoterm,
    presentment: toPresentment(document.presentment),
    fxMarginBps: document.fxMarginBps,
    customsValuation: document.customsValuation,
    additionalCurrencies: document.additionalCurrencies ?? [],
    fxMaxAgeHours: document.fxMaxAgeHours ?? null,
  };
}

export function toBasePrice(document: BasePriceDocument): BasePriceRecord {
  return {
    productId: document.productId,
    price: toMoney(document.amountMinor, document.currency),
    sale: toSale(document.sale, document.currency),
    taxCategory: document.taxCategory,
  };
}

export function toLocalPrice(document: PriceBookEntryDocument): LocalPrice {
  return {
    productId: document.productId,
    country: document.market,
    price: toMoney(document.amountMinor, document.currency),
    sale: toSale(document.sale, document.currency),
  };
}

export function toTaxJurisdiction(document: TaxJurisdictionDocument): TaxJurisdiction {
  return {
    id: document._id,
    country: document.country,
    name: document.name,
    regions: document.regions,
    postalPrefixes: document.postalPrefixes,
    pricedAs: document.pricedAs ?? null,
    components: document.components.map((component) => ({
      name: component.name,
      ratePercent: { standard: component.ratePercent.standard, reduced: component.ratePercent.reduced, zero: component.ratePercent.zero },
      registration: component.registration ?? null,
    })),
    countryRatesApply: document.countryRatesApply ?? false,
    insideCustomsTerritory: document.insideCustomsTerritory ?? true,
    insideVatArea: document.insideVatArea ?? true,
    goodsCustomsUnion: document.goodsCustomsUnion ?? null,
    nexusRequired: document.nexusRequired,
    finerAddressNote: document.finerAddressNote ?? null,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
  };
}

export function toNexusRecord(document: MerchantNexusDocument): NexusRecord {
  return {
    state: document._id,
    thresholdMinor: BigInt(document.thresholdMinor),
    thresholdTransactions: document.thresholdTransactions ?? null,
    bothRequired: document.bothRequired,
    currency: document.currency,
    salesMinor: BigInt(document.salesMinor),
    transactions: document.transactions,
    counted: document.counted,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
  };
}

export function toTaxRate(document: TaxRateDocument): TaxRate {
  return { country: document.country, category: document.category, ratePercent: document.ratePercent };
}

export function toDutyRate(document: DutyRateDocument): DutyRateRecord {
  return {
    destination: document.destination,
    hsPrefix: document.hsPrefix,
    ratePercent: document.ratePercent,
    asOf: document.asOf,
    source: document.source,
  };
}

export function toThreshold(document: MoneyDocument | null | undefined): Money | null {
  return document ? toMoney(document.amountMinor, document.currency) : null;
}

export function toDeMinimis(document: DeMinimisDocument): DeMinimis {
  return {
    destination: document.destination,
    dutyThreshold: toThreshold(document.dutyThreshold),
    taxThreshold: toThreshold(document.taxThreshold),
    dutyReliefExcludedHsPrefixes: document.dutyReliefExcludedHsPrefixes ?? [],
    taxReliefExcludedHsPrefixes: document.taxReliefExcludedHsPrefixes ?? [],
    ...(document.thresholdBasis ? { thresholdBasis: document.thresholdBasis } : {}),
    ...(document.thresholdBasisSource ? { thresholdBasisSource: document.thresholdBasisSource } : {}),
    lowValueRegime: toLowValueRegime(document.lowValueRegime),
    // Absent when the record has none, as seeded (a record without tiers or a code reads back without the key).
    ...(document.shipFromThresholds?.length ? { shipFromThresholds: document.shipFromThresholds.map(toShipFromThresholds) } : {}),
    ...(document.recipientCustomsCode
      ? { recipientCustomsCode: { ...document.recipientCustomsCode, note: document.recipientCustomsCode.note ?? '' } }
      : {}),
    ...(document.verified != null ? { verified: document.verified } : {}),
    ...(document.note ? { note: document.note } : {}),
    importTaxWaiver: document.importTaxWaiver
      ? {
          ...document.importTaxWaiver,
          amount: toMoney(document.importTaxWaiver.amount.amountMinor, document.importTaxWaiver.amount.currency),
        }
      : null,
    carrierFee: document.carrierFee
      ? { ...document.carrierFee, amount: toMoney(document.carrierFee.amount.amountMinor, document.carrierFee.amount.currency) }
      : null,
    asOf: document.asOf,
    source: document.source,
  };
}

function toShipFromThresholds(tier: ShipFromThresholdsDocument): ShipFromThresholds {
  return {
    shipFrom: tier.shipFrom,
    dutyThreshold: toThreshold(tier.dutyThreshold),
    taxThreshold: toThreshold(tier.taxThreshold),
    excludedHsPrefixes: tier.excludedHsPrefixes ?? [],
    validFrom: tier.validFrom,
    validTo: tier.validTo ?? null,
    source: tier.source,
    asOf: tier.asOf,
    verified: tier.verified,
    note: tier.note ?? '',
  };
}

export function toCollectionScheme(document: CollectionSchemeDocument): CollectionScheme {
  return {
    code: document.code,
    name: document.name,
    destinations: document.destinations,
    ceiling: toThreshold(document.ceiling),
    ceilingPer: document.ceilingPer,
    ceilingInclusive: document.ceilingInclusive,
    excludedHsPrefixes: document.excludedHsPrefixes ?? [],
    exemptsDuty: document.exemptsDuty,
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
    note: document.note ?? '',
  };
}

export function toLevy(document: LevyDocument): Levy {
  return {
    code: document.code,
    name: document.name,
    destination: document.destination,
    kind: document.kind,
    basis: document.basis,
    amount: toThreshold(document.amount),
    rates: (document.rates ?? []).map((rate) => ({
      hsPrefix: rate.hsPrefix,
      goods: rate.goods,
      perUnit: toMoney(rate.perUnit.amountMinor, rate.perUnit.currency),
    })),
    ceiling: toThreshold(document.ceiling),
    ceilingInclusive: document.ceilingInclusive,
    ceilingBasis: document.ceilingBasis,
    scope: document.scope,
    liable: document.liable,
    inVatBase: document.inVatBase,
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
    note: document.note ?? '',
  };
}

export function toTaxRegistration(document: TaxRegistrationDocument): TaxRegistration {
  return {
    scheme: document.scheme,
    number: document.number,
    destinations: document.destinations,
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    note: document.note ?? null,
  };
}

export function toLowValueRegime(document: LowValueRegimeDocument | null | undefined): LowValueRegime | null {
  if (!document) return null;
  return {
    kind: document.kind,
    name: document.name,
    amountPerSubheading: toMoney(document.amountPerSubheading.amountMinor, document.amountPerSubheading.currency),
    valueCeiling: toMoney(document.valueCeiling.amountMinor, document.valueCeiling.currency),
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    after: document.after ?? 'ORDINARY_TARIFF',
    excludedHsPrefixes: document.excludedHsPrefixes ?? [],
    source: document.source,
    asOf: document.asOf,
    ...(document.verified != null ? { verified: document.verified } : {}),
    ...(document.note ? { note: document.note } : {}),
  };
}

export function toFxRate(document: FxRateDocument): FxRate {
  return { base: document.base, quote: document.quote, rate: document.rate, source: document.source, asOf: document.asOf };
}

function toOptionalMoney(amountMinor: number | null | undefined, currency: string): Money | null {
  return amountMinor === null || amountMinor === undefined ? null : toMoney(amountMinor, currency);
}

export function toPaymentMethod(document: PaymentMethodDocument): PaymentMethod {
  // A lean read gives the names map as a plain object; a hydrated one as a Map.
  const names = document.names instanceof Map ? Object.fromEntries(document.names) : { ...document.names };
  return {
    code: document.code,
    brand: document.brand,
    names,
    type: document.type,
    countries: document.countries,
    currencies: document.currencies,
    limits: document.limits.map((limit) => ({
      currency: limit.currency,
      min: toOptionalMoney(limit.minMinor, limit.currency),
      max: toOptionalMoney(limit.maxMinor, limit.currency),
    })),
    canPayDdpDuties: document.canPayDdpDuties,
    note: document.note ?? null,
    source: document.source,
    asOf: document.asOf,
    illustrative: document.illustrative,
  };
}

export function toPriceHistoryEntry(document: PriceHistoryDocument): PriceHistoryEntry {
  return {
    productId: document.productId,
    market: document.market,
    amount: toMoney(document.amountMinor, document.currency),
    from: document.from,
    until: document.until ?? null,
  };
}

export function toUnitPriceRule(document: UnitPriceRuleDocument): UnitPriceRule {
  const { MASS, VOLUME } = document.referenceQuantities;
  return {
    country: document.country,
    measures: [...document.measures],
    referenceQuantities: { MASS: { quantity: MASS.quantity, unit: MASS.unit }, VOLUME: { quantity: VOLUME.quantity, unit: VOLUME.unit } },
    omitWhenEqualToSellingPrice: document.omitWhenEqualToSellingPrice,
    exemptNetQuantities: (document.exemptNetQuantities ?? []).map((quantity) => ({ value: quantity.value, unit: quantity.unit })),
    exemptSellingPriceUpTo: toThreshold(document.exemptSellingPriceUpTo),
    exemptUnitPriceAbove: (document.exemptUnitPriceAbove ?? []).map((ceiling) => ({
      hsPrefixes: ceiling.hsPrefixes && ceiling.hsPrefixes.length > 0 ? [...ceiling.hsPrefixes] : null,
      limit: toMoney(ceiling.limit.amountMinor, ceiling.limit.currency),
    })),
    rounding: document.rounding,
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    source: document.source,
  };
}

/** A stored trade agreement as the domain reads it. */
export function toTradeAgreement(document: TradeAgreementDocument): TradeAgreement {
  return {
    code: document.code,
    name: document.name,
    parties: [...document.parties],
    ruleOfOrigin: document.ruleOfOrigin,
    proofsAccepted: [...document.proofsAccepted],
    sellerProof: document.sellerProof,
    statementReference: document.statementReference,
    validFrom: document.validFrom,
    validTo: document.validTo ?? null,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
    note: document.note ?? null,
  };
}

/** A stored preferential rate as the domain reads it. */
export function toPreferentialRate(document: PreferentialRateDocument): PreferentialRate {
  return {
    agreement: document.agreement,
    destination: document.destination,
    hsPrefix: document.hsPrefix,
    ratePercent: document.ratePercent,
    source: document.source,
    asOf: document.asOf,
    verified: document.verified,
  };
}
