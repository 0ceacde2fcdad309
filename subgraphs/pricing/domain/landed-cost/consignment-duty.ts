import {
  assessConsignmentDuty,
  DutyBasis,
  dutyBasisOfGood,
  flatDutyItemOf,
  isExcludedFromTaxRelief,
  ThresholdBasis,
  type LowValueRegime,
} from '../duty.ts';
import { Collector, type Collection } from '../collection.ts';
import { add, sum, type Money } from '../money.ts';
import type { AssessedConsignment, BasedLine, ConsignmentGroup, CustomsRules, MatchedLine } from './line-assessment.ts';
import { shareOut } from './share-out.ts';

/** A consignment whose collection was not decided (a caller assessing duty alone): the seller collects at checkout. */
const UNDECIDED: Collection = { collector: Collector.SELLER_AT_CHECKOUT, scheme: null, registrationNumber: null, source: 'not decided' };

/**
 * Step 8: one consignment at the border, on its own. Its customs value is that of its goods that cross a border;
 * its value on the destination's threshold basis (intrinsic or customs) is compared with de minimis; each of its
 * dutiable lines gets the basis of its goods; under a flat low-value regime each item (distinct tariff subheading
 * and origin) owes the flat amount, split over its lines by customs value. The thresholds may depend on where the
 * parcel leaves from and what it carries (Canada's CUSMA tier, Korea's US tier). `lines` are the consignment's.
 */
export function assessConsignment(
  group: ConsignmentGroup,
  lines: readonly MatchedLine[],
  rules: CustomsRules,
  collection: Collection = UNDECIDED,
): { consignment: AssessedConsignment; lines: BasedLine[] } {
  const imported = lines.filter((line) => line.dutiable);
  const goods = sum(
    imported.map((line) => line.taxSplit.net),
    rules.currency,
  );
  const freight = sum(
    imported.map((line) => line.freight),
    rules.currency,
  );
  const value = add(add(goods, freight), rules.insurance);
  const comparedValue = rules.thresholdBasis === ThresholdBasis.INTRINSIC_VALUE ? goods : value;
  // Nothing crosses a border: nothing is owed, whatever the thresholds. Goods under a scheme that exempts them
  // from duty (Norway's VOEC), or in free circulation declared into a territory outside the VAT area (no tariff,
  // and its import tax has no low-value relief in our data), owe none at any value.
  const assessment =
    imported.length === 0
      ? null
      : collection.scheme?.exemptsDuty || imported.every((line) => !line.owesDuty)
        ? { basis: DutyBasis.RELIEF, regime: null, importTaxOwed: true }
        : assessConsignmentDuty(comparedValue, rules.deMinimis, rules.now, {
            fromCountry: group.fromCountry,
            hsCodes: imported.map((line) => line.line.hsCode),
          });
  const based = lines.map((line) => ({
    line,
    basis: assessment !== null && line.dutiable ? dutyBasisOfGood(line.line.hsCode, assessment, rules.deMinimis) : null,
  }));
  const flat = flatDutiesOf(based, assessment?.regime ?? null);
  // Goods the tax threshold never covers (Japan's designated articles) make the whole consignment owe import tax.
  const importTaxOwed =
    (assessment?.importTaxOwed ?? false) || imported.some((line) => isExcludedFromTaxRelief(line.line.hsCode, rules.deMinimis));
  return {
    consignment: {
      group,
      crossesCustomsBorder: imported.length > 0,
      customsValue: { basis: rules.market.customsValuation, goods, freight, insurance: rules.insurance, value },
      comparedValue,
      assessment,
      flatDutySubheadings: flat.items,
      collection,
    },
    lines: based.map(({ line, basis }) => ({
      ...line,
      dutyBasis: basis,
      flatDuty: flat.duties.get(line) ?? null,
      importTaxOwed,
    })),
  };
}

/**
 * The flat duty is per item of the consignment — a distinct (tariff subheading, origin) pair, however many lines or
 * units share it (see `flatDutyItemOf`); each item's amount is split over its lines by customs value (largest
 * remainder), adding up exactly.
 */
export function flatDutiesOf(
  lines: readonly { readonly line: MatchedLine; readonly basis: DutyBasis | null }[],
  regime: LowValueRegime | null,
): { items: number; duties: Map<MatchedLine, Money> } {
  const byItem = new Map<string, MatchedLine[]>();
  for (const { line, basis } of lines) {
    if (basis !== DutyBasis.FLAT_LOW_VALUE) continue;
    const item = flatDutyItemOf(line.line.hsCode, line.line.origin?.originCountry);
    byItem.set(item, [...(byItem.get(item) ?? []), line]);
  }
  const duties = new Map<MatchedLine, Money>();
  // A FLAT_LOW_VALUE basis comes from a consignment assessed under a regime: the regime is there when any line has it.
  if (regime) {
    for (const sharing of byItem.values()) {
      for (const { item, share } of shareOut(regime.amountPerSubheading, sharing, (line) => line.customsValue.minor))
        duties.set(item, share);
    }
  }
  return { items: byItem.size, duties };
}
