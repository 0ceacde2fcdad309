import currencyCodes from 'currency-codes';
import { isValidTimeZone } from './domain/time-zone.ts';
// The codes alone: the package's main entry also loads every country's name in 78 languages.
import isoCountries from 'i18n-iso-countries/index.js';
import { Schema, type Connection, type Model } from 'mongoose';

/** A warehouse as stored. `_id` is its public id, e.g. `wh-nl-venlo`. */
export interface WarehouseDocument {
  _id: string;
  country: string;
  timeZone: string;
  cutoffLocalTime: string;
  handlingDays: number;
  workingDays: number[];
}

/** Units of one product in one warehouse. A missing row means none. */
export interface StockDocument {
  productId: string;
  warehouseId: string;
  units: number;
}

/** Money in integer minor units of its ISO 4217 currency. */
export interface MinorMoneyDocument {
  amountMinor: number;
  currency: string;
}

/** A carrier product on one lane (origin country → destination country or zone id). `_id` is the service id. */
export interface CarrierServiceDocument {
  _id: string;
  carrier: string;
  origin: string;
  destination: string;
  level: 'standard' | 'express';
  mode: 'air' | 'road' | 'sea';
  transitDaysMin: number;
  transitDaysMax: number;
  clearanceDays: number;
  rateCurrency: string;
  weightBands: { upToGrams: number; price: MinorMoneyDocument }[];
  volumetricDivisor: number;
  /** Where the lane's transit days and prices come from ("illustrative: …" when unchecked), for `npm run data:check -- --db`. */
  source?: string | null;
  /** The day the lane's figures are stated to hold. */
  asOf?: Date | null;
}

/** Destination countries a carrier prices as one, e.g. `EU`. */
export interface ShippingZoneDocument {
  _id: string;
  countries: string[];
}

/** Goods tagged `tag` may not go to `destinations` (by `modes` only, when given). */
export interface RestrictionRuleDocument {
  _id: string;
  tag: string;
  destinations: string[];
  modes?: ('air' | 'road' | 'sea')[] | null;
  note: string;
}

/** A destination we do not ship to at all. `_id` is its country code. */
export interface EmbargoDocument {
  _id: string;
  /** Why, for people reading the data (e.g. the sanctions programme); optional. */
  note?: string;
}

/** A part of a country delivery treats apart (see domain/destination-area.ts). `_id` is its id, e.g. `US-HI`. */
export interface DestinationAreaDocument {
  _id: string;
  country: string;
  region?: string | null;
  postalPrefixes?: string[];
  timeZone?: string | null;
  holidayRegion?: string | null;
  extraTransitDays: number;
  extraClearanceDays: number;
  unclearedFrom?: string[];
  source: string;
  asOf: Date;
}

/** A market we sell into. `_id` is its country code. */
export interface MarketDocument {
  _id: string;
  currency: string;
  defaultTimeZone: string;
  freeShippingThreshold: MinorMoneyDocument | null;
}

// Validators shared by the schemas below: codes must be real ISO codes, zones real IANA zones, so a typo in
// reference data is refused when written instead of silently matching nothing (no lane, no holiday).
const countryCode = {
  type: String,
  required: true,
  validate: {
    validator: (code: string) => /^[A-Z]{2}$/.test(code) && isoCountries.isValid(code),
    message: 'not an ISO 3166-1 alpha-2 code: {VALUE}',
  },
};
// A rule's destination: a country, or an ISO 3166-2 region of one (`US-UT`) where a rule holds in part of it.
const countryOrRegionCode = {
  type: String,
  required: true,
  validate: {
    validator: (code: string) => /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(code) && isoCountries.isValid(code.slice(0, 2)),
    message: 'not an ISO 3166-1 alpha-2 or ISO 3166-2 code: {VALUE}',
  },
};
const currencyCode = {
  type: String,
  required: true,
  validate: {
    validator: (code: string) => /^[A-Z]{3}$/.test(code) && Boolean(currencyCodes.code(code)),
    message: 'not an ISO 4217 code: {VALUE}',
  },
};
const ianaZone = {
  type: String,
  required: true,
  validate: { validator: (zone: string) => isValidTimeZone(zone), message: 'not an IANA time zone: {VALUE}' },
};
const wholeDays = { type: Number, required: true, min: 0, max: 90, validate: Number.isInteger };
const isoWeekdays = {
  type: [Number],
  required: true,
  validate: {
    validator: (days: number[]) =>
      days.length > 0 && new Set(days).size === days.length && days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7),
    message: 'workingDays must be distinct ISO weekdays 1 (Mon) … 7 (Sun)',
  },
};
const transportModes = ['air', 'road', 'sea'];

const minorMoneySchema = new Schema<MinorMoneyDocument>(
  {
    amountMinor: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    currency: currencyCode,
  },
  { _id: false },
);

const weightBandSchema = new Schema(
  {
    upToGrams: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    price: { type: minorMoneySchema, required: true },
  },
  { _id: false },
);

const warehouseSchema = new Schema<WarehouseDocument>(
  {
    _id: { type: String, required: true, match: /^wh-[a-z0-9-]+$/ },
    country: countryCode,
    timeZone: ianaZone,
    cutoffLocalTime: { type: String, required: true, match: /^([01]\d|2[0-3]):[0-5]\d$/ },
    handlingDays: wholeDays,
    workingDays: isoWeekdays,
  },
  { collection: 'warehouses', versionKey: false },
);

