import { add, sum, type Money } from '../money.ts';
import type { LineAssessment, QuoteRules } from './line-assessment.ts';
import { levyTotalsOf, type LevyCharge } from './levy-step.ts';
import type { QuoteShipping } from './shipping.ts';
import { Treatment, type BreakdownRow } from './types.ts';

/** The money of a quote, summed from its lines. */
export type QuoteTotals = {
  /** The items as charged at checkout, as the market shows prices (with their VAT/GST where it is collected and shown). */
  readonly itemsTotal: Money;
  /** The shipping the shopper pays, as the market shows it (zero when free); null when no charge was given. */
  readonly shipping: Money | null;
  /** Each shipment's charge as paid at checkout and shown (VAT/GST inside where prices are gross), in `shipping.splits` order. */
  readonly shippingPaid: readonly Money[];
  /** VAT/GST on items, shipping and levies charged at checkout. */
  readonly tax: Money;
  /** Duty of every consignment, at checkout or on delivery. */
  readonly duty: Money;
  /** Import VAT/GST of every consignment, at checkout or on delivery. */
  readonly importTax: Money;
  /** The duty in the checkout total. */
  readonly dutyAtCheckout: Money;
  /** The import VAT/GST (on the duty) in the checkout total. */
  readonly importTaxAtCheckout: Money;
  /** Levies and excise in the checkout total (without their VAT/GST, which is in `tax`). */
  readonly leviesAtCheckout: Money;
  /** The duty, import VAT/GST (on levies too) and carrier fees due on delivery. */
  readonly dutyDue: Money;
  readonly importTaxDue: Money;
  /** Levies and excise the carrier collects on delivery (their import VAT is in `importTaxDue`). */
  readonly leviesDue: Money;
  readonly carrierFee: Money;
  readonly dueOnDelivery: Money;
  /** True when nothing is left for the carrier to collect on delivery. */
  readonly dutyIncluded: boolean;
  /** What the shopper pays at checkout: items and shipping as charged, with the import charges cleared at checkout. */
  readonly total: Money;
};

/** A line's or a shipping part's amount as charged at checkout: with its VAT/GST where collected then. */
function charged(part: { readonly net: Money; readonly gross: Money }, taxAtCheckout: boolean): Money {
  return taxAtCheckout ? part.gross : part.net;
}

/**
 * Step 11: the quote's totals. The VAT/GST of lines whose consignment collects it at checkout is in the total;
 * duty and import tax are in it unless the carrier collects them on delivery (then they are `dueOnDelivery`, with
 * the carrier fees).
 */
export function totalsOf(
  lines: readonly LineAssessment[],
  shipping: QuoteShipping,
  carrierFees: readonly Money[],
  rules: QuoteRules,
  levies: readonly LevyCharge[] = [],
): QuoteTotals {
  const { currency } = rules;
  const sumOf = (amounts: readonly Money[]) => sum(amounts, currency);
  const taxAtCheckout = new Map(lines.map((line) => [line.index, line.taxAtCheckout]));
  const shippingPaid = shipping.splits.map((split) =>
    sumOf(
      split.parts.map(({ lineIndex, part }) => (rules.priceIncludesTax ? charged(part, taxAtCheckout.get(lineIndex) ?? true) : part.net)),
    ),
  );
  const payableParts = lines.flatMap((line) => line.shipping.map((part) => ({ part, taxAtCheckout: line.taxAtCheckout })));
  const checkoutLines = lines.filter((line) => !line.dueOnDelivery);
  const dueLines = lines.filter((line) => line.dueOnDelivery);
  const levy = levyTotalsOf(levies, currency);
  const tax = sumOf([
    levy.vatAtCheckout,
    ...lines.filter((line) => line.taxAtCheckout).map((line) => line.taxSplit.tax),
    ...payableParts.filter((entry) => entry.taxAtCheckout).map((entry) => entry.part.tax),
  ]);
  const dutyAtCheckout = sumOf(checkoutLines.map((line) => line.duty));
  const importTaxAtCheckout = sumOf(checkoutLines.map((line) => line.importTax));
  const dutyDue = sumOf(dueLines.map((line) => line.duty));
  const importTaxDue = sumOf([...dueLines.map((line) => line.importTax), levy.vatDue]);
  const carrierFee = sumOf(carrierFees);
  const itemsCharged = sumOf(lines.map((line) => charged(line.taxSplit, line.taxAtCheckout)));
  const shippingCharged = sumOf(payableParts.map((entry) => charged(entry.part, entry.taxAtCheckout)));
  const total = sumOf([itemsCharged, shippingCharged, dutyAtCheckout, importTaxAtCheckout, levy.atCheckout, levy.vatAtCheckout]);
  // As the market shows prices: gross where they include tax (the collected VAT inside), else net (VAT added).
  const itemsTotal = rules.priceIncludesTax ? itemsCharged : sumOf(lines.map((line) => line.taxSplit.net));
  const shownShipping = rules.priceIncludesTax ? shippingCharged : sumOf(payableParts.map((entry) => entry.part.net));
  return {
    itemsTotal,
    shipping: shipping.charges.length > 0 ? shownShipping : null,
    shippingPaid,
    tax,
    duty: add(dutyAtCheckout, dutyDue),
    importTax: add(importTaxAtCheckout, importTaxDue),
    dutyAtCheckout,
    importTaxAtCheckout,
    leviesAtCheckout: levy.atCheckout,
    dutyDue,
    importTaxDue,
    leviesDue: levy.due,
    carrierFee,
    dueOnDelivery: sumOf([dutyDue, importTaxDue, levy.due, carrierFee]),
    dutyIncluded: dueLines.length === 0 && levy.due.minor === 0n,
    total,
  };
}

