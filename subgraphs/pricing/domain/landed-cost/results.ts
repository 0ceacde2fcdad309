import { DutyBasis, type ThresholdBasis } from '../duty.ts';
import { sum } from '../money.ts';
import type { AssessedConsignment, LineAssessment, QuoteRules } from './line-assessment.ts';
import type { ConsignmentAssessment, QuotedLine } from './types.ts';

/** A fully assessed line as the quote shows it. */
export function quotedLineOf(line: LineAssessment): QuotedLine {
  return {
    productId: line.line.productId,
    quantity: line.line.quantity,
    unitPrice: line.line.unitPrice,
    lineTotal: line.lineTotal,
    net: line.taxSplit.net,
    tax: line.taxSplit.tax,
    gross: line.taxSplit.gross,
    taxRatePercent: line.taxRatePercent,
    dutyRatePercent: line.dutyMatch.ratePercent,
    dutyHsPrefix: line.dutyMatch.hsPrefix,
    dutyRateFound: line.dutyMatch.matched,
    dutiable: line.dutiable,
    dutyReliefExcluded: line.dutyReliefExcluded,
    dutyBasis: line.dutyBasis,
    freight: line.freight,
    customsValue: line.customsValue,
    duty: line.duty,
    importTax: line.importTax,
    // A preference is claimed only for an ad valorem duty: the flat low-value duty and the relief need no claim.
    dutyPreference: line.dutyBasis === DutyBasis.AD_VALOREM ? line.dutyMatch.preference : null,
  };
}

/** A consignment as the quote shows it, from its assessment and its fully assessed lines (in its order). */
export function consignmentAssessmentOf(
  consignment: AssessedConsignment,
  lines: readonly LineAssessment[],
  thresholdBasis: ThresholdBasis,
  rules: QuoteRules,
): ConsignmentAssessment {
  const { group, assessment } = consignment;
  return {
    fromCountry: group.fromCountry,
    lineIndexes: group.lineIndexes,
    crossesCustomsBorder: consignment.crossesCustomsBorder,
    // `shown` is the gross part where prices include tax, else the net: the shipping as the market shows it.
    shipping:
      group.charges.length > 0
        ? sum(
            lines.flatMap((line) => line.shipping.map((part) => part.shown)),
            rules.currency,
          )
        : null,
    customsValue: consignment.customsValue,
    thresholdBasis,
    comparedValue: consignment.comparedValue,
    dutyBasis: assessment?.basis ?? null,
    dutyOwed: assessment !== null && assessment.basis !== DutyBasis.RELIEF,
    importTaxOwed: assessment?.importTaxOwed ?? false,
    flatDutySubheadings: consignment.flatDutySubheadings,
    duty: sum(
      lines.map((line) => line.duty),
      rules.currency,
    ),
    importTax: sum(
      lines.map((line) => line.importTax),
      rules.currency,
    ),
  };
}

/** The cart-level basis of several consignments: ad valorem if any owes it, else the flat duty, else relief. */
export function strongestBasis(bases: readonly (DutyBasis | null)[]): DutyBasis | null {
  for (const basis of [DutyBasis.AD_VALOREM, DutyBasis.FLAT_LOW_VALUE, DutyBasis.RELIEF]) if (bases.includes(basis)) return basis;
  return null;
}
