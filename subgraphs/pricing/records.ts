import type { BasePrice, DutyRate, Market, TaxCategory } from './domain/index.ts';

// The domain values as pricing stores them, with what it keeps beside them. A leaf module: the views that
// carry these records to GraphQL import them without importing the document mappers.

/** A market as pricing uses it: the domain's rules plus its own FX staleness limit (null = the default). */
export type MarketRecord = Market & { readonly fxMaxAgeHours: number | null };

/** A product's base price with the VAT/GST category stored beside it. */
export type BasePriceRecord = BasePrice & { readonly taxCategory: TaxCategory };

/** A duty rate with the date and source of the dataset it comes from. */
export type DutyRateRecord = DutyRate & { readonly asOf: Date; readonly source: string };
