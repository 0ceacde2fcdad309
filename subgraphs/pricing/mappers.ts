import {
  moneyOf,
  type BasePrice,
  type DeMinimis,
  type DutyRate,
  type FxRate,
  type LocalPrice,
  type LowValueRegime,
  type Market,
  type Money,
  type PaymentMethod,
  type PresentmentRule,
  type PriceHistoryEntry,
  type SalePrice,
  type TaxCategory,
  type TaxRate,
} from './domain/index.ts';
import type {
  BasePriceDocument,
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
  TaxRateDocument,
} from './models.ts';

// Stored documents → domain values. Loaders read documents; these shape them for the pure domain.

/** A market as pricing uses it: the domain's rules plus its own FX staleness limit (null = the default). */
export type MarketRecord = Market & { readonly fxMaxAgeHours: number | null };

/** A product's base price with the VAT/GST category stored beside it. */
export type BasePriceRecord = BasePrice & { readonly taxCategory: TaxCategory };

/** A duty rate with the date and source of the dataset it comes from. */
export type DutyRateRecord = DutyRate & { readonly asOf: Date; readonly source: string };

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
    ...(document.thresholdBasis ? { thresholdBasis: document.thresholdBasis } : {}),
    ...(document.thresholdBasisSource ? { thresholdBasisSource: document.thresholdBasisSource } : {}),
    lowValueRegime: toLowValueRegime(document.lowValueRegime),
    asOf: document.asOf,
    source: document.source,
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
    excludedHsPrefixes: document.excludedHsPrefixes ?? [],
    source: document.source,
    asOf: document.asOf,
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

// --- Quote: the entity as the gateway hands it over, the parent of the `Quote` resolvers ---

/** A quote as the gateway hands it over: its id, plus what products and fulfillment resolved for `@requires`. */
export interface QuoteRepresentation {
  id: string;
  shipToCountry?: string | null;
  /** The shopper's presentment currency (products); null for the market's own. */
  requestedCurrency?: string | null;
  lines?: { quantity: number; product: { id: string; hsCode?: string | null; originCountry?: string | null } }[] | null;
  /** The parcels the cart ships in (fulfillment): where each leaves from, what it carries, its charge reference. */
  shipments?: ShipmentRepresentation[] | null;
  /** The market's free-shipping threshold (fulfillment); null when it never ships free. */
  freeShippingThreshold?: { id: string } | null;
}

/** A parcel as fulfillment resolves it for `@requires`. */
export interface ShipmentRepresentation {
  fromWarehouse?: { country?: string | null } | null;
  lines?: { quantity?: number | null; product?: { id: string } | null }[] | null;
  charge?: { id: string } | null;
}

// What Quote's fields return: the shared Money type's parent and the market record.
export type { MoneyView } from './resolvers/money-view.ts';

export const resolverTypeMappers = {
  Quote: 'QuoteRepresentation',
  Money: 'MoneyView',
  Market: 'MarketRecord',
} as const;
