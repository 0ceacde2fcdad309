import { badUserInput } from '../../common/contract/errors.ts';
import { assessDeMinimis, dutyOn, findDeMinimis, findDutyRate, isExcludedFromDutyRelief, type DeMinimis, type DutyRate } from './duty.ts';
import { dutyIncludedIn, type Incoterm, type Market } from './market.ts';
import { add, multiply, sum, zeroOf, type Money } from './money.ts';
import { DEFAULT_ROUNDING, type RoundingMode } from './rounding.ts';
import { applyTax, findTaxRate, taxOf, TaxCategory, TaxDisplay, type TaxedPrice, type TaxRate } from './tax.ts';

/** Largest quantity one line may carry; more is a typo or abuse, not a shopper. */
export const MAX_QUANTITY = 999;

export type QuoteLine = {
  readonly productId: string;
  /** Unit price in the market's currency as the market shows it: gross where taxDisplay is inclusive, else net. */
  readonly unitPrice: Money;
  readonly quantity: number;
  readonly hsCode: string;
  readonly taxCategory: TaxCategory;
  /**
   * False when the goods do not cross a customs border to reach the market (see `crossesCustomsBorder`):
   * they owe no duty and do not count towards the consignment's de minimis value. Default true.
   */
  readonly dutiable?: boolean;
};

export type ConsignmentInput = {
  readonly lines: readonly QuoteLine[];
  readonly market: Market;
  readonly taxRates: readonly TaxRate[];
  readonly dutyRates: readonly DutyRate[];
  readonly deMinimis: readonly DeMinimis[];
  /** Shipping as the market shows it (gross/net like unit prices); taxed at the standard rate. */
  readonly shipping?: Money;
  /** The rounding for every per-line tax and duty step. Default HALF_UP. */
  readonly rounding?: RoundingMode;
};

export type QuotedLine = {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** unitPrice × quantity, as shown. */
  readonly lineTotal: Money;
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
  readonly taxRatePercent: string;
  readonly dutyRatePercent: string;
  /** The HS prefix the duty rate was found for; null when none matched or the line is not dutiable. */
  readonly dutyHsPrefix: string | null;
  /** False when no duty rate matched the HS code and 0 % was assumed (true for a line that is not dutiable). */
  readonly dutyRateFound: boolean;
  /** False when the goods do not cross a customs border: no duty applies at all. */
  readonly dutiable: boolean;
  /** True when the goods are excluded from the low-value duty relief (EU: alcohol, perfume, tobacco): duty is owed under the threshold too. */
  readonly dutyReliefExcluded: boolean;
  readonly duty: Money;
  readonly importTax: Money;
};

/** What a breakdown row does to the total: ADDED rows sum to `total` exactly. */
export const Treatment = {
  /** Part of the total. */
  ADDED: 'ADDED',
  /** Already inside another row (VAT inside tax-inclusive item prices); shown for information. */
  INCLUDED: 'INCLUDED',
  /** An estimate the carrier collects on delivery (DAP); not in the total. */
  DUE_ON_DELIVERY: 'DUE_ON_DELIVERY',
} as const;
export type Treatment = (typeof Treatment)[keyof typeof Treatment];

export type BreakdownKind = 'ITEMS' | 'SHIPPING' | 'TAX' | 'DUTY' | 'IMPORT_TAX';
export type BreakdownRow = { readonly kind: BreakdownKind; readonly amount: Money; readonly treatment: Treatment };

export type ConsignmentQuote = {
  readonly items: readonly QuotedLine[];
  /** Sum of line totals as shown. */
  readonly itemsTotal: Money;
  readonly shipping: Money | null;
  /** VAT/GST charged at checkout on items and shipping. */
  readonly tax: Money;
  /** Customs duty on the consignment (zero when under the de minimis threshold). */
  readonly duty: Money;
  /** Import VAT/GST on the duty (the goods' own VAT is already in `tax`). */
  readonly importTax: Money;
  /** What the shopper pays at checkout. Includes duty and import tax only under DDP. */
  readonly total: Money;
  /** DAP: duty + import tax the carrier will collect (an estimate). DDP: zero. */
  readonly dueOnDelivery: Money;
  readonly breakdown: readonly BreakdownRow[];
  readonly incoterm: Incoterm;
  readonly dutyIncluded: boolean;
  readonly deMinimis: {
    /** Intrinsic value of the goods (net of VAT, without shipping) that thresholds are compared with. */
    readonly consignmentValue: Money;
    readonly dutyOwed: boolean;
    readonly importTaxOwed: boolean;
  };
};

