import { add, sum, type Money } from './money.ts';
import type { Levy } from './levy.ts';
import { consignmentAssessmentOf, quotedLineOf, strongestBasis } from './landed-cost/results.ts';
import { assessConsignment } from './landed-cost/consignment-duty.ts';
import { consignmentGroupsOf, placeLine } from './landed-cost/consignments.ts';
import { valueForCustoms } from './landed-cost/customs-value.ts';
import { matchDutyRate } from './landed-cost/duty-match.ts';
import { collectionsOf, settleCollection } from './landed-cost/collection-step.ts';
import { explainDueOnDelivery, explainQuote, type ExplainedConsignment } from './landed-cost/ledger.ts';
import { linesOf, type AssessedConsignment, type CustomsRules, type LineAssessment } from './landed-cost/line-assessment.ts';
import { assessLineDuty } from './landed-cost/line-duty.ts';
import { assessLevies, type LevyCharge } from './landed-cost/levy-step.ts';
import { customsRulesOf, quoteRulesOf } from './landed-cost/rules.ts';
import { shipLine, shippingOf } from './landed-cost/shipping.ts';
import { taxLine } from './landed-cost/tax-line.ts';
import { breakdownOf, totalsOf } from './landed-cost/totals.ts';
import type { ConsignmentInput, ConsignmentQuote } from './landed-cost/types.ts';

export * from './landed-cost/types.ts';
export type { LevyCharge } from './landed-cost/levy-step.ts';

/**
 * The landed cost of a cart shipped to one market. Model, in order:
 * 1. Each line's VAT/GST is computed on the line total (not per unit) with one rounding step, from its price as
 *    shown (gross or net). Who collects it is decided per consignment (`decideCollection`): the seller at checkout
 *    under a scheme it is registered for (IOSS ≤ €150, UK ≤ £135, VOEC < NOK 3,000 per item, ARN ≤ A$1,000,
 *    OVR ≤ S$400) or for a domestic sale; the seller as importer (duty-paid clearance where the market's policy
 *    is DDP); else the carrier on delivery (DAP: no VAT/GST at checkout).
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
 *    among a consignment's covered lines owes the flat amount instead, split over its lines by customs value.
 * 5. Import VAT/GST as the border assesses it (see `settleCollection`): at checkout, the goods' and shipping's
 *    VAT/GST plus VAT on the duty — only where owed and not waived when we clear as importer (Japan ≤ ¥10,000
 *    none); on delivery, VAT/GST on (customs value + duty) where owed and not waived (Switzerland: ≤ CHF 5 not
 *    levied), with duty and the carrier's fee. Checkout + due on delivery charge each tax once.
 * 6. Levies and excise (see `assessLevies`): a per-consignment levy (Italy's €2, Romania's RON 25) on each
 *    consignment in its scope and ceiling, a per-kg excise (Germany's coffee tax) on each line it covers, by the
 *    line's net quantity; in the checkout total when the seller owes it or clears the goods, else due on delivery;
 *    VAT/GST on it where it is in the VAT base, at the goods' rate.
 * Lines and charges must be in the quote's currency (convert first); quantities are 1–999.
 */
export function quoteConsignment(input: ConsignmentInput): ConsignmentQuote {
  const rules = quoteRulesOf(input);
  const taxed = input.lines.map((line, index) => taxLine(line, index, rules, input.taxRates));
  // The items as shown on the product pages: what the free-shipping threshold is compared with.
  const itemsShown = sum(
    taxed.map((line) => line.lineTotal),
    rules.currency,
  );
  // The consignments the goods reach the border in: one per parcel, each with its own charge and lines.
  const groups = consignmentGroupsOf(input);
  const placed = taxed.map((line) => placeLine(line, groups));
  const collections = collectionsOf(groups, placed, input);
  const shipping = shippingOf(groups, placed, itemsShown, input.freeShippingThreshold ?? null, rules, collections);
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
  const assessed = groups.map((group, index) => assessConsignment(group, linesOf(group, matched), customs, nth(collections, index)));
  const settled = assessed.map(({ consignment, lines: own }) =>
    settleCollection(
      own.map((line) => assessLineDuty(line, customs)),
      consignment.collection,
      customs,
    ),
  );
  const lines = settled.flatMap((consignment) => consignment.lines).sort((a, b) => a.index - b.index);
  const consignments = assessed.map(({ consignment }, index) =>
    explainedConsignmentOf(consignment, lines, customs, nth(settled, index).carrierFee, input.levies ?? []),
  );
  const levies = consignments.flatMap(({ levies: own }) => own);
  const totals = totalsOf(
    lines,
    shipping,
    settled.map(({ carrierFee }) => carrierFee),
    rules,
    levies,
  );
  const crossing = consignments.map(({ shown }) => shown).filter((consignment) => consignment.crossesCustomsBorder);
  return {
    items: lines.map(quotedLineOf),
    itemsTotal: totals.itemsTotal,
    shipping: totals.shipping,
    shippingCharges: shipping.charges,
    freeShipping: shipping.freeShipping,
    tax: totals.tax,
    duty: totals.duty,
    importTax: totals.importTax,
    carrierFee: totals.carrierFee,
    levies: add(totals.leviesAtCheckout, totals.leviesDue),
    total: totals.total,
    dueOnDelivery: totals.dueOnDelivery,
    dueOnDeliverySteps: explainDueOnDelivery(consignments, totals, rules),
    breakdown: breakdownOf(totals, shipping, rules, levies),
    incoterm: rules.market.incoterm,
    dutyIncluded: totals.dutyIncluded,
    customsValue: quoteCustomsValue(crossing, customs),
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

/** The customs value of the consignments that cross a border, summed. */
function quoteCustomsValue(
  crossing: readonly ConsignmentQuote['consignments'][number][],
  customs: CustomsRules,
): ConsignmentQuote['customsValue'] {
  const rules = customs;
  return {
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
  };
}

/** The `index`-th of `items`, which has one per consignment group. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No entry ${index} of ${items.length}`);
  return item;
}

/** A consignment with its fully assessed lines, and as the quote shows it. */
function explainedConsignmentOf(
  assessed: AssessedConsignment,
  lines: readonly LineAssessment[],
  customs: CustomsRules,
  carrierFee: Money,
  levyRules: readonly Levy[],
): ExplainedConsignment & { levies: readonly LevyCharge[] } {
  const own = linesOf(assessed.group, lines);
  const levies = assessLevies(levyRules, { assessed, lines: own }, customs);
  return {
    assessed,
    lines: own,
    levies,
    shown: consignmentAssessmentOf(assessed, own, customs.thresholdBasis, customs, carrierFee, levies),
  };
}
