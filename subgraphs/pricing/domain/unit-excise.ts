import type { Exact } from './exact.ts';
import { exciseLabel, exciseOf, isPerQuantity, levyRateFor, type Levy, type LevyQuantity, type LevyRate } from './levy.ts';

/** The excise on one unit of a product as its page prices it: the rule, its rate and the exact amount. */
export type UnitExcise = {
  readonly levy: Levy;
  readonly rate: LevyRate;
  /** Per unit, exact (rounded only where the price is split into its parts). */
  readonly exact: Exact;
  /** "Coffee tax (Kaffeesteuer), roasted coffee: EUR 2.19/kg × 0.25 kg". */
  readonly label: string;
};

/**
 * The excise per kg or litre (of `levies`, in force and in the page's currency) on one unit of goods of `hsCode` holding
 * `netQuantity`; null when none taxes them. A page prices one unit: per-consignment levies (Italy's €2,
 * Romania's RON 25) belong to a parcel and are charged by the quote, not shown in a unit's price.
 */
export function unitExciseOf(levies: readonly Levy[], hsCode: string, netQuantity: LevyQuantity | null | undefined): UnitExcise | null {
  for (const levy of levies) {
    if (!isPerQuantity(levy)) continue;
    const rate = levyRateFor(levy, hsCode);
    if (!rate) continue;
    if (!netQuantity) throw new Error(`Goods of HS ${hsCode} owe ${levy.code} per quantity but have no net quantity`);
    return { levy, rate, exact: exciseOf(levy, rate, netQuantity, 1), label: exciseLabel(levy, rate, netQuantity, 1) };
  }
  return null;
}
