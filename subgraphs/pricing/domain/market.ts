import type { PresentmentRule } from './rounding.ts';
import type { TaxDisplay } from './tax.ts';

/**
 * Who carries import duties and taxes.
 * - DDP (Delivered Duty Paid): the shop collects them at checkout; they are in the price and total.
 * - DAP (Delivered At Place): the carrier collects them on delivery; we show an estimate, outside the total.
 */
export const Incoterm = { DDP: 'DDP', DAP: 'DAP' } as const;
export type Incoterm = (typeof Incoterm)[keyof typeof Incoterm];

/**
 * The customs value duty and import tax are assessed on.
 * - CIF: cost of the goods plus insurance and freight to the destination's border (EU, UK, Japan, Switzerland, …).
 * - FOB: the goods' value at export, without international freight and insurance (US, Canada, Australia).
 */
export const CustomsValuation = { CIF: 'CIF', FOB: 'FOB' } as const;
export type CustomsValuation = (typeof CustomsValuation)[keyof typeof CustomsValuation];

/** A country we sell into, with everything pricing needs to show a trustworthy price there. */
export type Market = {
  /** ISO 3166-1 alpha-2 destination country: "DE". */
  readonly country: string;
  /** ISO 4217 currency prices are shown and charged in: "EUR". */
  readonly currency: string;
  /** Default locale for formatting when the request names none: "de-DE". */
  readonly locale: string;
  readonly taxDisplay: TaxDisplay;
  readonly incoterm: Incoterm;
  /** How converted prices are rounded for display (local price-book prices are used as typed). */
  readonly presentment: PresentmentRule;
  /** FX margin in basis points added when converting base prices into this market's currency. */
  readonly fxMarginBps: number;
  /** The basis customs values are assessed on at this destination (CIF or FOB). */
  readonly customsValuation: CustomsValuation;
  /**
   * Other ISO 4217 currencies shoppers of this market may be presented and charged in, besides `currency`
   * (e.g. EUR in Switzerland); empty when only the market's currency is accepted.
   */
  readonly additionalCurrencies: readonly string[];
};

/** True when the market's prices and totals include import duty and taxes (DDP); false when they are due on delivery (DAP). */
export function dutyIncludedIn(market: Pick<Market, 'incoterm'>): boolean {
  return market.incoterm === Incoterm.DDP;
}
