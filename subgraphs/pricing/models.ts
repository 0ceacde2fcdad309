import { Schema, type Connection, type Model } from 'mongoose';
import {
  preferentialRateSchema,
  tradeAgreementSchema,
  type PreferentialRateDocument,
  type TradeAgreementDocument,
} from './origin-models.ts';
import { isCurrencyCode, isRateHistoryCurrency } from '../common/contract/currency.ts';
import { MAX_DUTY_RATE_PERCENT } from './domain/duty.ts';
import { createJurisdictionModels, type JurisdictionModels } from './jurisdiction-models.ts';
import { durableCollection } from '../common/durability.ts';
import { createPriceProjectionMarkModel, type PriceProjectionMarkDocument } from './projection-models.ts';

/**
 * The pricing subgraph's collections, in its own database. Money is stored as a safe integer of minor units
 * beside its ISO 4217 currency; rates and percentages as exact decimal strings, never floats.
 */

/** How a market rounds converted prices for display (see `PresentmentRule` in the domain). */
export interface PresentmentDocument {
  kind: 'exponent' | 'increment' | 'charm';
  /** For `increment`: the step in major units, e.g. "0.05". */
  increment?: string | null;
  /** For `charm`: the ending, e.g. "0.99". */
  ending?: string | null;
}

/** A country we sell to, with the rules its prices follow. */
export interface MarketDocument {
  country: string;
  currency: string;
  locale: string;
  taxDisplay: 'inclusive' | 'exclusive';
  incoterm: 'DDP' | 'DAP';
  presentment: PresentmentDocument;
  fxMarginBps: number;
  /** Customs valuation basis at this destination. */
  customsValuation: 'CIF' | 'FOB';
  /** The law or customs guidance `customsValuation` follows (a fact, unlike the policy `source` below). */
  customsValuationSource?: string | null;
  /** The day `customsValuationSource` was checked. */
  customsValuationAsOf?: Date | null;
  /** Currencies accepted besides `currency`. */
  additionalCurrencies: string[];
  /** A converted price is flagged stale when its FX rate is older than this; null = the subgraph's default. */
  fxMaxAgeHours?: number | null;
  /** Where the market's settings come from (a policy decision or a law), for `npm run data:check -- --db`. */
  source?: string | null;
  /** The day the settings are stated to hold. */
  asOf?: Date | null;
}

/** A temporary price: from `validFrom` (inclusive) until `validUntil` (exclusive; null = open-ended). */
export interface SaleDocument {
  amountMinor: number;
  validFrom: Date;
  validUntil: Date | null;
}

/** A product's base price, NET of tax, in the merchant's base currency, and its VAT/GST category. */
export interface BasePriceDocument {
  productId: string;
  currency: string;
  amountMinor: number;
  taxCategory: 'standard' | 'reduced' | 'zero';
  sale?: SaleDocument | null;
}

/** A merchant-set price of one product in one market, in the market's currency, as the market shows it. */
export interface PriceBookEntryDocument {
  productId: string;
  market: string;
  currency: string;
  amountMinor: number;
  sale?: SaleDocument | null;
}

/** A VAT/GST rate of a country for a tax category. */
export interface TaxRateDocument {
  country: string;
  category: 'standard' | 'reduced' | 'zero';
  ratePercent: string;
  asOf: Date;
  source: string;
  note?: string | null;
}

/** An ad valorem duty rate of a destination for an HS chapter, heading or subheading. */
export interface DutyRateDocument {
  destination: string;
  hsPrefix: string;
  ratePercent: string;
  asOf: Date;
  source: string;
  note?: string | null;
}

/** An amount of money as stored: minor units and currency. */
export interface MoneyDocument {
  currency: string;
  amountMinor: number;
}

