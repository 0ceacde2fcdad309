import { DutyBasis, flatDutyLabel } from '../duty.ts';
import { PriceLedger, PriceStepKind, type PriceStep } from '../explanation.ts';
import { Collector } from '../collection.ts';
import { add, subtract, sum, toDecimalString, type Money } from '../money.ts';
import { preferenceLabel } from '../preferential-origin.ts';
import { moneyToExact } from '../rounding.ts';
import type { AssessedConsignment, LineAssessment, QuoteRules } from './line-assessment.ts';
import type { LevyCharge } from './levy-step.ts';
import type { QuoteShipping } from './shipping.ts';
import { negate, type QuoteTotals } from './totals.ts';
import type { ConsignmentAssessment } from './types.ts';

/** A consignment as its duty steps read it: its assessment, its lines (in its order) and how the quote shows it. */
export type ExplainedConsignment = {
  readonly assessed: AssessedConsignment;
  readonly lines: readonly LineAssessment[];
  readonly shown: ConsignmentAssessment;
};

/** Step kind of a levy charge: excise or a per-parcel levy. */
const levyStepKind = (charge: LevyCharge): PriceStepKind => (charge.kind === 'EXCISE' ? PriceStepKind.EXCISE : PriceStepKind.LEVY);

/**
 * Step 12, the explanation: nets, shipping nets, VAT/GST collected at checkout, then the import charges cleared at
 * checkout — adding up to the total exactly (anything else is a bug, thrown).
 */
export function explainQuote(
  lines: readonly LineAssessment[],
  shipping: QuoteShipping,
  consignments: readonly ExplainedConsignment[],
  totals: QuoteTotals,
  rules: QuoteRules,
): readonly PriceStep[] {
  const [first, ...rest] = lines;
  if (first === undefined) throw new Error('A quote has at least one line');
  const ledger = new PriceLedger(PriceStepKind.ITEM, itemLabel(first), first.taxSplit.net);
  for (const line of rest) ledger.add(PriceStepKind.ITEM, itemLabel(line), line.taxSplit.net);
  addShippingSteps(ledger, shipping, rules);
  const levies = consignments.flatMap(({ shown }) => shown.levies).filter((charge) => charge.atCheckout);
  for (const charge of levies)
    ledger.add(levyStepKind(charge), `${charge.label}${charge.inVatBase ? '' : ', outside the VAT base'}`, charge.amount);
  const taxedLevies = levies.some((charge) => charge.vat.minor > 0n) ? ', levies and excise in its base' : '';
  ledger.add(
    PriceStepKind.TAX,
    `VAT/GST on items${shipping.charges.length > 0 && !shipping.freeShipping ? " and shipping (at the goods' rates)" : ''}${taxedLevies}${totals.dutyIncluded ? '' : ', where collected at checkout'}`,
    totals.tax,
  );
  const atCheckout = consignments.filter(({ shown }) => shown.collection.collector !== Collector.CARRIER_ON_DELIVERY);
  // A preference claimed at 0 % still gets its step: the explanation says why no duty is owed.
  if (totals.dutyAtCheckout.minor > 0n || atCheckout.some(({ lines: own }) => own.some(claimsPreference)))
    addDutySteps(ledger, atCheckout, rules);
  if (totals.importTaxAtCheckout.minor > 0n) {
    const taxedDuty = sum(
      atCheckout.filter(({ shown }) => shown.importTax.minor > 0n).map(({ shown }) => shown.duty),
      rules.currency,
    );
    ledger.add(PriceStepKind.IMPORT_TAX, 'Import VAT/GST on the duty', totals.importTaxAtCheckout, { basis: moneyToExact(taxedDuty) });
  }
  if (!ledger.total.eq(moneyToExact(totals.total))) {
    throw new Error(`Quote explanation ${ledger.total.toString()} differs from the total ${toDecimalString(totals.total)}`);
  }
  return ledger.steps;
}

/**
 * The estimate of what the carrier collects on delivery, per consignment it clears: duty, import VAT/GST on the
 * customs value plus duty, and its fee. Adds up to `dueOnDelivery` exactly; empty when nothing is due.
 */
