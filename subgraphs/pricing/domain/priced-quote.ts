import type { JurisdictionTax } from './tax-jurisdiction.ts';
import { CUSTOMS_UNIONS, type RecipientCustomsCodeRule } from './duty.ts';
import { borderCrossing, type TerritoryBorder } from './territory-border.ts';
import { convert, type FxRate } from './fx.ts';
import type { ConsignmentQuote, QuoteParcel } from './landed-cost.ts';
import type { Market } from './market.ts';
import type { Money } from './money.ts';
import type { PriceSource } from './price-book.ts';
import { presentmentFor } from './shopper-price.ts';

/** A consignment priced in its destination market. */
export type PricedQuote<M extends Market = Market> = {
  readonly market: M;
  /** The currency the quote is presented and charged in. */
  readonly currency: string;
  readonly consignment: ConsignmentQuote;
  /** Where each line's unit price came from, in line order. */
  readonly sources: readonly PriceSource[];
  /** The recipient's customs code the destination needs (Korea's PCCC); null or absent: none. */
  readonly recipientCustomsCode?: RecipientCustomsCodeRule | null;
  /** The sub-national jurisdiction or special territory whose taxes priced it; null or absent: the country's. */
  readonly jurisdiction?: JurisdictionTax | null;
};

/** The quote's market as its consignment sees it: its rules, in the presented currency and that currency's rounding. */
export function presentedMarket<M extends Market>(market: M, currency: string): M {
  return { ...market, currency, presentment: presentmentFor(market, currency) };
}

/**
 * Whether the destination's tariff applies to the `index`-th line of a quote: when its parcel's warehouse is
 * outside the destination's customs territory (see `borderCrossing` for special territories). A line no parcel
 * carries does not ship, so it owes nothing (the consignment decides the same).
 */
export function lineCrossesBorder(
  index: number,
  parcels: readonly Pick<QuoteParcel, 'fromCountry' | 'lineIndexes'>[],
  destination: string,
  territory: TerritoryBorder | null = null,
): boolean {
  const parcel = parcels.find((candidate) => candidate.lineIndexes.includes(index));
  return parcel ? borderCrossing(parcel.fromCountry, destination, CUSTOMS_UNIONS, territory).owesDuty : false;
}

/**
 * The quote line a parcel's shipped line is: the first line of that product not yet in a parcel (`carried`), the
 * same quantity first, since fulfillment ships a line whole or not at all. Null when there is none.
 */
export function matchShippedLine(
  shipped: { readonly productId: string; readonly quantity: number },
  lines: readonly { readonly productId: string; readonly quantity: number }[],
  carried: ReadonlySet<number>,
): number | null {
  const candidates = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line, index }) => line.productId === shipped.productId && !carried.has(index));
  const match = candidates.find(({ line }) => line.quantity === shipped.quantity) ?? candidates[0];
  return match ? match.index : null;
}

/** A free-shipping threshold in the quote's currency at the reference rate (a margin would move the shopper's goalpost). */
export function thresholdInCurrency(
  threshold: Money,
  currency: string,
  options: { readonly rates: readonly FxRate[]; readonly now: Date; readonly maxRateAgeHours: number },
): Money {
  if (threshold.currency === currency) return threshold;
  return convert(threshold, currency, options.rates, { now: options.now, maxAgeHours: options.maxRateAgeHours, rounding: 'HALF_UP' }).money;
}
