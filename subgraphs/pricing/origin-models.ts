import { Schema } from 'mongoose';
import { MAX_DUTY_RATE_PERCENT } from './domain/duty.ts';

// Trade agreements and their preferential duty rates: reference data of the pricing database, read whole into the
// reference cache (never per product).

/** A trade agreement as stored (see the domain's `TradeAgreement`). */
export interface TradeAgreementDocument {
  code: string;
  name: string;
  parties: string[];
  ruleOfOrigin: string;
  proofsAccepted: string[];
  sellerProof: string;
  statementReference: string;
  validFrom: Date;
  validTo: Date | null;
  source: string;
  asOf: Date;
  verified: boolean;
  note: string | null;
}

/** A preferential ad valorem rate of an agreement, per destination and HS prefix. */
export interface PreferentialRateDocument {
  agreement: string;
  destination: string;
  hsPrefix: string;
  ratePercent: string;
  source: string;
  asOf: Date;
  verified: boolean;
  note: string | null;
}

export const tradeAgreementSchema = new Schema<TradeAgreementDocument>(
  {
    code: { type: String, required: true, match: /^[A-Z0-9-]{2,32}$/ },
    name: { type: String, required: true },
    // A country code, or a customs union's name (EU) standing for all its members.
    parties: { type: [{ type: String, match: /^[A-Z]{2}$/ }], required: true },
    ruleOfOrigin: { type: String, required: true },
    proofsAccepted: { type: [String], required: true },
    sellerProof: { type: String, required: true },
    statementReference: { type: String, required: true },
    validFrom: { type: Date, required: true },
    validTo: { type: Date, default: null },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: null },
  },
  { collection: 'trade_agreements', versionKey: false },
);
tradeAgreementSchema.index({ code: 1 }, { unique: true });

export const preferentialRateSchema = new Schema<PreferentialRateDocument>(
  {
    agreement: { type: String, required: true },
    destination: { type: String, required: true, match: /^[A-Z]{2}$/ },
    hsPrefix: { type: String, required: true, match: /^(\d{2}|\d{4}|\d{6})$/ },
    ratePercent: {
      type: String,
      required: true,
      match: /^\d+(\.\d+)?$/,
      validate: {
        validator: (value: string) => Number(value) <= MAX_DUTY_RATE_PERCENT,
        message: (props: { value: unknown }) => `duty rate ${String(props.value)} % is above ${MAX_DUTY_RATE_PERCENT} %`,
      },
    },
    source: { type: String, required: true },
    asOf: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    note: { type: String, default: null },
  },
  { collection: 'preferential_rates', versionKey: false },
);
preferentialRateSchema.index({ agreement: 1, destination: 1, hsPrefix: 1 }, { unique: true });
