import type { Collection } from '../collection.ts';
import {
  exciseLabel,
  exciseOf,
  levyAtCheckout,
  LevyBasis,
  LevyCeilingBasis,
  levyMoney,
  levyRateFor,
  LevyScope,
  withinLevyCeiling,
  type Levy,
} from '../levy.ts';
import { sum, toDecimalString, zeroOf, type Money } from '../money.ts';
import { taxOf } from '../tax.ts';
import type { AssessedConsignment, LineAssessment, QuoteRules } from './line-assessment.ts';
import type { LevyCharge } from './levy-charge.ts';
import { shareOut } from './share-out.ts';

export type { LevyCharge } from './levy-charge.ts';

/**
 * Step 10b: the levies and excise of one consignment, from the destination's levies in force (in the quote's
 * currency). Per consignment: a levy applies when the consignment is in scope (an import, or any delivery) and
 * its value is within the ceiling; per kg: each line whose tariff code a rate covers, on its net quantity. Where
 * the shopper pays is the levy's liability and the consignment's collection (`levyAtCheckout`).
 */
export function assessLevies(
  levies: readonly Levy[],
  consignment: { readonly assessed: AssessedConsignment; readonly lines: readonly LineAssessment[] },
  rules: QuoteRules,
): LevyCharge[] {
  const { assessed, lines } = consignment;
  const charges: LevyCharge[] = [];
  for (const levy of levies) {
    const inScope = (line: LineAssessment) => levy.scope === LevyScope.ALL_DELIVERIES || line.dutiable;
    if (levy.basis === LevyBasis.PER_CONSIGNMENT) {
      const covered = lines.filter(inScope);
      if (covered.length === 0 || !levy.amount || !withinLevyCeiling(levy, ceilingValueOf(levy, assessed, covered, rules))) continue;
      charges.push(consignmentLevy(levy, levy.amount, covered, assessed.collection, rules));
      continue;
    }
    for (const line of lines.filter(inScope)) {
      const rate = levyRateFor(levy, line.line.hsCode);
      if (!rate) continue;
      const quantity = line.line.netQuantity;
      if (!quantity) throw new Error(`${line.line.productId} owes ${levy.code} per quantity but has no net quantity`);
      const amount = levyMoney(exciseOf(levy, rate, quantity, line.line.quantity), rules.currency, rules.mode);
      const atCheckout = levyAtCheckout(levy, line.dutiable, assessed.collection);
      charges.push({
        ...provenanceOf(levy),
        lineIndex: line.index,
        amount,
        vat: levy.inVatBase && vatCharged(line, atCheckout) ? taxOf(amount, line.taxRatePercent, rules.mode) : rules.zero,
        atCheckout,
        label: `${exciseLabel(levy, rate, quantity, line.line.quantity)} (${line.line.productId})`,
      });
    }
  }
  return charges;
}

/** A per-consignment levy; in the VAT base, it is shared over the lines by net value and taxed at each one's rate, like shipping. */
function consignmentLevy(
  levy: Levy,
  amount: Money,
  lines: readonly LineAssessment[],
  collection: Collection,
  rules: QuoteRules,
): LevyCharge {
  const atCheckout = levyAtCheckout(
    levy,
    lines.some((line) => line.dutiable),
    collection,
  );
  const vat = levy.inVatBase
    ? sum(
        shareOut(amount, lines, (line) => line.taxSplit.net.minor).map(({ item, share }) =>
          vatCharged(item, atCheckout) ? taxOf(share, item.taxRatePercent, rules.mode) : rules.zero,
        ),
        rules.currency,
      )
    : rules.zero;
  return {
    ...provenanceOf(levy),
    lineIndex: null,
    amount,
    vat,
    atCheckout,
    label: `${levy.name}: ${toDecimalString(amount)} ${amount.currency} per consignment`,
  };
}

/** VAT on a levy goes with the goods' own VAT: at checkout where it is charged there, on delivery where import VAT is levied. */
function vatCharged(line: LineAssessment, atCheckout: boolean): boolean {
  return atCheckout ? line.taxAtCheckout : line.importTax.minor > 0n;
}

function ceilingValueOf(levy: Levy, assessed: AssessedConsignment, lines: readonly LineAssessment[], rules: QuoteRules): Money {
  if (levy.ceilingBasis === LevyCeilingBasis.CUSTOMS_VALUE && assessed.crossesCustomsBorder) return assessed.customsValue.value;
  return sum(
    lines.map((line) => line.taxSplit.net),
    rules.currency,
  );
}

function provenanceOf(levy: Levy) {
  return {
    code: levy.code,
    name: levy.name,
    kind: levy.kind,
    basis: levy.basis,
    inVatBase: levy.inVatBase,
    source: levy.source,
    verified: levy.verified,
    note: levy.note,
  };
}

/** The levies' totals: at checkout and due on delivery, each with the VAT/GST on them. */
export type LevyTotals = {
  readonly atCheckout: Money;
  readonly vatAtCheckout: Money;
  readonly due: Money;
  readonly vatDue: Money;
};

export function levyTotalsOf(charges: readonly LevyCharge[], currency: string): LevyTotals {
  const of = (atCheckout: boolean, pick: (charge: LevyCharge) => Money) =>
    sum(charges.filter((charge) => charge.atCheckout === atCheckout).map(pick), currency);
  return {
    atCheckout: of(true, (charge) => charge.amount),
    vatAtCheckout: of(true, (charge) => charge.vat),
    due: of(false, (charge) => charge.amount),
    vatDue: of(false, (charge) => charge.vat),
  };
}

export function noLevies(currency: string): LevyTotals {
  const zero = zeroOf(currency);
  return { atCheckout: zero, vatAtCheckout: zero, due: zero, vatDue: zero };
}
