import { compare, sum, type Money } from '../money.ts';
import { applyTax, type TaxedPrice } from '../tax.ts';
import type { Collection } from '../collection.ts';
import { assertMarketCurrency } from './assertions.ts';
import { chargeIncludesTax } from './collection-step.ts';
import { linesOf, type ConsignmentGroup, type PlacedLine, type QuoteRules, type ShippedLine } from './line-assessment.ts';
import { shareOut } from './share-out.ts';

/** One shipping charge split over the lines its consignment carries, each part taxed at its line's rate. */
export type ChargeSplit = {
  /** The warehouse country of its consignment (null without parcels). */
  readonly fromCountry: string | null;
  /** The charge net of VAT/GST: the sum of its parts' nets. */
  readonly net: Money;
  readonly parts: readonly { readonly lineIndex: number; readonly part: TaxedPrice }[];
};

/** The shipping of a quote. */
export type QuoteShipping = {
  /** Each shipment's charge as given, in consignment order. */
  readonly charges: readonly Money[];
  /** Their sum. */
  readonly charged: Money;
  readonly threshold: Money | null;
  /** True when the items total reached the free-shipping threshold and the charges were waived. */
  readonly freeShipping: boolean;
  /** Each charge split over its consignment's lines, in the order of `charges` (waived ones included). */
  readonly splits: readonly ChargeSplit[];
};

/**
 * Step 4: shipping is free when the items total (as shown) reaches the threshold. Its VAT/GST follows the goods
 * (EU/UK: shipping is ancillary to the supply it delivers): each consignment's charge is split over the lines it
 * carries in proportion to their totals (largest remainder), each part taxed at its line's rate.
 */
export function shippingOf(
  groups: readonly ConsignmentGroup[],
  lines: readonly PlacedLine[],
  itemsTotal: Money,
  threshold: Money | null,
  rules: QuoteRules,
  collections: readonly Collection[] = [],
): QuoteShipping {
  const charges = groups.flatMap((group) => group.charges);
  charges.forEach((charge) => assertMarketCurrency(charge, rules.currency, 'shipping charge'));
  if (threshold) assertMarketCurrency(threshold, rules.currency, 'free-shipping threshold');
  const charged = sum(charges, rules.currency);
  const freeShipping = threshold !== null && charged.minor > 0n && compare(itemsTotal, threshold) >= 0;
  const splits = groups.flatMap((group, index) => {
    const collection = collections[index];
    const includesTax = collection ? chargeIncludesTax(collection, rules.priceIncludesTax) : rules.priceIncludesTax;
    return group.charges.map((charge) => splitCharge(charge, group.fromCountry, linesOf(group, lines), rules, includesTax));
  });
  return { charges, charged, threshold, freeShipping, splits };
}

/**
 * A charge split over `lines` (its consignment's, in its order) by their totals, each part taxed as its line is.
 * `priceIncludesTax`: whether the charge contains VAT/GST (not where the carrier collects it on delivery).
 */
export function splitCharge(
  charge: Money,
  fromCountry: string | null,
  lines: readonly PlacedLine[],
  rules: QuoteRules,
  priceIncludesTax = rules.priceIncludesTax,
): ChargeSplit {
  const parts = shareOut(charge, lines, (line) => line.lineTotal.minor).map(({ item, share }) => ({
    lineIndex: item.index,
    part: applyTax({
      price: share,
      rate: item.taxRatePercent,
      priceIncludesTax,
      display: rules.market.taxDisplay,
      rounding: rules.mode,
    }),
  }));
  return {
    fromCountry,
    net: sum(
      parts.map(({ part }) => part.net),
      rules.currency,
    ),
    parts,
  };
}

/** Step 5: the line's parts of the charges it pays, in charge order; none when shipping is free. */
export function shipLine(line: PlacedLine, shipping: QuoteShipping): ShippedLine {
  const parts = shipping.freeShipping
    ? []
    : shipping.splits.flatMap((split) => split.parts.filter(({ lineIndex }) => lineIndex === line.index).map(({ part }) => part));
  return { ...line, shipping: parts };
}