export function explainDueOnDelivery(consignments: readonly ExplainedConsignment[], totals: QuoteTotals, rules: QuoteRules): PriceStep[] {
  if (totals.dueOnDelivery.minor === 0n) return [];
  const due = consignments.filter(({ shown }) => shown.dueOnDelivery.minor > 0n);
  const steps: { kind: PriceStepKind; label: string; amount: Money; basis?: Money }[] = [];
  due.forEach(({ shown }, index) => {
    const prefix =
      due.length > 1 ? `Shipment ${index + 1} of ${due.length}${shown.fromCountry ? ` (from ${shown.fromCountry})` : ''}: ` : '';
    if (shown.duty.minor > 0n) steps.push({ kind: PriceStepKind.DUTY, label: `${prefix}Import duty, due on delivery`, amount: shown.duty });
    // The import VAT on levies due on delivery is its own step, after the levy.
    const onGoods = subtract(
      shown.importTax,
      sum(
        shown.levies.filter((levy) => !levy.atCheckout).map((levy) => levy.vat),
        rules.currency,
      ),
    );
    if (onGoods.minor > 0n) {
      const basis = add(shown.customsValue.value, shown.duty);
      steps.push({
        kind: PriceStepKind.IMPORT_TAX,
        label: `${prefix}Import VAT/GST on the customs value ${toDecimalString(shown.customsValue.value)} plus duty, due on delivery`,
        amount: onGoods,
        basis,
      });
    }
    for (const charge of shown.levies.filter((levy) => !levy.atCheckout)) {
      steps.push({ kind: levyStepKind(charge), label: `${prefix}${charge.label}, due on delivery`, amount: charge.amount });
      if (charge.vat.minor > 0n)
        steps.push({
          kind: PriceStepKind.IMPORT_TAX,
          label: `${prefix}Import VAT/GST on ${charge.name}, due on delivery`,
          amount: charge.vat,
          basis: charge.amount,
        });
    }
    if (shown.carrierFee.minor > 0n)
      steps.push({
        kind: PriceStepKind.CARRIER_FEE,
        label: `${prefix}Carrier's fee for advancing duty and import tax`,
        amount: shown.carrierFee,
      });
  });
  const [first, ...rest] = steps;
  if (!first) return [];
  const ledger = new PriceLedger(first.kind, first.label, first.amount);
  for (const step of rest) ledger.add(step.kind, step.label, step.amount, step.basis ? { basis: moneyToExact(step.basis) } : undefined);
  if (!ledger.total.eq(moneyToExact(totals.dueOnDelivery))) {
    throw new Error(`Due-on-delivery explanation ${ledger.total.toString()} differs from ${toDecimalString(totals.dueOnDelivery)}`);
  }
  return [...ledger.steps];
}

/** One step per shipment's charge, net of VAT/GST, then the waiver when shipping is free. */
function addShippingSteps(ledger: PriceLedger, shipping: QuoteShipping, rules: QuoteRules): void {
  const { splits } = shipping;
  splits.forEach(({ net, fromCountry }, index) =>
    ledger.add(
      PriceStepKind.SHIPPING,
      `Shipment ${index + 1} of ${splits.length}${fromCountry ? ` (from ${fromCountry})` : ''}, net of VAT/GST`,
      net,
    ),
  );
  if (shipping.freeShipping && shipping.threshold) {
    ledger.add(
      PriceStepKind.SHIPPING_DISCOUNT,
      `Free shipping from ${toDecimalString(shipping.threshold)} ${rules.currency} of items`,
      negate(
        sum(
          splits.map(({ net }) => net),
          rules.currency,
        ),
      ),
    );
  }
}

/** One set of duty steps per consignment that owes duty, named by its parcel when the cart ships in several. */
function addDutySteps(ledger: PriceLedger, consignments: readonly ExplainedConsignment[], rules: QuoteRules): void {
  const parcelled = consignments.filter(({ assessed }) => assessed.group.fromCountry !== null).length;
  consignments.forEach(({ assessed, lines }, index) => {
    const { fromCountry } = assessed.group;
    const prefix = parcelled > 1 && fromCountry !== null ? `Shipment ${index + 1} of ${parcelled} (from ${fromCountry}): ` : '';
    const flatTotal = sum(
      lines.filter((line) => line.dutyBasis === DutyBasis.FLAT_LOW_VALUE).map((line) => line.duty),
      rules.currency,
    );
    const adValoremLines = lines.filter((line) => line.dutyBasis === DutyBasis.AD_VALOREM);
    const adValorem = sum(
      adValoremLines.map((line) => line.duty),
      rules.currency,
    );
    // A flat duty comes from a consignment assessed under a regime.
    const regime = assessed.assessment?.regime ?? null;
    if (flatTotal.minor > 0n && regime)
      ledger.add(PriceStepKind.DUTY, `${prefix}${flatDutyLabel(regime, assessed.flatDutySubheadings)}`, flatTotal);
    const claimed = adValoremLines.filter(claimsPreference);
    if (adValorem.minor > 0n || claimed.length > 0) {
      // The customs value of the goods that owe ad valorem duty: the whole consignment above the threshold; under
      // it only the goods a relief or flat regime excludes (sake).
      const base = sum(
        adValoremLines.map((line) => line.customsValue),
        rules.currency,
      );
      ledger.add(
        PriceStepKind.DUTY,
        `${prefix}Import duty on the ${rules.market.customsValuation} customs value ${toDecimalString(base)}${preferencesLabel(claimed)}`,
        adValorem,
        {
          basis: moneyToExact(base),
        },
      );
    }
  });
}

/** A line whose ad valorem duty rests on a trade agreement's preferential rate. */
function claimsPreference(line: LineAssessment): boolean {
  return line.dutyBasis === DutyBasis.AD_VALOREM && line.dutyMatch.preference !== null;
}

/** "; preferential origin: ELE-… at 0 % (EU–Japan …, statement on origin, MFN 2 %)", or nothing when none is claimed. */
function preferencesLabel(claimed: readonly LineAssessment[]): string {
  if (claimed.length === 0) return '';
  const parts = claimed.map(
    ({ line, dutyMatch }) => `${line.productId} at ${dutyMatch.ratePercent} % (${preferenceLabel(dutyMatch.preference!)})`,
  );
  return `; preferential origin: ${parts.join('; ')}`;
}

function itemLabel({ line }: LineAssessment): string {
  return `${line.quantity} × ${line.productId} at ${toDecimalString(line.unitPrice)}, net of VAT/GST`;
}
