import { dutyIncludedIn } from '../market.ts';
import { add, sum, type Money } from '../money.ts';
import type { LineAssessment, QuoteRules } from './line-assessment.ts';
import type { QuoteShipping } from './shipping.ts';
import { Treatment, type BreakdownRow } from './types.ts';

/** The money of a quote, summed from its lines. */
export type QuoteTotals = {
  /** Sum of line totals as shown. */
  readonly itemsTotal: Money;
  /** The shipping the shopper pays, as shown (zero when free); null when no charge was given. */
  readonly shipping: Money | null;
  /** VAT/GST on items and shipping. */
  readonly tax: Money;
  readonly duty: Money;
  readonly importTax: Money;
  /** Duty + import tax. */
  readonly importCharges: Money;
  readonly dutyIncluded: boolean;
  /** What the shopper pays at checkout: items and shipping as charged, with duty and import tax under DDP. */
  readonly total: Money;
};

/** Step 9: the quote's totals. DDP: duty and import tax are in the total; DAP: they are an estimate due on delivery. */
export function totalsOf(lines: readonly LineAssessment[], itemsTotal: Money, shipping: QuoteShipping, rules: QuoteRules): QuoteTotals {
  const { currency } = rules;
  const payableParts = lines.flatMap((line) => line.shipping);
  const shippingTax = sum(
    payableParts.map((part) => part.tax),
    currency,
  );
  const shippingGross = sum(
    payableParts.map((part) => part.gross),
    currency,
  );
  const itemsGross = sum(
    lines.map((line) => line.taxSplit.gross),
    currency,
  );
  const tax = add(
    sum(
      lines.map((line) => line.taxSplit.tax),
      currency,
    ),
    shippingTax,
  );
  const duty = sum(
    lines.map((line) => line.duty),
    currency,
  );
  const importTax = sum(
    lines.map((line) => line.importTax),
    currency,
  );
  const importCharges = add(duty, importTax);
  const dutyIncluded = dutyIncludedIn(rules.market);
  let total = add(itemsGross, shippingGross);
  if (dutyIncluded) total = add(total, importCharges);
  // `shown` is the gross part where prices include tax, else the net: the shipping as the market shows it.
  const shown =
    shipping.charges.length > 0
      ? sum(
          payableParts.map((part) => part.shown),
          currency,
        )
      : null;
  return { itemsTotal, shipping: shown, tax, duty, importTax, importCharges, dutyIncluded, total };
}

/** The breakdown rows: the ADDED ones sum to the total exactly. */
export function breakdownOf(totals: QuoteTotals, shipping: QuoteShipping, rules: QuoteRules): BreakdownRow[] {
  const importTreatment = totals.dutyIncluded ? Treatment.ADDED : Treatment.DUE_ON_DELIVERY;
  return [
    { kind: 'ITEMS', amount: totals.itemsTotal, treatment: Treatment.ADDED },
    ...shipping.charges.map((charge) => ({ kind: 'SHIPPING' as const, amount: charge, treatment: Treatment.ADDED })),
    ...(shipping.freeShipping
      ? [{ kind: 'SHIPPING_DISCOUNT' as const, amount: negate(shipping.charged), treatment: Treatment.ADDED }]
      : []),
    { kind: 'TAX', amount: totals.tax, treatment: rules.priceIncludesTax ? Treatment.INCLUDED : Treatment.ADDED },
    { kind: 'DUTY', amount: totals.duty, treatment: importTreatment },
    { kind: 'IMPORT_TAX', amount: totals.importTax, treatment: importTreatment },
  ];
}

export function negate(money: Money): Money {
  return { minor: -money.minor, currency: money.currency };
}