/** Low-value import thresholds of a destination; null = none, every consignment owes. */
export interface DeMinimisDocument {
  destination: string;
  dutyThreshold: MoneyDocument | null;
  taxThreshold: MoneyDocument | null;
  /** HS prefixes the duty relief never applies to (EU: alcohol 2203–2208, tobacco 24, perfume 3303). */
  dutyReliefExcludedHsPrefixes?: string[];
  /** HS prefixes the import-tax threshold never covers (Japan's designated articles). */
  taxReliefExcludedHsPrefixes?: string[];
  /** What the thresholds are compared with; absent or null: the customs value. */
  thresholdBasis?: 'INTRINSIC_VALUE' | 'CUSTOMS_VALUE' | null;
  /** Where `thresholdBasis` comes from. */
  thresholdBasisSource?: string | null;
  /** A flat low-value duty that replaces the relief from its `validFrom` (EU €3 per item, 2026-07-01 to 2028-07-01). */
  lowValueRegime?: LowValueRegimeDocument | null;
  /** Thresholds by ship-from country (Canada's CUSMA tier, Korea's US tier). */
  shipFromThresholds?: ShipFromThresholdsDocument[];
  /** The recipient's customs code the destination needs (Korea's PCCC). */
  recipientCustomsCode?: { name: string; source: string; asOf: Date; validFrom: Date; verified: boolean; note: string } | null;
  /** False when the thresholds' source was not read in the authority's own text. */
  verified?: boolean | null;
  note?: string | null;
  /** Import tax of at most this amount per assessment is not levied (Switzerland: CHF 5). */
  importTaxWaiver?: { amount: MoneyDocument; source: string; asOf: Date } | null;
  /** The carrier's fee for advancing duty and import tax on delivery (a carrier's price list). */
  carrierFee?: { amount: MoneyDocument; source: string; asOf: Date; illustrative: boolean } | null;
  asOf: Date;
  source: string;
}

/** Thresholds for consignments shipped from one of `shipFrom` (see the domain's `ShipFromThresholds`). */
export interface ShipFromThresholdsDocument {
  shipFrom: string[];
  dutyThreshold: MoneyDocument | null;
  taxThreshold: MoneyDocument | null;
  excludedHsPrefixes: string[];
  validFrom: Date;
  validTo: Date | null;
  source: string;
  asOf: Date;
  verified: boolean;
  note: string;
}

/** A seller-collection scheme (EU IOSS, UK VAT at sale, VOEC, ARN, OVR): law data with its source and validity. */
export interface CollectionSchemeDocument {
  code: string;
  name: string;
  destinations: string[];
  /** The value ceiling on the goods' intrinsic value, in the law's currency; null: none. */
  ceiling: MoneyDocument | null;
  ceilingPer: 'CONSIGNMENT' | 'UNIT';
  ceilingInclusive: boolean;
  excludedHsPrefixes: string[];
  exemptsDuty: boolean;
  validFrom: Date;
  validTo: Date | null;
  source: string;
  asOf: Date;
  verified: boolean;
  note: string;
}

/** A levy or excise of one destination (`levies`): law data with its source and validity, see domain/levy.ts. */
export interface LevyDocument {
  code: string;
  name: string;
  destination: string;
  kind: 'EXCISE' | 'LEVY';
  basis: 'PER_CONSIGNMENT' | 'PER_KG_NET' | 'PER_LITRE_NET';
  /** PER_CONSIGNMENT: the amount per consignment; null for a per-kg excise. */
  amount: MoneyDocument | null;
  /** PER_KG_NET, PER_LITRE_NET: the rate per kg or litre of net quantity of the goods under each HS prefix. */
  rates: { hsPrefix: string; goods: string; perUnit: MoneyDocument }[];
  ceiling: MoneyDocument | null;
  ceilingInclusive: boolean;
  ceilingBasis: 'INTRINSIC_VALUE' | 'CUSTOMS_VALUE';
  scope: 'IMPORTS' | 'ALL_DELIVERIES';
  liable: 'SELLER' | 'DECLARANT';
  inVatBase: boolean;
  validFrom: Date;
  validTo: Date | null;
  source: string;
  asOf: Date;
  verified: boolean;
  note: string;
}

/**
 * The merchant's registration for a collection scheme (`tax_registrations`). Never deleted: ending one sets
 * `validTo`, since a parcel's customs data must keep the number it was sent under.
 */
export interface TaxRegistrationDocument {
  scheme: string;
  number: string;
  destinations: string[];
  validFrom: Date;
  validTo: Date | null;
  note: string | null;
}

/** A flat duty per distinct tariff subheading on consignments up to `valueCeiling`, from `validFrom`. */
export interface LowValueRegimeDocument {
  kind: 'FLAT_PER_TARIFF_SUBHEADING';
  name: string;
  amountPerSubheading: MoneyDocument;
  valueCeiling: MoneyDocument;
  validFrom: Date;
  /** First instant it no longer applies; null: open-ended. */
  validTo?: Date | null;
  /** What applies after `validTo`. */
  after?: 'ORDINARY_TARIFF' | 'RELIEF' | null;
  excludedHsPrefixes: string[];
  source: string;
  asOf: Date;
  verified?: boolean | null;
  note?: string | null;
}

