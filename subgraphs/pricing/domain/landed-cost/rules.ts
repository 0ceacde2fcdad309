import { badUserInput } from '../../../common/contract/errors.ts';
import { comparesIntrinsicValue, findDeMinimis, ThresholdBasis } from '../duty.ts';
import { zeroOf } from '../money.ts';
import { DEFAULT_ROUNDING } from '../rounding.ts';
import { TaxDisplay } from '../tax.ts';
import type { CustomsRules, QuoteRules } from './line-assessment.ts';
import type { ConsignmentInput } from './types.ts';

/** The rules every step reads; a quote without lines is BAD_USER_INPUT. */
export function quoteRulesOf(input: ConsignmentInput): QuoteRules {
  const { market } = input;
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const currency = market.currency;
  if (input.lines.length === 0) throw badUserInput('A quote needs at least one line', {});
  const priceIncludesTax = market.taxDisplay === TaxDisplay.INCLUSIVE;
  return { market, currency, mode, priceIncludesTax, zero: zeroOf(currency) };
}

/** The destination's low-value rules: its de minimis record and what its thresholds are compared with. */
export function customsRulesOf(input: ConsignmentInput, rules: QuoteRules): CustomsRules {
  const deMinimis = findDeMinimis(rules.market.country, input.deMinimis);
  const thresholdBasis = comparesIntrinsicValue(deMinimis) ? ThresholdBasis.INTRINSIC_VALUE : ThresholdBasis.CUSTOMS_VALUE;
  return { ...rules, deMinimis, thresholdBasis, now: input.now, insurance: rules.zero };
}
