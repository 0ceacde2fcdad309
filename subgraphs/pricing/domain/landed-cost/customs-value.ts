import { add, sum } from '../money.ts';
import { CustomsValuation } from '../market.ts';
import type { QuoteRules, ShippedLine, ValuedLine } from './line-assessment.ts';

/**
 * Step 6: the line's customs value per the destination's basis: CIF = its net + its freight (its shipping net of
 * VAT/GST, a share of its own parcel's charge only); FOB = its net (freight zero).
 */
export function valueForCustoms(line: ShippedLine, rules: QuoteRules): ValuedLine {
  const freight =
    rules.market.customsValuation === CustomsValuation.CIF
      ? sum(
          line.shipping.map((part) => part.net),
          rules.currency,
        )
      : rules.zero;
  return { ...line, freight, customsValue: add(line.taxSplit.net, freight) };
}