/** A published exchange rate: 1 `base` = `rate` `quote`. History is kept; the newest one by "now" is used. */
export interface FxRateDocument {
  base: string;
  quote: string;
  rate: string;
  source: string;
  asOf: Date;
}

const countryCode = { type: String, required: true, match: /^[A-Z]{2}$/ };
const currencyCode = {
  type: String,
  required: true,
  validate: {
    // A currency a shopper can pay in: current ISO 4217, not withdrawn (HRK, BGN), not XAU/XDR-style units.
    validator: (value: string) => isCurrencyCode(value),
    message: (props: { value: unknown }) => `${String(props.value)} is not an ISO 4217 payment currency code`,
  },
};
// Minor units must stay exact in a JS number, so only safe integers are stored.
const minorUnits = {
  type: Number,
  required: true,
  min: 0,
  validate: { validator: Number.isSafeInteger, message: 'amountMinor must be a safe integer of minor units' },
};
// Rate history may name withdrawn ISO 4217 currencies (HRK, CYP, … in the ECB's history since 1999); they are
// accepted here and nowhere a shopper pays (markets, prices use `currencyCode`).
const rateHistoryCurrencyCode = {
  type: String,
  required: true,
  validate: {
    validator: (value: string) => isRateHistoryCurrency(value),
    message: (props: { value: unknown }) => `${String(props.value)} is not an ISO 4217 currency code, current or withdrawn`,
  },
};
const decimalString = { type: String, required: true, match: /^\d+(\.\d+)?$/ };
const taxCategory = { type: String, required: true, enum: ['standard', 'reduced', 'zero'] };

const saleSchema = new Schema<SaleDocument>(
  {
    amountMinor: minorUnits,
    validFrom: { type: Date, required: true },
    validUntil: {
      type: Date,
      default: null,
      validate: {
        // `this` is the sale being validated (mongoose's typing of it is too wide to name here).
        validator(this: unknown, value: Date | null) {
          return value === null || value.getTime() > (this as SaleDocument).validFrom.getTime();
        },
        message: 'A sale must end after it starts',
      },
    },
  },
  { _id: false },
);

const moneySchema = new Schema<MoneyDocument>({ currency: currencyCode, amountMinor: minorUnits }, { _id: false });

const presentmentSchema = new Schema<PresentmentDocument>(
  {
    kind: { type: String, required: true, enum: ['exponent', 'increment', 'charm'] },
    increment: {
      type: String,
      default: null,
      match: /^\d+(\.\d+)?$/,
      required(this: PresentmentDocument) {
        return this.kind === 'increment';
      },
    },
    ending: {
      type: String,
      default: null,
      match: /^0\.\d+$/,
      required(this: PresentmentDocument) {
        return this.kind === 'charm';
      },
    },
  },
  { _id: false },
);

const marketSchema = new Schema<MarketDocument>(
  {
    country: countryCode,
    currency: currencyCode,
    locale: { type: String, required: true, match: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/ },
    taxDisplay: { type: String, required: true, enum: ['inclusive', 'exclusive'] },
    incoterm: { type: String, required: true, enum: ['DDP', 'DAP'] },
    presentment: { type: presentmentSchema, required: true },
    fxMarginBps: { type: Number, required: true, min: 0, max: 9999, validate: Number.isInteger },
    customsValuation: { type: String, required: true, enum: ['CIF', 'FOB'] },
    customsValuationSource: { type: String, default: null },
    customsValuationAsOf: { type: Date, default: null },
    additionalCurrencies: { type: [currencyCode], default: [] },
    fxMaxAgeHours: { type: Number, default: null, min: 0 },
    source: { type: String, default: null },
    asOf: { type: Date, default: null },
  },
  { collection: 'markets', versionKey: false },
);
marketSchema.index({ country: 1 }, { unique: true });

const basePriceSchema = new Schema<BasePriceDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    currency: currencyCode,
    amountMinor: minorUnits,
    taxCategory,
    sale: { type: saleSchema, default: null },
  },
  { collection: 'base_prices', versionKey: false },
);
// Query path: base prices of a batch of products (`productId $in`).
basePriceSchema.index({ productId: 1 }, { unique: true });

const priceBookEntrySchema = new Schema<PriceBookEntryDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    market: countryCode,
    currency: currencyCode,
    amountMinor: minorUnits,
    sale: { type: saleSchema, default: null },
  },
  { collection: 'price_book', versionKey: false },
);
// One local price per product and market; its prefix serves "every local price of these products".
priceBookEntrySchema.index({ productId: 1, market: 1 }, { unique: true });
durableCollection(priceBookEntrySchema);

