import { Schema, type Connection, type Model } from 'mongoose';

/** A sub-national tax jurisdiction or special territory as stored (see domain/tax-jurisdiction.ts). */
export interface TaxJurisdictionDocument {
  _id: string;
  country: string;
  name: string;
  regions: string[];
  postalPrefixes: string[];
  pricedAs: string | null;
  components: { name: string; ratePercent: { standard: string; reduced: string; zero: string }; registration: string | null }[];
  countryRatesApply: boolean;
  insideCustomsTerritory: boolean;
  insideVatArea: boolean;
  goodsCustomsUnion: string | null;
  nexusRequired: boolean;
  finerAddressNote: string | null;
  source: string;
  asOf: Date;
  verified: boolean;
}

/** The merchant's sales into a US state and the state's economic-nexus threshold. `_id` is the state, `US-TX`. */
export interface MerchantNexusDocument {
  _id: string;
  thresholdMinor: number;
  thresholdTransactions: number | null;
  bothRequired: boolean;
  currency: string;
  salesMinor: number;
  transactions: number;
  counted: string;
  source: string;
  asOf: Date;
  verified: boolean;
}

const decimalPercent = { type: String, required: true, match: /^\d{1,2}(\.\d{1,6})?$/ };
const isoCountry = { type: String, required: true, match: /^[A-Z]{2}$/ };

const taxJurisdictionSchema = new Schema<TaxJurisdictionDocument>(
  {
    _id: { type: String, required: true },
    country: isoCountry,
    name: { type: String, required: true },
    regions: { type: [{ type: String, match: /^[A-Z]{2}-[A-Z0-9]{1,3}$/ }], default: [] },
    postalPrefixes: { type: [{ type: String, match: /^[0-9A-Z]{1,8}$/ }], default: [] },
    pricedAs: { type: String, default: null, match: /^[A-Z]{2}$/ },
    components: {
      type: [
        {
          _id: false,
          name: { type: String, required: true },
          ratePercent: { standard: decimalPercent, reduced: decimalPercent, zero: decimalPercent },
          registration: { type: String, default: null },
        },
      ],
      default: [],
    },
    // Defaults: a sub-national jurisdiction inside its country's customs territory and VAT area.
    countryRatesApply: { type: Boolean, default: false },
    insideCustomsTerritory: { type: Boolean, default: true },
    insideVatArea: { type: Boolean, default: true },
    goodsCustomsUnion: { type: String, default: null },
    nexusRequired: { type: Boolean, required: true },
    finerAddressNote: { type: String, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
  },
  { collection: 'tax_jurisdictions', versionKey: false },
);
// Read whole into the reference cache; the country index serves `data:check --db` and operators' lookups.
taxJurisdictionSchema.index({ country: 1 });

const merchantNexusSchema = new Schema<MerchantNexusDocument>(
  {
    _id: { type: String, required: true, match: /^US-[A-Z]{2}$/ },
    thresholdMinor: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    thresholdTransactions: {
      type: Number,
      default: null,
      min: 1,
      validate: (value: number | null) => value === null || Number.isInteger(value),
    },
    bothRequired: { type: Boolean, required: true },
    currency: { type: String, required: true, match: /^[A-Z]{3}$/ },
    salesMinor: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
    transactions: { type: Number, required: true, min: 0, validate: Number.isInteger },
    counted: { type: String, required: true },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
  },
  { collection: 'merchant_nexus', versionKey: false },
);

/** The models of sub-national tax: jurisdictions and the merchant's nexus. */
export interface JurisdictionModels {
  TaxJurisdiction: Model<TaxJurisdictionDocument>;
  MerchantNexus: Model<MerchantNexusDocument>;
}

export function createJurisdictionModels(connection: Connection): JurisdictionModels {
  return {
    TaxJurisdiction: connection.model<TaxJurisdictionDocument>('TaxJurisdiction', taxJurisdictionSchema),
    MerchantNexus: connection.model<MerchantNexusDocument>('MerchantNexus', merchantNexusSchema),
  };
}