const stockSchema = new Schema<StockDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    warehouseId: { type: String, required: true, match: /^wh-[a-z0-9-]+$/ },
    units: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  },
  { collection: 'stock', versionKey: false },
);
// The one query path: every warehouse's row for a batch of products (`productId $in`). Unique, so a product
// has one figure per warehouse and seeding upserts on it.
stockSchema.index({ productId: 1, warehouseId: 1 }, { unique: true });

const carrierServiceSchema = new Schema<CarrierServiceDocument>(
  {
    _id: { type: String, required: true, match: /^[a-z0-9-]+$/ },
    carrier: { type: String, required: true, trim: true },
    origin: countryCode,
    // A country code or a shipping-zone id.
    destination: { type: String, required: true, match: /^[A-Z]{2,8}$/ },
    level: { type: String, required: true, enum: ['standard', 'express'] },
    mode: { type: String, required: true, enum: transportModes },
    transitDaysMin: wholeDays,
    transitDaysMax: wholeDays,
    clearanceDays: wholeDays,
    rateCurrency: currencyCode,
    weightBands: { type: [weightBandSchema], required: true },
    volumetricDivisor: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    source: { type: String, default: null },
    asOf: { type: Date, default: null },
  },
  { collection: 'carrier_services', versionKey: false },
);

// Rules across fields, which the domain would otherwise meet only at request time (and refuse there).
carrierServiceSchema.pre('validate', function checkService() {
  if (this.transitDaysMax < this.transitDaysMin) this.invalidate('transitDaysMax', 'transitDaysMax must be ≥ transitDaysMin');
  // A lane is priced in exactly one currency: the domain refuses mixed bands, so the data must not have them.
  if (this.weightBands.length === 0) this.invalidate('weightBands', 'a service needs at least one weight band');
  const foreign = this.weightBands.find((band) => band.price.currency !== this.rateCurrency);
  if (foreign) this.invalidate('weightBands', `band priced in ${foreign.price.currency}, expected ${this.rateCurrency}`);
});

const shippingZoneSchema = new Schema<ShippingZoneDocument>(
  {
    // Zone ids are deliberately longer than two letters so they can never be mistaken for a country.
    _id: {
      type: String,
      required: true,
      match: /^[A-Z]{2,8}$/,
      validate: { validator: (id: string) => !isoCountries.isValid(id), message: 'zone id {VALUE} is a country code' },
    },
    countries: { type: [countryCode], required: true },
  },
  { collection: 'shipping_zones', versionKey: false },
);

const restrictionRuleSchema = new Schema<RestrictionRuleDocument>(
  {
    _id: { type: String, required: true },
    tag: { type: String, required: true, match: /^[a-z0-9-]+$/ },
    destinations: { type: [countryOrRegionCode], required: true },
    modes: { type: [{ type: String, enum: transportModes }], default: undefined },
    note: { type: String, required: true },
  },
  { collection: 'restriction_rules', versionKey: false },
);

const embargoSchema = new Schema<EmbargoDocument>(
  { _id: countryCode, note: { type: String } },
  { collection: 'embargoes', versionKey: false },
);

const marketSchema = new Schema<MarketDocument>(
  {
    _id: countryCode,
    currency: currencyCode,
    defaultTimeZone: ianaZone,
    freeShippingThreshold: { type: minorMoneySchema, default: null },
  },
  { collection: 'markets', versionKey: false },
);

const destinationAreaSchema = new Schema<DestinationAreaDocument>(
  {
    _id: { type: String, required: true },
    country: countryCode,
    region: { type: String, default: null, match: /^[A-Z]{2}-[A-Z0-9]{1,3}$/ },
    postalPrefixes: { type: [{ type: String, match: /^[0-9A-Z]{1,8}$/ }], default: [] },
    timeZone: {
      type: String,
      default: null,
      validate: { validator: (zone: string | null) => zone === null || isValidTimeZone(zone), message: 'not an IANA time zone: {VALUE}' },
    },
    holidayRegion: { type: String, default: null },
    extraTransitDays: wholeDays,
    extraClearanceDays: wholeDays,
    unclearedFrom: { type: [{ type: String, match: /^[A-Z]{2}$/ }], default: [] },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
  },
  { collection: 'destination_areas', versionKey: false },
);

// Warehouses, services, zones, rules, embargoes, markets and destination areas are small reference tables read whole once per
// request (see loaders.ts); their only other path is by `_id`, which MongoDB always indexes.

/** The fulfillment subgraph's models, bound to its own database connection. */
export interface FulfillmentModels {
  Warehouse: Model<WarehouseDocument>;
  Stock: Model<StockDocument>;
  CarrierService: Model<CarrierServiceDocument>;
  ShippingZone: Model<ShippingZoneDocument>;
  RestrictionRule: Model<RestrictionRuleDocument>;
  Embargo: Model<EmbargoDocument>;
  Market: Model<MarketDocument>;
  DestinationArea: Model<DestinationAreaDocument>;
}

export function createFulfillmentModels(connection: Connection): FulfillmentModels {
  return {
    Warehouse: connection.model<WarehouseDocument>('Warehouse', warehouseSchema),
    Stock: connection.model<StockDocument>('Stock', stockSchema),
    CarrierService: connection.model<CarrierServiceDocument>('CarrierService', carrierServiceSchema),
    ShippingZone: connection.model<ShippingZoneDocument>('ShippingZone', shippingZoneSchema),
    RestrictionRule: connection.model<RestrictionRuleDocument>('RestrictionRule', restrictionRuleSchema),
    Embargo: connection.model<EmbargoDocument>('Embargo', embargoSchema),
    Market: connection.model<MarketDocument>('Market', marketSchema),
    DestinationArea: connection.model<DestinationAreaDocument>('DestinationArea', destinationAreaSchema),
  };
}
