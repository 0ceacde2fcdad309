import { DutyBasis, type ThresholdBasis } from '../duty.ts';
import { sum, type Money } from '../money.ts';
import type { AssessedConsignment, LineAssessment, QuoteRules } from './line-assessment.ts';
import type { LevyCharge } from './levy-step.ts';
import type { ConsignmentAssessment, QuotedLine } from './types.ts';

/** A fully assessed line as the quote shows it. */
export function quotedLineOf(line: LineAssessment): QuotedLine {
  return {
    productId: line.line.productId,
    quantity: line.line.quantity,
    unitPrice: line.line.unitPrice,
    lineTotal: line.lineTotal,
    net: line.taxSplit.net,
    // The VAT/GST charged at checkout: none where the carrier collects it at the door (or none is owed).
    tax: line.taxAtCheckout ? line.taxSplit.tax : { minor: 0n, currency: line.taxSplit.net.currency },
    gross: line.taxAtCheckout ? line.taxSplit.gross : line.taxSplit.net,
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
    taxAtCheckout: line.taxAtCheckout,
  };
}

/** A consignment as the quote shows it, from its assessment and its fully assessed lines (in its order). */
export function consignmentAssessmentOf(
  consignment: AssessedConsignment,
  lines: readonly LineAssessment[],
  thresholdBasis: ThresholdBasis,
  rules: QuoteRules,
  carrierFee: Money,
  levies: readonly LevyCharge[] = [],
): ConsignmentAssessment {
  const { group, assessment } = consignment;
  const duty = sum(
    lines.map((line) => line.duty),
    rules.currency,
  );
  const dueLevies = levies.filter((charge) => !charge.atCheckout);
  // Import VAT on a levy due on delivery is the border's too.
  const importTax = sum([...lines.map((line) => line.importTax), ...dueLevies.map((charge) => charge.vat)], rules.currency);
  const onDelivery = lines.some((line) => line.dueOnDelivery);
  const leviesDue = sum(
    dueLevies.map((charge) => charge.amount),
    rules.currency,
  );
  return {
    fromCountry: group.fromCountry,
    lineIndexes: group.lineIndexes,
    crossesCustomsBorder: consignment.crossesCustomsBorder,
    // Gross where prices include tax and the VAT/GST is collected at checkout, else net: as paid and shown.
    shipping:
      group.charges.length > 0
        ? sum(
            lines.flatMap((line) => line.shipping.map((part) => (rules.priceIncludesTax && line.taxAtCheckout ? part.gross : part.net))),
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
    duty,
    importTax,
    collection: consignment.collection,
    carrierFee,
    levies,
    dueOnDelivery: onDelivery ? sum([duty, importTax, leviesDue, carrierFee], rules.currency) : rules.zero,
  };
}

/** The cart-level basis of several consignments: ad valorem if any owes it, else the flat duty, else relief. */
export function strongestBasis(bases: readonly (DutyBasis | null)[]): DutyBasis | null {
  for (const basis of [DutyBasis.AD_VALOREM, DutyBasis.FLAT_LOW_VALUE, DutyBasis.RELIEF]) if (bases.includes(basis)) return basis;
  return null;
}
