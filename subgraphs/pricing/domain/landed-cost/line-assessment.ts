import type { ConsignmentDutyAssessment, DeMinimis, DutyBasis, ThresholdBasis } from '../duty.ts';
import type { OriginDutyMatch } from '../preferential-origin.ts';
import type { Collection } from '../collection.ts';
import type { Market } from '../market.ts';
import type { Money } from '../money.ts';
import type { RoundingMode } from '../rounding.ts';
import type { TaxedPrice } from '../tax.ts';
import type { CustomsValueAssessment, QuoteLine } from './types.ts';

/** What every step of a quote reads: the market (in the quote's currency) and how it rounds. */
export type QuoteRules = {
  readonly market: Market;
  readonly currency: string;
  readonly mode: RoundingMode;
  readonly priceIncludesTax: boolean;
  readonly zero: Money;
};

/** What the customs steps read besides the {@link QuoteRules}: the destination's low-value rules at the pricing clock. */
export type CustomsRules = QuoteRules & {
  readonly deMinimis: DeMinimis | undefined;
  readonly thresholdBasis: ThresholdBasis;
  readonly now: Date;
  /** Insurance to the border: we buy none for these parcels, so it is zero. */
  readonly insurance: Money;
};

/** A line with its VAT/GST: the first step. */
export type TaxedLine = {
  /** Its position in the quote's lines. */
  readonly index: number;
  readonly line: QuoteLine;
  readonly taxRatePercent: string;
  /** unitPrice × quantity, as shown. */
  readonly lineTotal: Money;
  readonly taxSplit: TaxedPrice;
};

/** …placed in the consignment that carries it to the border. */
export type PlacedLine = TaxedLine & {
  /** The index of its consignment (see `consignmentGroupsOf`). */
  readonly consignment: number;
  /** True when its goods cross a customs border. */
  readonly dutiable: boolean;
  /** True when the destination's tariff applies to them (false for goods in free circulation declared into a territory outside the VAT area). */
  readonly owesDuty: boolean;
};

/** …with its parts of its consignment's shipping charges (none when shipping is free). */
export type ShippedLine = PlacedLine & { readonly shipping: readonly TaxedPrice[] };

/** …valued for customs. */
export type ValuedLine = ShippedLine & {
  /** Its shipping net of VAT/GST under CIF, else zero. */
  readonly freight: Money;
  /** The net, plus the freight under CIF. */
  readonly customsValue: Money;
};

/** …with the duty rate of its HS code (0 %, found, when it is not dutiable). */
export type MatchedLine = ValuedLine & { readonly dutyMatch: OriginDutyMatch };

/** …with how its consignment's assessment applies to it. */
export type BasedLine = MatchedLine & {
  /** Null when it is not dutiable. */
  readonly dutyBasis: DutyBasis | null;
  /** Its share of its subheading's flat duty when its basis is FLAT_LOW_VALUE, else null. */
  readonly flatDuty: Money | null;
  /** True when its consignment owes import VAT/GST. */
  readonly importTaxOwed: boolean;
};

/** A line with its duty, and import VAT/GST on the duty where its consignment owes import tax. */
export type DutiedLine = BasedLine & {
  /** True when its goods are excluded from the low-value duty relief (owed under the threshold too). */
  readonly dutyReliefExcluded: boolean;
  readonly duty: Money;
  readonly importTax: Money;
};

/** A line fully assessed: the last step, with who collects its taxes and when. */
export type LineAssessment = DutiedLine & {
  /** True when its VAT/GST (goods and shipping) is in the checkout total. */
  readonly taxAtCheckout: boolean;
  /** True when its duty and import tax are due on delivery (CARRIER_ON_DELIVERY), not at checkout. */
  readonly dueOnDelivery: boolean;
};

/** A consignment at the border: a parcel, the lines no parcel carries, or the whole cart without parcels. */
export type ConsignmentGroup = {
  readonly fromCountry: string | null;
  readonly lineIndexes: readonly number[];
  readonly charges: readonly Money[];
  readonly dutiable: (lineIndex: number) => boolean;
  /** Whether the tariff applies to a crossing line; absent: whenever it crosses. */
  readonly owesDuty?: (lineIndex: number) => boolean;
};

/** A consignment's value and its duty assessment. */
export type AssessedConsignment = {
  readonly group: ConsignmentGroup;
  /** True when some of its goods cross a customs border. */
  readonly crossesCustomsBorder: boolean;
  readonly customsValue: CustomsValueAssessment;
  readonly comparedValue: Money;
  /** Null when nothing crosses a border. */
  readonly assessment: ConsignmentDutyAssessment | null;
  /** Distinct tariff subheadings charged the flat low-value duty. */
  readonly flatDutySubheadings: number;
  /** Who collects its taxes. */
  readonly collection: Collection;
};

/**
 * The lines of `group` in the group's own order (the order shares are allocated in, ties going to the earlier
 * line), from the quote's lines in quote order.
 */
export function linesOf<L extends object>(group: ConsignmentGroup, lines: readonly L[]): L[] {
  // Every index was checked against the lines when the groups were built: nothing is dropped.
  return group.lineIndexes.flatMap((index) => lines[index] ?? []);
}