/**
 * The landed cost of a cart shipped to one market. Model, in order:
 * 1. Each line's VAT/GST is computed on the line total (not per unit) with one rounding step;
 *    the seller charges it at checkout (IOSS / UK point-of-sale / registered-seller model).
 * 2. De minimis is assessed on the WHOLE consignment's intrinsic value (sum of the nets of the lines
 *    that cross a customs border, shipping excluded, as for the EU €150 rule), so a cart can owe duty
 *    where each item alone would not.
 * 3. Duty per line = line net × the most specific HS rate, rounded; import tax = VAT on that duty,
 *    since the import VAT base is goods + duty and the goods' VAT is already charged.
 * 4. DDP: duty and import tax are in the total. DAP: they are an estimate due on delivery.
 * Lines must be in the market's currency (convert first); quantities are 1–999.
 */
export function quoteConsignment(input: ConsignmentInput): ConsignmentQuote {
  const { market, lines } = input;
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const currency = market.currency;
  if (lines.length === 0) throw badUserInput('A quote needs at least one line', {});
  const priceIncludesTax = market.taxDisplay === TaxDisplay.INCLUSIVE;

  const taxed = lines.map((line) => {
    assertQuantity(line);
    assertMarketCurrency(line.unitPrice, currency, `unit price of ${line.productId}`);
    const taxRatePercent = findTaxRate(market.country, line.taxCategory, input.taxRates);
    const lineTotal = multiply(line.unitPrice, line.quantity);
    const split = applyTax({ price: lineTotal, rate: taxRatePercent, priceIncludesTax, display: market.taxDisplay, rounding: mode });
    return { line, taxRatePercent, lineTotal, ...split };
  });

  const imported = taxed.filter((entry) => entry.line.dutiable !== false);
  const consignmentValue = sum(imported.map((entry) => entry.net), currency);
  const deMinimis = findDeMinimis(market.country, input.deMinimis);
  // Nothing crosses a border: nothing is owed, whatever the thresholds.
  const { dutyOwed, importTaxOwed } =
    imported.length === 0 ? { dutyOwed: false, importTaxOwed: false } : assessDeMinimis(consignmentValue, deMinimis);

  const items = taxed.map((entry): QuotedLine => {
    const dutiable = entry.line.dutiable !== false;
    const match = dutiable
      ? findDutyRate(entry.line.hsCode, market.country, input.dutyRates)
      : { ratePercent: '0', hsPrefix: null, matched: true };
    // Goods the relief excludes (sake into the EU) owe duty even when the consignment is under the threshold.
    const reliefExcluded = dutiable && isExcludedFromDutyRelief(entry.line.hsCode, deMinimis);
    const duty = dutiable && (dutyOwed || reliefExcluded) ? dutyOn(entry.net, match.ratePercent, mode) : zeroOf(currency);
    const importTax = importTaxOwed ? taxOf(duty, entry.taxRatePercent, mode) : zeroOf(currency);
    return {
      productId: entry.line.productId,
      quantity: entry.line.quantity,
      unitPrice: entry.line.unitPrice,
      lineTotal: entry.lineTotal,
      net: entry.net,
      tax: entry.tax,
      gross: entry.gross,
      taxRatePercent: entry.taxRatePercent,
      dutyRatePercent: match.ratePercent,
      dutyHsPrefix: match.hsPrefix,
      dutyRateFound: match.matched,
      dutiable,
      dutyReliefExcluded: reliefExcluded,
      duty,
      importTax,
    };
  });

  let shippingTaxed: TaxedPrice | null = null;
  if (input.shipping) {
    assertMarketCurrency(input.shipping, currency, 'shipping');
    const rate = findTaxRate(market.country, TaxCategory.STANDARD, input.taxRates);
    shippingTaxed = applyTax({ price: input.shipping, rate, priceIncludesTax, display: market.taxDisplay, rounding: mode });
  }

  const itemsTotal = sum(items.map((item) => item.lineTotal), currency);
  const itemsGross = sum(items.map((item) => item.gross), currency);
  const tax = sum([...items.map((item) => item.tax), ...(shippingTaxed ? [shippingTaxed.tax] : [])], currency);
  const duty = sum(items.map((item) => item.duty), currency);
  const importTax = sum(items.map((item) => item.importTax), currency);
  const importCharges = add(duty, importTax);
  const dutyIncluded = dutyIncludedIn(market);

  let total = add(itemsGross, shippingTaxed?.gross ?? zeroOf(currency));
  if (dutyIncluded) total = add(total, importCharges);

  const importTreatment = dutyIncluded ? Treatment.ADDED : Treatment.DUE_ON_DELIVERY;
  const breakdown: BreakdownRow[] = [
    { kind: 'ITEMS', amount: itemsTotal, treatment: Treatment.ADDED },
    ...(shippingTaxed ? [{ kind: 'SHIPPING' as const, amount: shippingTaxed.shown, treatment: Treatment.ADDED }] : []),
    { kind: 'TAX', amount: tax, treatment: priceIncludesTax ? Treatment.INCLUDED : Treatment.ADDED },
    { kind: 'DUTY', amount: duty, treatment: importTreatment },
    { kind: 'IMPORT_TAX', amount: importTax, treatment: importTreatment },
  ];

  return {
    items,
    itemsTotal,
    shipping: shippingTaxed?.shown ?? null,
    tax,
    duty,
    importTax,
    total,
    dueOnDelivery: dutyIncluded ? zeroOf(currency) : importCharges,
    breakdown,
    incoterm: market.incoterm,
    dutyIncluded,
    deMinimis: { consignmentValue, dutyOwed, importTaxOwed },
  };
}