const taxRateSchema = new Schema<TaxRateDocument>(
  {
    country: countryCode,
    category: taxCategory,
    ratePercent: decimalString,
    asOf: { type: Date, required: true },
    source: { type: String, required: true },
    note: { type: String, default: null },
  },
  { collection: 'tax_rates', versionKey: false },
);
taxRateSchema.index({ country: 1, category: 1 }, { unique: true });

const dutyRateSchema = new Schema<DutyRateDocument>(
  {
    destination: countryCode,
    hsPrefix: { type: String, required: true, match: /^(\d{2}|\d{4}|\d{6})$/ },
    // Duty rates may exceed 100 % (Korea's green tea: 513.6 %); above MAX_DUTY_RATE_PERCENT is a typo.
    ratePercent: {
      ...decimalString,
      validate: {
        validator: (value: string) => Number(value) <= MAX_DUTY_RATE_PERCENT,
        message: (props: { value: unknown }) => `duty rate ${String(props.value)} % is above ${MAX_DUTY_RATE_PERCENT} %`,
      },
    },
    asOf: { type: Date, required: true },
    source: { type: String, required: true },
    note: { type: String, default: null },
  },
  { collection: 'duty_rates', versionKey: false },
);
// Query path: the candidate prefixes (chapter, heading, subheading) of a batch of HS codes per destination.
dutyRateSchema.index({ destination: 1, hsPrefix: 1 }, { unique: true });

const hsPrefixes = { type: [{ type: String, match: /^(\d{2}|\d{4}|\d{6})$/ }], default: [] };

const lowValueRegimeSchema = new Schema<LowValueRegimeDocument>(
  {
    kind: { type: String, required: true, enum: ['FLAT_PER_TARIFF_SUBHEADING'] },
    name: { type: String, required: true },
    amountPerSubheading: { type: moneySchema, required: true },
    valueCeiling: { type: moneySchema, required: true },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    after: { type: String, enum: ['ORDINARY_TARIFF', 'RELIEF'], default: 'ORDINARY_TARIFF' },
    excludedHsPrefixes: hsPrefixes,
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, default: null },
    note: { type: String, default: '' },
  },
  { _id: false },
);

const shipFromThresholdsSchema = new Schema<ShipFromThresholdsDocument>(
  {
    shipFrom: { type: [{ type: String, match: /^[A-Z]{2}$/ }], required: true },
    dutyThreshold: { type: moneySchema, default: null },
    taxThreshold: { type: moneySchema, default: null },
    excludedHsPrefixes: hsPrefixes,
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: '' },
  },
  { _id: false },
);

