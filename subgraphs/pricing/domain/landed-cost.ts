import { sum } from './money.ts';
import { consignmentAssessmentOf, quotedLineOf, strongestBasis } from './landed-cost/results.ts';
import { assessConsignment } from './landed-cost/consignment-duty.ts';
import { consignmentGroupsOf, placeLine } from './landed-cost/consignments.ts';
import { valueForCustoms } from './landed-cost/customs-value.ts';
import { matchDutyRate } from './landed-cost/duty-match.ts';
import { explainQuote, type ExplainedConsignment } from './landed-cost/ledger.ts';
import { linesOf, type AssessedConsignment, type CustomsRules, type LineAssessment } from './landed-cost/line-assessment.ts';
import { assessLineDuty } from './landed-cost/line-duty.ts';
import { customsRulesOf, quoteRulesOf } from './landed-cost/rules.ts';
import { shipLine, shippingOf } from './landed-cost/shipping.ts';
import { taxLine } from './landed-cost/tax-line.ts';
import { breakdownOf, totalsOf } from './landed-cost/totals.ts';
import type { ConsignmentInput, ConsignmentQuote } from './landed-cost/types.ts';

export * from './landed-cost/types.ts';

/**
 * The landed cost of a cart shipped to one market. Model, in order:
 * 1. Each line's VAT/GST is computed on the line total (not per unit) with one rounding step;
 *    the seller charges it at checkout (IOSS / UK point-of-sale / registered-seller model).
 * 2. Shipping is free when the items total (as shown) reaches the market's threshold. Its VAT/GST follows the
 *    goods (EU/UK: shipping is ancillary to the supply it delivers): each parcel's charge is split over the lines
 *    that parcel carries in proportion to their totals (largest remainder), each part taxed at its line's rate.
 * 3. Each parcel is a consignment of its own at the border. Its goods cross a customs border when its warehouse
 *    is outside the destination's customs territory (goods in an EU warehouse are in free circulation: their duty
 *    was paid when the stock was imported); the goods' origin only selects the rate. Customs value per
 *    `market.customsValuation`: CIF = net + the parcel's own freight share + insurance (we buy none: zero); FOB =
 *    net only. Each consignment's whole value is compared with de minimis — its intrinsic value (goods only)
 *    where the destination says so (EU, UK), else its customs value — so a parcel can owe duty where each item
 *    alone would not, and two parcels are never added together.
 * 4. Duty per line = (net + CIF freight share) × the most specific HS rate (a trade agreement's preferential rate
 *    when the origin qualifies, the merchant holds the proof and the parcel leaves from the origin's side), rounded; under a flat low-value
 *    regime in force at `now` (EU €3 from 2026-07-01, consignments up to €150), each distinct HS-6 subheading
 *    among a consignment's covered lines owes the flat amount instead, split over its lines by customs value. Import tax =
 *    VAT on the duty, since the goods' and shipping's VAT is already charged at checkout.
 * 5. DDP: duty and import tax are in the total. DAP: they are an estimate due on delivery.
 * Lines and charges must be in the quote's currency (convert first); quantities are 1–999.
 */
export function quoteConsignment(input: ConsignmentInput): ConsignmentQuote {
  const rules = quoteRulesOf(input);
  const taxed = input.lines.map((line, index) => taxLine(line, index, rules, input.taxRates));
  const itemsTotal = sum(
    taxed.map((line) => line.lineTotal),
    rules.currency,
  );
  // The consignments the goods reach the border in: one per parcel, each with its own charge and lines.
  const groups = consignmentGroupsOf(input);
  const placed = taxed.map((line) => placeLine(line, groups));
  const shipping = shippingOf(groups, placed, itemsTotal, input.freeShippingThreshold ?? null, rules);
  const valued = placed.map((line) => valueForCustoms(shipLine(line, shipping), rules));
  const customs = customsRulesOf(input, rules);
  const matched = valued.map((line) =>
    matchDutyRate(line, rules.market.country, input.dutyRates, {
      fromCountry: groups[line.consignment]?.fromCountry ?? null,
      data: input.preferences,
      now: input.now,
    }),
  );
  // Each consignment is assessed on its own: its value against the thresholds, its own flat-duty subheadings.
  const assessed = groups.map((group) => assessConsignment(group, linesOf(group, matched), customs));
  const lines = assessed
    .flatMap((consignment) => consignment.lines)
    .sort((a, b) => a.index - b.index)
    .map((line) => assessLineDuty(line, customs));
  const consignments = assessed.map(({ consignment }) => explainedConsignmentOf(consignment, lines, customs));
  const totals = totalsOf(lines, itemsTotal, shipping, rules);
  const crossing = consignments.map(({ shown }) => shown).filter((consignment) => consignment.crossesCustomsBorder);
  return {
    items: lines.map(quotedLineOf),
    itemsTotal,
    shipping: totals.shipping,
    shippingCharges: shipping.charges,
    freeShipping: shipping.freeShipping,
    tax: totals.tax,
    duty: totals.duty,
    importTax: totals.importTax,
    total: totals.total,
    dueOnDelivery: totals.dutyIncluded ? rules.zero : totals.importCharges,
    breakdown: breakdownOf(totals, shipping, rules),
    incoterm: rules.market.incoterm,
    dutyIncluded: totals.dutyIncluded,
    customsValue: {
      basis: rules.market.customsValuation,
      goods: sum(
        crossing.map((consignment) => consignment.customsValue.goods),
        rules.currency,
      ),
      freight: sum(
        crossing.map((consignment) => consignment.customsValue.freight),
        rules.currency,
      ),
      insurance: customs.insurance,
      value: sum(
        crossing.map((consignment) => consignment.customsValue.value),
        rules.currency,
      ),
    },
    deMinimis: {
      consignmentValue: sum(
        crossing.map((consignment) => consignment.comparedValue),
        rules.currency,
      ),
      thresholdBasis: customs.thresholdBasis,
      dutyOwed: consignments.some(({ shown }) => shown.dutyOwed),
      importTaxOwed: consignments.some(({ shown }) => shown.importTaxOwed),
      dutyBasis: strongestBasis(crossing.map((consignment) => consignment.dutyBasis)),
      flatDutySubheadings: consignments.reduce((count, { shown }) => count + shown.flatDutySubheadings, 0),
    },
    consignments: consignments.map(({ shown }) => shown),
    steps: explainQuote(lines, shipping, consignments, totals, rules),
  };
}

/** A consignment with its fully assessed lines, and as the quote shows it. */
function explainedConsignmentOf(
  assessed: AssessedConsignment,
  lines: readonly LineAssessment[],
  customs: CustomsRules,
): ExplainedConsignment {
  const own = linesOf(assessed.group, lines);
  return { assessed, lines: own, shown: consignmentAssessmentOf(assessed, own, customs.thresholdBasis, customs) };
}