/**
 * The breakdown rows: the ADDED ones sum to the total exactly; DUE_ON_DELIVERY ones (duty, import VAT/GST, the
 * carrier's fee) to `dueOnDelivery`.
 */
export function breakdownOf(
  totals: QuoteTotals,
  shipping: QuoteShipping,
  rules: QuoteRules,
  levies: readonly LevyCharge[] = [],
): BreakdownRow[] {
  const rows: BreakdownRow[] = [
    { kind: 'ITEMS', amount: totals.itemsTotal, treatment: Treatment.ADDED },
    ...totals.shippingPaid.map((amount) => ({ kind: 'SHIPPING' as const, amount, treatment: Treatment.ADDED })),
  ];
  if (shipping.freeShipping) {
    rows.push({ kind: 'SHIPPING_DISCOUNT', amount: negate(sum(totals.shippingPaid, rules.currency)), treatment: Treatment.ADDED });
  }
  rows.push({ kind: 'TAX', amount: totals.tax, treatment: rules.priceIncludesTax ? Treatment.INCLUDED : Treatment.ADDED });
  const atCheckout = totals.dutyIncluded || totals.dutyAtCheckout.minor > 0n || totals.importTaxAtCheckout.minor > 0n;
  if (atCheckout) {
    rows.push({ kind: 'DUTY', amount: totals.dutyAtCheckout, treatment: Treatment.ADDED });
    rows.push({ kind: 'IMPORT_TAX', amount: totals.importTaxAtCheckout, treatment: Treatment.ADDED });
  }
  rows.push(...levyRowsOf(levies, true, rules));
  if (!totals.dutyIncluded) {
    rows.push({ kind: 'DUTY', amount: totals.dutyDue, treatment: Treatment.DUE_ON_DELIVERY });
    rows.push({ kind: 'IMPORT_TAX', amount: totals.importTaxDue, treatment: Treatment.DUE_ON_DELIVERY });
    rows.push(...levyRowsOf(levies, false, rules));
    if (totals.carrierFee.minor > 0n) rows.push({ kind: 'CARRIER_FEE', amount: totals.carrierFee, treatment: Treatment.DUE_ON_DELIVERY });
  }
  return rows;
}

/**
 * One row per kind (EXCISE, LEVY) of the levies at checkout or due on delivery. At checkout in a market whose
 * prices include VAT/GST the row holds the levy with its VAT (the TAX row is INCLUDED there, as for shipping);
 * elsewhere the levy alone (its VAT in the TAX row, or in IMPORT_TAX when due on delivery).
 */
function levyRowsOf(levies: readonly LevyCharge[], atCheckout: boolean, rules: QuoteRules): BreakdownRow[] {
  const own = levies.filter((charge) => charge.atCheckout === atCheckout);
  return (['EXCISE', 'LEVY'] as const).flatMap((kind) => {
    const ofKind = own.filter((charge) => charge.kind === kind);
    if (ofKind.length === 0) return [];
    const gross = atCheckout && rules.priceIncludesTax;
    const amount = sum(
      ofKind.map((charge) => (gross ? add(charge.amount, charge.vat) : charge.amount)),
      rules.currency,
    );
    return [{ kind, amount, treatment: atCheckout ? Treatment.ADDED : Treatment.DUE_ON_DELIVERY }];
  });
}

export function negate(money: Money): Money {
  return { minor: -money.minor, currency: money.currency };
}