export type ProductQuoteInput = Omit<ConsignmentInput, 'lines' | 'shipping'> & {
  readonly productId: string;
  readonly unitPrice: Money;
  readonly hsCode: string;
  readonly taxCategory: TaxCategory;
  /** False when the goods do not cross a customs border to the market; default true. */
  readonly dutiable?: boolean;
};

export type ProductQuote = {
  /** The price to show for one unit: the market's shown price, plus duty and import tax under DDP. */
  readonly amount: Money;
  readonly taxIncluded: boolean;
  /** The unit price without VAT/GST and duty. */
  readonly net: Money;
  readonly tax: Money;
  readonly taxRatePercent: string;
  readonly duty: Money;
  readonly dutyRatePercent: string;
  /** The HS prefix the duty rate was found for; null when none matched or the goods are not dutiable. */
  readonly dutyHsPrefix: string | null;
  readonly importTax: Money;
  readonly dutyIncluded: boolean;
  readonly dutyRateFound: boolean;
  /** False when the goods do not cross a customs border: duty does not apply. */
  readonly dutiable: boolean;
  /**
   * True when the unit alone is at or below the duty de minimis (or not dutiable), so it owes no duty; false for
   * goods excluded from the relief (EU: alcohol, perfume, tobacco), which owe duty at any value.
   */
  readonly belowDeMinimis: boolean;
  readonly incoterm: Incoterm;
};

/**
 * One unit of one product shipped alone — what `Product.price(country)` shows. Duty follows the
 * same de minimis rules as a cart of one, so a cheap item may show no duty that a full cart owes.
 */
export function quoteProduct(input: ProductQuoteInput): ProductQuote {
  const { productId, unitPrice, hsCode, taxCategory, dutiable, ...rest } = input;
  const quote = quoteConsignment({
    ...rest,
    lines: [{ productId, unitPrice, hsCode, taxCategory, quantity: 1, ...(dutiable === undefined ? {} : { dutiable }) }],
  });
  const line = quote.items[0];
  if (!line) throw new Error('quoteConsignment returned no line for a one-line quote');
  return {
    amount: quote.dutyIncluded ? add(quote.itemsTotal, add(quote.duty, quote.importTax)) : quote.itemsTotal,
    taxIncluded: input.market.taxDisplay === TaxDisplay.INCLUSIVE,
    net: line.net,
    tax: quote.tax,
    taxRatePercent: line.taxRatePercent,
    duty: quote.duty,
    dutyRatePercent: line.dutyRatePercent,
    dutyHsPrefix: line.dutyHsPrefix,
    importTax: quote.importTax,
    dutyIncluded: quote.dutyIncluded,
    dutyRateFound: line.dutyRateFound,
    dutiable: line.dutiable,
    belowDeMinimis: !line.dutiable || (!quote.deMinimis.dutyOwed && !line.dutyReliefExcluded),
    incoterm: quote.incoterm,
  };
}

function assertQuantity(line: QuoteLine): void {
  if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
    throw badUserInput(`Quantity for ${line.productId} must be a whole number from 1 to ${MAX_QUANTITY}, got ${line.quantity}`, {
      productId: line.productId,
      quantity: line.quantity,
    });
  }
}

function assertMarketCurrency(money: Money, currency: string, what: string): void {
  if (money.currency !== currency) {
    throw badUserInput(`The ${what} is in ${money.currency} but the market charges in ${currency}; convert first`, {
      currency: money.currency,
      marketCurrency: currency,
    });
  }
}
