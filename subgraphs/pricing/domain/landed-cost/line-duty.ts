import { DutyBasis, dutyOn, dutyReliefInForce, isExcludedFromDutyRelief } from '../duty.ts';
import type { Money } from '../money.ts';
import { taxOf } from '../tax.ts';
import type { BasedLine, CustomsRules, DutiedLine } from './line-assessment.ts';

/**
 * Step 9: the line's duty — its share of the flat low-value duty, or its customs value × its HS rate, rounded —
 * and the import VAT/GST on that duty where its consignment owes import tax (the goods' own VAT is charged at
 * checkout already).
 */
export function assessLineDuty(line: BasedLine, rules: CustomsRules): DutiedLine {
  // Goods the relief excludes (sake into the EU until 2026-06-30) owe duty even when the consignment is under the
  // threshold; once a regime has replaced the relief, there is no relief to be excluded from.
  const dutyReliefExcluded =
    line.dutiable && dutyReliefInForce(rules.deMinimis, rules.now) && isExcludedFromDutyRelief(line.line.hsCode, rules.deMinimis);
  const duty = dutyOf(line, rules);
  const importTax = line.importTaxOwed ? taxOf(duty, line.taxRatePercent, rules.mode) : rules.zero;
  return { ...line, dutyReliefExcluded, duty, importTax };
}

function dutyOf(line: BasedLine, rules: CustomsRules): Money {
  switch (line.dutyBasis) {
    case DutyBasis.FLAT_LOW_VALUE:
      return line.flatDuty ?? rules.zero;
    case DutyBasis.AD_VALOREM:
      return dutyOn(line.customsValue, line.dutyMatch.ratePercent, rules.mode);
    default:
      return rules.zero;
  }
}