const deMinimisSchema = new Schema<DeMinimisDocument>(
  {
    destination: countryCode,
    dutyThreshold: { type: moneySchema, default: null },
    taxThreshold: { type: moneySchema, default: null },
    dutyReliefExcludedHsPrefixes: hsPrefixes,
    taxReliefExcludedHsPrefixes: hsPrefixes,
    thresholdBasis: { type: String, enum: ['INTRINSIC_VALUE', 'CUSTOMS_VALUE', null], default: null },
    thresholdBasisSource: { type: String, default: null },
    lowValueRegime: { type: lowValueRegimeSchema, default: null },
    shipFromThresholds: { type: [shipFromThresholdsSchema], default: [] },
    recipientCustomsCode: {
      type: new Schema(
        {
          name: { type: String, required: true },
          source: { type: String, required: true },
          asOf: { type: Date, required: true },
          validFrom: { type: Date, required: true },
          verified: { type: Boolean, required: true },
          note: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    verified: { type: Boolean, default: null },
    note: { type: String, default: null },
    importTaxWaiver: {
      type: new Schema(
        { amount: { type: moneySchema, required: true }, source: { type: String, required: true }, asOf: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    carrierFee: {
      type: new Schema(
        {
          amount: { type: moneySchema, required: true },
          source: { type: String, required: true },
          asOf: { type: Date, required: true },
          illustrative: { type: Boolean, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    asOf: { type: Date, required: true },
    source: { type: String, required: true },
  },
  { collection: 'de_minimis', versionKey: false },
);
deMinimisSchema.index({ destination: 1 }, { unique: true });

const collectionSchemeSchema = new Schema<CollectionSchemeDocument>(
  {
    code: { type: String, required: true, match: /^[A-Z][A-Z0-9_]{1,39}$/ },
    name: { type: String, required: true },
    destinations: { type: [countryCode], required: true },
    ceiling: { type: moneySchema, default: null },
    ceilingPer: { type: String, required: true, enum: ['CONSIGNMENT', 'UNIT'] },
    ceilingInclusive: { type: Boolean, required: true },
    excludedHsPrefixes: hsPrefixes,
    exemptsDuty: { type: Boolean, required: true },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: '' },
  },
  { collection: 'collection_schemes', versionKey: false },
);
collectionSchemeSchema.index({ code: 1 }, { unique: true });

const levySchema = new Schema<LevyDocument>(
  {
    code: { type: String, required: true, match: /^[A-Z][A-Z0-9_]{1,39}$/ },
    name: { type: String, required: true },
    destination: countryCode,
    kind: { type: String, required: true, enum: ['EXCISE', 'LEVY'] },
    basis: { type: String, required: true, enum: ['PER_CONSIGNMENT', 'PER_KG_NET', 'PER_LITRE_NET'] },
    amount: { type: moneySchema, default: null },
    rates: {
      type: [
        new Schema(
          {
            hsPrefix: { type: String, required: true, match: /^\d{2,10}$/ },
            goods: { type: String, required: true },
            perUnit: { type: moneySchema, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    ceiling: { type: moneySchema, default: null },
    ceilingInclusive: { type: Boolean, required: true },
    ceilingBasis: { type: String, required: true, enum: ['INTRINSIC_VALUE', 'CUSTOMS_VALUE'] },
    scope: { type: String, required: true, enum: ['IMPORTS', 'ALL_DELIVERIES'] },
    liable: { type: String, required: true, enum: ['SELLER', 'DECLARANT'] },
    inVatBase: { type: Boolean, required: true },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: '' },
  },
  { collection: 'levies', versionKey: false },
);
levySchema.index({ code: 1 }, { unique: true });

const taxRegistrationSchema = new Schema<TaxRegistrationDocument>(
  {
    scheme: { type: String, required: true, match: /^[A-Z][A-Z0-9_]{1,39}$/ },
    number: { type: String, required: true, match: /^[A-Za-z0-9][A-Za-z0-9 .\/-]{2,39}$/ },
    destinations: { type: [countryCode], required: true, validate: (value: string[]) => value.length > 0 },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    note: { type: String, default: null },
  },
  { collection: 'tax_registrations', versionKey: false },
);
// One row per number and scheme (the CLI's key). The reference cache reads the registrations still running at
// its read ({validTo: null} or later than then): served by `validTo`.
taxRegistrationSchema.index({ scheme: 1, number: 1 }, { unique: true });
taxRegistrationSchema.index({ validTo: 1 });
durableCollection(taxRegistrationSchema);

const fxRateSchema = new Schema<FxRateDocument>(
  {
    base: rateHistoryCurrencyCode,
    quote: rateHistoryCurrencyCode,
    rate: { ...decimalString, validate: { validator: (value: string) => !/^0+(\.0+)?$/.test(value), message: 'rate must be positive' } },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
  },
  { collection: 'fx_rates', versionKey: false },
);
// Query path: the newest rate per pair published by "now" — sorted by pair, newest first. One rate per pair,
// moment and source: the key imports upsert by, so re-importing a file changes nothing.
fxRateSchema.index({ base: 1, quote: 1, asOf: -1, source: 1 }, { unique: true });
// The same pair as an equality-only index: the embedded dev database (scripts/devdb) narrows candidates only by
// equality on every field of an index, so without it each per-pair lookup scans the whole history there. On
// MongoDB it is a prefix of the index above and costs one more key per rate.
fxRateSchema.index({ base: 1, quote: 1 });

export type { PreferentialRateDocument, TradeAgreementDocument } from './origin-models.ts';
export type { MerchantNexusDocument, TaxJurisdictionDocument } from './jurisdiction-models.ts';

/** The pricing subgraph's models, bound to its own database connection. */
export interface PricingModels extends JurisdictionModels {
  Market: Model<MarketDocument>;
  BasePrice: Model<BasePriceDocument>;
  PriceBookEntry: Model<PriceBookEntryDocument>;
  TaxRate: Model<TaxRateDocument>;
  DutyRate: Model<DutyRateDocument>;
  DeMinimis: Model<DeMinimisDocument>;
  CollectionScheme: Model<CollectionSchemeDocument>;
  TaxRegistration: Model<TaxRegistrationDocument>;
  Levy: Model<LevyDocument>;
  FxRate: Model<FxRateDocument>;
  PaymentMethod: Model<PaymentMethodDocument>;
  PriceHistory: Model<PriceHistoryDocument>;
  UnitPriceRule: Model<UnitPriceRuleDocument>;
  TradeAgreement: Model<TradeAgreementDocument>;
  PreferentialRate: Model<PreferentialRateDocument>;
  /** What of the price projection pricing's writes made stale (the projector's outbox). */
  PriceProjectionMark: Model<PriceProjectionMarkDocument>;
}

export function createPricingModels(connection: Connection): PricingModels {
  return {
    Market: connection.model<MarketDocument>('Market', marketSchema),
    BasePrice: connection.model<BasePriceDocument>('BasePrice', basePriceSchema),
    PriceBookEntry: connection.model<PriceBookEntryDocument>('PriceBookEntry', priceBookEntrySchema),
    TaxRate: connection.model<TaxRateDocument>('TaxRate', taxRateSchema),
    DutyRate: connection.model<DutyRateDocument>('DutyRate', dutyRateSchema),
    DeMinimis: connection.model<DeMinimisDocument>('DeMinimis', deMinimisSchema),
    CollectionScheme: connection.model<CollectionSchemeDocument>('CollectionScheme', collectionSchemeSchema),
    TaxRegistration: connection.model<TaxRegistrationDocument>('TaxRegistration', taxRegistrationSchema),
    Levy: connection.model<LevyDocument>('Levy', levySchema),
    FxRate: connection.model<FxRateDocument>('FxRate', fxRateSchema),
    PaymentMethod: connection.model<PaymentMethodDocument>('PaymentMethod', paymentMethodSchema),
    PriceHistory: connection.model<PriceHistoryDocument>('PriceHistory', priceHistorySchema),
    UnitPriceRule: connection.model<UnitPriceRuleDocument>('UnitPriceRule', unitPriceRuleSchema),
    TradeAgreement: connection.model<TradeAgreementDocument>('TradeAgreement', tradeAgreementSchema),
    PreferentialRate: connection.model<PreferentialRateDocument>('PreferentialRate', preferentialRateSchema),
    PriceProjectionMark: createPriceProjectionMarkModel(connection),
    ...createJurisdictionModels(connection),
  };
}

/** Inclusive bounds of one payment in one currency, in minor units; null = unbounded on that side. */
export interface PaymentAmountLimitDocument {
  currency: string;
  minMinor: number | null;
  maxMinor: number | null;
}

/** A way to pay (card scheme, wallet, bank transfer, …), with the markets and currencies it serves. */
export interface PaymentMethodDocument {
  code: string;
  brand: string;
  /** Localised names by BCP 47 language or locale tag; the brand is the fallback. */
  names: Record<string, string>;
  type: 'CARD' | 'WALLET' | 'BANK_TRANSFER' | 'DIRECT_DEBIT' | 'BNPL' | 'CASH_VOUCHER';
  countries: string[];
  currencies: string[];
  limits: PaymentAmountLimitDocument[];
  canPayDdpDuties: boolean;
  /** Catalogue order (cards first), so every market lists its methods the same way. */
  position: number;
  note?: string | null;
  source: string;
  asOf: Date;
  illustrative: boolean;
}

const optionalMinorUnits = {
  type: Number,
  default: null,
  min: 0,
  validate: {
    validator: (value: number | null) => value === null || Number.isSafeInteger(value),
    message: 'limits must be safe integers of minor units',
  },
};

const paymentAmountLimitSchema = new Schema<PaymentAmountLimitDocument>(
  { currency: currencyCode, minMinor: optionalMinorUnits, maxMinor: optionalMinorUnits },
  { _id: false },
);

const paymentMethodSchema = new Schema<PaymentMethodDocument>(
  {
    code: { type: String, required: true, match: /^[A-Z][A-Z0-9_]{1,39}$/ },
    brand: { type: String, required: true },
    names: { type: Map, of: String, default: {} },
    type: { type: String, required: true, enum: ['CARD', 'WALLET', 'BANK_TRANSFER', 'DIRECT_DEBIT', 'BNPL', 'CASH_VOUCHER'] },
    countries: { type: [countryCode], default: [] },
    currencies: { type: [currencyCode], default: [] },
    limits: { type: [paymentAmountLimitSchema], default: [] },
    canPayDdpDuties: { type: Boolean, required: true },
    position: { type: Number, required: true },
    note: { type: String, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    illustrative: { type: Boolean, required: true },
  },
  { collection: 'payment_methods', versionKey: false },
);
// Read whole as reference data; the code is the natural key the seed upserts by.
paymentMethodSchema.index({ code: 1 }, { unique: true });
// The whole table is read in catalogue order.
paymentMethodSchema.index({ position: 1 });

/**
 * A price a market showed for a product from `from` (inclusive) until `until` (exclusive; null = still shown),
 * in the market's currency as shown (tax included where the market shows gross prices). The EU price-reduction
 * rule (Omnibus) reads it: a struck-through price must be the lowest of the 30 days before the reduction.
 */
export interface PriceHistoryDocument {
  productId: string;
  market: string;
  currency: string;
  amountMinor: number;
  from: Date;
  until: Date | null;
  /** Where the row came from, e.g. `seed` (demo data) or `price-change`. */
  source: string;
}

const priceHistorySchema = new Schema<PriceHistoryDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    market: countryCode,
    currency: currencyCode,
    amountMinor: minorUnits,
    from: { type: Date, required: true },
    until: { type: Date, default: null },
    source: { type: String, required: true },
  },
  { collection: 'price_history', versionKey: false },
);
// Query path: the history of a batch of products in a batch of markets (`productId $in`, `market $in`); one row
// per product, market and start, the key a price change appends by.
priceHistorySchema.index({ productId: 1, market: 1, from: 1 }, { unique: true });
durableCollection(priceHistorySchema);
// At most one row per product and market is still shown: two concurrent price changes can never both leave theirs open.
priceHistorySchema.index(
  { productId: 1, market: 1 },
  { unique: true, partialFilterExpression: { until: { $type: 'null' } }, name: 'one_open_row_per_product_market' },
);

/** A price history row as a change plans to write it (the redo record of a change in progress). */
export interface PendingHistoryRow {
  currency: string;
  amountMinor: number;
  from: Date;
  until: Date | null;
  source: string;
}

/** The writes of one price change, recorded before they are made so that whoever comes next can finish them. */
export interface PendingPriceChange {
  /** Rows to write by (product, market, from), in the order they are written. */
  upserts: PendingHistoryRow[];
  /** Starts of rows to remove. */
  removals: Date[];
  /** The price-book entry once the change is made; null when it stays as it is. */
  priceBook: { currency: string; amountMinor: number; sale: SaleDocument | null } | null;
}

/**
 * Serialises price changes of one product in one market (`_id` = `<productId>:<market>`): a change holds the lease
 * while it reads, plans and writes, and `revision` counts every claim and release (a compare-and-set on it is
 * how a claim wins). `pending` holds the writes of the change holding it, so a change that finds a lapsed lease
 * completes its predecessor's writes before planning its own.
 */
export interface PriceChangeLockDocument {
  _id: string;
  revision: number;
  holder: string | null;
  /** Wall-clock end of the holder's lease; null when free. */
  lockedUntil: Date | null;
  pending: PendingPriceChange | null;
}

const priceChangeLockSchema = new Schema<PriceChangeLockDocument>(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true, default: 0 },
    holder: { type: String, default: null },
    lockedUntil: { type: Date, default: null },
    pending: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'price_change_locks', versionKey: false },
);
// A lease and the change recorded on it must outlive a failover: a claim rolled back would let a second writer in,
// and a lost record would leave a half-written change nobody completes.
durableCollection(priceChangeLockSchema);

/**
 * The lock model of price changes, on the connection of `models`. Not among the models the seed fills (an empty
 * lock collection is not a half-seeded database).
 */
export function priceChangeLockModel(models: Pick<PricingModels, 'PriceHistory'>): Model<PriceChangeLockDocument> {
  const connection = models.PriceHistory.db;
  return connection.models['PriceChangeLock'] ?? connection.model<PriceChangeLockDocument>('PriceChangeLock', priceChangeLockSchema);
}

/**
 * An exchange-rate lock: the presentment total of a quote and its settlement amount, fixed until `expiresAt`
 * so a checkout within the window pays exactly what was shown. `_id` is derived from what the lock fixes and
 * the window it was issued in (see `fxLockIdOf`), so asking again within a window finds the same lock.
 */
export interface FxLockDocument {
  _id: string;
  quoteId: string;
  market: string;
  presentment: MoneyDocument;
  settlement: MoneyDocument;
  /** Units of the settlement currency per unit of the presentment currency, exactly as applied. */
  rate: string;
  rateAsOf: Date;
  rateSource: string;
  createdAt: Date;
  /** The lock's end, checked by the service against the injected clock (never left to a TTL monitor). */
  expiresAt: Date;
  /** First confirmation of a checkout with this lock; null until then. */
  confirmedAt: Date | null;
}

/** How long an expired lock is kept, so a late checkout hears "expired" rather than "unknown". */
export const FX_LOCK_RETENTION_SECONDS = 7 * 24 * 3600;

const fxLockSchema = new Schema<FxLockDocument>(
  {
    _id: { type: String, required: true },
    quoteId: { type: String, required: true },
    market: countryCode,
    presentment: { type: moneySchema, required: true },
    settlement: { type: moneySchema, required: true },
    rate: decimalString,
    rateAsOf: { type: Date, required: true },
    rateSource: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    confirmedAt: { type: Date, default: null },
  },
  { collection: 'fx_locks', versionKey: false },
);
// Looked up by `_id` only. On MongoDB this TTL index deletes locks a week after they expire (housekeeping:
// expiry itself is decided by `expiresAt` against the clock, whatever the monitor has or has not removed).
fxLockSchema.index({ expiresAt: 1 }, { expireAfterSeconds: FX_LOCK_RETENTION_SECONDS });
durableCollection(fxLockSchema);

/**
 * The FX-lock model. Kept out of {@link PricingModels}: those are the collections the seed fills (an empty one
 * means "seed again"), and locks are written by requests, so `fx_locks` starts empty.
 */
export function createFxLockModel(connection: Connection): Model<FxLockDocument> {
  return connection.model<FxLockDocument>('FxLock', fxLockSchema);
}

/** A quantity as a unit-price rule states it: an exact positive decimal and its unit (`G`, `KG`, `ML`, `L`). */
export interface QuantityDocument {
  value: string;
  unit: 'G' | 'KG' | 'ML' | 'L';
}

/**
 * A market's unit-price rule (price per kg or litre beside the selling price; see `UnitPriceRule` in the domain),
 * with its legal source, the day it was read, its validity and whether the source was verified.
 */
export interface UnitPriceRuleDocument {
  country: string;
  measures: ('MASS' | 'VOLUME')[];
  referenceQuantities: { MASS: { quantity: number; unit: 'G' | 'KG' }; VOLUME: { quantity: number; unit: 'ML' | 'L' } };
  omitWhenEqualToSellingPrice: boolean;
  exemptNetQuantities: QuantityDocument[];
  exemptSellingPriceUpTo: MoneyDocument | null;
  exemptUnitPriceAbove: { hsPrefixes: string[] | null; limit: MoneyDocument }[];
  rounding: 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP';
  validFrom: Date;
  validTo: Date | null;
  source: string;
  asOf: Date;
  /** False when the source could not be read from the authority's own text (`npm run data:check` lists it). */
  verified: boolean;
  note: string | null;
}

const positiveDecimal = { type: String, required: true, match: /^(?!0+(\.0+)?$)\d+(\.\d+)?$/ };
const quantitySchema = new Schema<QuantityDocument>(
  { value: positiveDecimal, unit: { type: String, required: true, enum: ['G', 'KG', 'ML', 'L'] } },
  { _id: false },
);
const referenceQuantity = (units: string[]) => ({
  quantity: { type: Number, required: true, min: 1, validate: Number.isInteger },
  unit: { type: String, required: true, enum: units },
});

const unitPriceRuleSchema = new Schema<UnitPriceRuleDocument>(
  {
    country: countryCode,
    measures: { type: [{ type: String, enum: ['MASS', 'VOLUME'] }], required: true },
    referenceQuantities: { MASS: referenceQuantity(['G', 'KG']), VOLUME: referenceQuantity(['ML', 'L']) },
    omitWhenEqualToSellingPrice: { type: Boolean, required: true },
    exemptNetQuantities: { type: [quantitySchema], default: [] },
    exemptSellingPriceUpTo: { type: moneySchema, default: null },
    exemptUnitPriceAbove: {
      type: [new Schema({ hsPrefixes: { type: [String], default: null }, limit: { type: moneySchema, required: true } }, { _id: false })],
      default: [],
    },
    rounding: { type: String, required: true, enum: ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP'] },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: null },
  },
  { collection: 'unit_price_rules', versionKey: false },
);
// One row per country and start date: the seed upserts by it, a later rule is a new row.
unitPriceRuleSchema.index({ country: 1, validFrom: 1 }, { unique: true });
