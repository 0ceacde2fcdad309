import { Collector, decideCollection, type Collection } from '../collection.ts';
import { isImportTaxWaived } from '../duty.ts';
import { dutyIncludedIn } from '../market.ts';
import { add, sum, type Money } from '../money.ts';
import { taxOf } from '../tax.ts';
import {
  linesOf,
  type ConsignmentGroup,
  type CustomsRules,
  type DutiedLine,
  type LineAssessment,
  type PlacedLine,
} from './line-assessment.ts';
import type { ConsignmentInput } from './types.ts';

/**
 * Step 3: who collects each consignment's taxes (see `decideCollection`), from its goods that cross a border — their
 * net values and tariff codes — and the merchant's registrations at the pricing clock. By group index.
 */
export function collectionsOf(groups: readonly ConsignmentGroup[], lines: readonly PlacedLine[], input: ConsignmentInput): Collection[] {
  const { market } = input;
  return groups.map((group) => {
    const imported = linesOf(group, lines).filter((line) => line.dutiable);
    return decideCollection({
      destination: market.country,
      crossesCustomsBorder: imported.length > 0,
      goods: imported.map((line) => ({ hsCode: line.line.hsCode, quantity: line.line.quantity, net: line.taxSplit.net })),
      schemes: input.collection?.schemes ?? [],
      registrations: input.collection?.registrations ?? [],
      dutyPaidClearance: dutyIncludedIn(market),
      now: input.now,
    });
  });
}

/** Whether a consignment's shipping charge contains VAT/GST: not when the carrier collects it at the door. */
export function chargeIncludesTax(collection: Collection, priceIncludesTax: boolean): boolean {
  return priceIncludesTax && collection.collector !== Collector.CARRIER_ON_DELIVERY;
}

/**
 * Step 10: the import VAT/GST of one consignment as the border assesses it, and where it is paid.
 * - SELLER_AT_CHECKOUT: VAT/GST on goods and shipping at checkout, VAT on any duty passed on with it.
 * - SELLER_AS_IMPORTER: the same, in the checkout total — only where the destination's thresholds say import tax
 *   is owed (Japan ≤ ¥10,000: none) and its amount is not waived (Switzerland ≤ CHF 5).
 * - CARRIER_ON_DELIVERY: nothing at checkout; import VAT/GST on (customs value + duty) where owed and not waived,
 *   with duty and the carrier's fee (only when something is due), on delivery.
 * Lines of the consignment that cross no border are sold domestically: VAT/GST at checkout.
 */
export function settleCollection(
  lines: readonly DutiedLine[],
  collection: Collection,
  rules: CustomsRules,
): { lines: LineAssessment[]; carrierFee: Money } {
  const onDelivery = collection.collector === Collector.CARRIER_ON_DELIVERY;
  const imported = lines.filter((line) => line.dutiable);
  const owed = imported.some((line) => line.importTaxOwed);
  const importTaxOf = (line: DutiedLine): Money =>
    onDelivery ? (owed ? taxOf(add(line.customsValue, line.duty), line.taxRatePercent, rules.mode) : rules.zero) : line.importTax;
  const importVat = sum(
    imported.map((line) => (onDelivery ? importTaxOf(line) : add(add(line.taxSplit.tax, shippingTaxOf(line, rules)), line.importTax))),
    rules.currency,
  );
  // A seller-collection scheme (or a domestic sale) always charges; the border only where owed and not waived.
  const levied = collection.collector === Collector.SELLER_AT_CHECKOUT || (owed && !isImportTaxWaived(importVat, rules.deMinimis));
  const settled = lines.map((line): LineAssessment => {
    if (!line.dutiable) return { ...line, taxAtCheckout: true, dueOnDelivery: false };
    return {
      ...line,
      importTax: levied ? importTaxOf(line) : rules.zero,
      taxAtCheckout: levied && !onDelivery,
      dueOnDelivery: onDelivery,
    };
  });
  const due = sum(
    settled.filter((line) => line.dueOnDelivery).flatMap((line) => [line.duty, line.importTax]),
    rules.currency,
  );
  const fee = rules.deMinimis?.carrierFee ?? null;
  return { lines: settled, carrierFee: onDelivery && fee && due.minor > 0n ? fee.amount : rules.zero };
}

function shippingTaxOf(line: DutiedLine, rules: CustomsRules): Money {
  return sum(
    line.shipping.map((part) => part.tax),
    rules.currency,
  );
}
