import { badUserInput } from '../../common/contract/errors.ts';
import {
  assessConsignmentDuty,
  comparesIntrinsicValue,
  DutyBasis,
  dutyBasisOfGood,
  dutyOn,
  findDeMinimis,
  findDutyRate,
  flatDutyLabel,
  isExcludedFromDutyRelief,
  tariffSubheadingOf,
  ThresholdBasis,
  type DeMinimis,
  type DutyRate,
} from './duty.ts';
import { allocate } from './allocation.ts';
import { PriceLedger, PriceStepKind, type PriceStep } from './explanation.ts';
import { CustomsValuation, dutyIncludedIn, type Incoterm, type Market } from './market.ts';
import { add, compare, multiply, sum, toDecimalString, zeroOf, type Money } from './money.ts';
import { DEFAULT_ROUNDING, moneyToDecimal, type RoundingMode } from './rounding.ts';
import { applyTax, findTaxRate, taxOf, TaxCategory, TaxDisplay, type TaxRate } from './tax.ts';

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
  /** The market, with `currency` the quote's presentment currency (the market's own or an additional one). */
  readonly market: Market;
  readonly taxRates: readonly TaxRate[];
  readonly dutyRates: readonly DutyRate[];
  /** De minimis records with thresholds (and low-value regime amounts) in the quote's currency. */
  readonly deMinimis: readonly DeMinimis[];
  /** The pricing clock: selects the low-value regime in force (the EU's €3 flat duty from 2026-07-01). */
  readonly now: Date;
  /**
   * The selected delivery option's charge per shipment, converted into the quote's currency, as the market shows
   * prices (VAT/GST included where prices are gross). Empty or absent: nothing is charged for shipping.
   */
  readonly shippingCharges?: readonly Money[];
  /** The items total (as shown) from which shipping is free, in the quote's currency; null or absent: never free. */
  readonly freeShippingThreshold?: Money | null;
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
  /** How the line's duty was assessed; null when the line is not dutiable. */
  readonly dutyBasis: DutyBasis | null;
  /** The line's share of the payable shipping, net of VAT/GST: its freight in a CIF customs value. */
  readonly freight: Money;
  /** What duty was assessed on: the net, plus the freight share under CIF. */
  readonly customsValue: Money;
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

export type BreakdownKind = 'ITEMS' | 'SHIPPING' | 'SHIPPING_DISCOUNT' | 'TAX' | 'DUTY' | 'IMPORT_TAX';
export type BreakdownRow = { readonly kind: BreakdownKind; readonly amount: Money; readonly treatment: Treatment };

/** How the consignment was valued for customs: the basis of the destination and its parts. */
export type CustomsValueAssessment = {
  readonly basis: CustomsValuation;
  /** The net value of the goods that cross a customs border. */
  readonly goods: Money;
  /** CIF: the freight charged to the shopper for those goods, net of VAT/GST; FOB: zero. */
  readonly freight: Money;
  /** CIF: insurance to the border. We buy none for these parcels, so it is zero (and shown as such); FOB: zero. */
  readonly insurance: Money;
  /** goods + freight + insurance: compared with the de minimis thresholds and the duty base. */
  readonly value: Money;
};

export type ConsignmentQuote = {
  readonly items: readonly QuotedLine[];
  /** Sum of line totals as shown. */
  readonly itemsTotal: Money;
  /** The shipping the shopper pays, as shown (zero when free); null when no charge was given. */
  readonly shipping: Money | null;
  /** Each shipment's charge as given (before a free-shipping waiver). */
  readonly shippingCharges: readonly Money[];
  /** True when the items total reached the free-shipping threshold and the charges were waived. */
  readonly freeShipping: boolean;
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
  readonly customsValue: CustomsValueAssessment;
  readonly deMinimis: {
    /** The value the thresholds were compared with: the goods' intrinsic value or the customs value (`thresholdBasis`). */
    readonly consignmentValue: Money;
    readonly thresholdBasis: ThresholdBasis;
    /** False when the consignment is within the duty relief (RELIEF): no duty at all. */
    readonly dutyOwed: boolean;
    readonly importTaxOwed: boolean;
    /** How the consignment's duty was assessed (its goods may still differ: excluded goods owe ad valorem); null when nothing crosses a border. */
    readonly dutyBasis: DutyBasis | null;
    /** Distinct tariff subheadings charged the flat low-value duty (0 when none was). */
    readonly flatDutySubheadings: number;
  };
  /** From the lines to `total`: the steps add up to it exactly. */
  readonly steps: readonly PriceStep[];
};

/**
 * The landed cost of a cart shipped to one market. Model, in order:
 * 1. Each line's VAT/GST is computed on the line total (not per unit) with one rounding step;
 *    the seller charges it at checkout (IOSS / UK point-of-sale / registered-seller model).
 * 2. Shipping is free when the items total (as shown) reaches the market's threshold. Its VAT/GST follows the
 *    goods (EU/UK: shipping is ancillary to the supply it delivers): each charge is split over the lines in
 *    proportion to their totals (largest remainder) and each part is taxed at its line's rate.
 * 3. Customs value of the goods that cross a border, per `market.customsValuation`: CIF = their net + their
 *    share of the shipping net + insurance (we buy none: zero); FOB = their net only. The WHOLE consignment's
 *    value is compared with de minimis — its intrinsic value (goods only) where the destination says so (EU,
 *    UK), else its customs value — so a cart can owe duty where each item alone would not.
 * 4. Duty per line = (net + CIF freight share) × the most specific HS rate, rounded; under a flat low-value
 *    regime in force at `now` (EU €3 from 2026-07-01, consignments up to €150), each distinct HS-6 subheading
 *    among the covered lines owes the flat amount instead, split over its lines by customs value. Import tax =
 *    VAT on the duty, since the goods' and shipping's VAT is already charged at checkout.
 * 5. DDP: duty and import tax are in the total. DAP: they are an estimate due on delivery.
 * Lines and charges must be in the quote's currency (convert first); quantities are 1–999.
 */
export function quoteConsignment(input: ConsignmentInput): ConsignmentQuote {
  const { market, lines } = input;
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const currency = market.currency;
  if (lines.length === 0) throw badUserInput('A quote needs at least one line', {});
  const priceIncludesTax = market.taxDisplay === TaxDisplay.INCLUSIVE;
  const zero = zeroOf(currency);

  const taxed = lines.map((line) => {
    assertQuantity(line);
    assertMarketCurrency(line.unitPrice, currency, `unit price of ${line.productId}`);
    const taxRatePercent = findTaxRate(market.country, line.taxCategory, input.taxRates);
    const lineTotal = multiply(line.unitPrice, line.quantity);
    const split = applyTax({ price: lineTotal, rate: taxRatePercent, priceIncludesTax, display: market.taxDisplay, rounding: mode });
    return { line, taxRatePercent, lineTotal, ...split };
  });
  const itemsTotal = sum(taxed.map((entry) => entry.lineTotal), currency);

  // Shipping: waived from the threshold on; each charge split over the lines and taxed as they are.
  const charges = input.shippingCharges ?? [];
  charges.forEach((charge) => assertMarketCurrency(charge, currency, 'shipping charge'));
  const threshold = input.freeShippingThreshold ?? null;
  if (threshold) assertMarketCurrency(threshold, currency, 'free-shipping threshold');
  const charged = sum(charges, currency);
  const freeShipping = threshold !== null && charged.minor > 0n && compare(itemsTotal, threshold) >= 0;
  const weights = taxed.map((entry) => entry.lineTotal.minor);
  const chargeSplits = charges.map((charge) =>
    allocate(charge, weights).map((part, index) =>
      applyTax({ price: part, rate: taxed[index]!.taxRatePercent, priceIncludesTax, display: market.taxDisplay, rounding: mode }),
    ),
  );
  const chargeNets = chargeSplits.map((parts) => sum(parts.map((part) => part.net), currency));
  const payableSplits = freeShipping ? [] : chargeSplits;
  const lineShipping = taxed.map((_, index) => payableSplits.map((parts) => parts[index]!));
  const shippingTax = sum(payableSplits.flat().map((part) => part.tax), currency);
  const shippingGross = sum(payableSplits.flat().map((part) => part.gross), currency);

  // Customs value per the destination's basis.
  const cif = market.customsValuation === CustomsValuation.CIF;
  const withFreight = taxed.map((entry, index) => {
    const freight = cif ? sum(lineShipping[index]!.map((part) => part.net), currency) : zero;
    return { ...entry, freight, customsValue: add(entry.net, freight) };
  });
  const imported = withFreight.filter((entry) => entry.line.dutiable !== false);
  const goodsValue = sum(imported.map((entry) => entry.net), currency);
  const freightValue = sum(imported.map((entry) => entry.freight), currency);
  const insurance = zero;
  const consignmentValue = add(add(goodsValue, freightValue), insurance);
  const deMinimis = findDeMinimis(market.country, input.deMinimis);
  const thresholdBasis = comparesIntrinsicValue(deMinimis) ? ThresholdBasis.INTRINSIC_VALUE : ThresholdBasis.CUSTOMS_VALUE;
  const comparedValue = thresholdBasis === ThresholdBasis.INTRINSIC_VALUE ? goodsValue : consignmentValue;
  // Nothing crosses a border: nothing is owed, whatever the thresholds.
  const assessment = imported.length === 0 ? null : assessConsignmentDuty(comparedValue, deMinimis, input.now);
  const importTaxOwed = assessment?.importTaxOwed ?? false;

  const assessed = withFreight.map((entry) => {
    const dutiable = entry.line.dutiable !== false;
    const match = dutiable
      ? findDutyRate(entry.line.hsCode, market.country, input.dutyRates)
      : { ratePercent: '0', hsPrefix: null, matched: true };
    const basis = dutiable && assessment ? dutyBasisOfGood(entry.line.hsCode, assessment, deMinimis) : null;
    return { entry, dutiable, match, basis };
  });
  // The flat duty is per distinct tariff subheading, however many lines or units share it; each subheading's
  // amount is split over its lines by customs value (largest remainder), so line duties add up to it exactly.
  const flatDuty = new Map<number, Money>();
  const regime = assessment?.regime ?? null;
  const subheadings = new Map<string, number[]>();
  assessed.forEach(({ entry, basis }, index) => {
    if (basis !== DutyBasis.FLAT_LOW_VALUE) return;
    const subheading = tariffSubheadingOf(entry.line.hsCode);
    subheadings.set(subheading, [...(subheadings.get(subheading) ?? []), index]);
  });
  for (const indexes of subheadings.values()) {
    const parts = allocate(regime!.amountPerSubheading, indexes.map((index) => assessed[index]!.entry.customsValue.minor));
    indexes.forEach((index, position) => flatDuty.set(index, parts[position]!));
  }

  const items = assessed.map(({ entry, dutiable, match, basis }, index): QuotedLine => {
    // Goods the relief excludes (sake into the EU) owe duty even when the consignment is under the threshold.
    const reliefExcluded = dutiable && isExcludedFromDutyRelief(entry.line.hsCode, deMinimis);
    const duty =
      basis === DutyBasis.FLAT_LOW_VALUE
        ? flatDuty.get(index)!
        : basis === DutyBasis.AD_VALOREM
          ? dutyOn(entry.customsValue, match.ratePercent, mode)
          : zero;
    const importTax = importTaxOwed ? taxOf(duty, entry.taxRatePercent, mode) : zero;
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
      dutyBasis: basis,
      freight: entry.freight,
      customsValue: entry.customsValue,
      duty,
      importTax,
    };
  });
  const dutyOwed = assessment !== null && assessment.basis !== DutyBasis.RELIEF;

  const itemsGross = sum(items.map((item) => item.gross), currency);
  const tax = add(sum(items.map((item) => item.tax), currency), shippingTax);
  const duty = sum(items.map((item) => item.duty), currency);
  const importTax = sum(items.map((item) => item.importTax), currency);
  const importCharges = add(duty, importTax);
  const dutyIncluded = dutyIncludedIn(market);

  let total = add(itemsGross, shippingGross);
  if (dutyIncluded) total = add(total, importCharges);

  const importTreatment = dutyIncluded ? Treatment.ADDED : Treatment.DUE_ON_DELIVERY;
  const breakdown: BreakdownRow[] = [
    { kind: 'ITEMS', amount: itemsTotal, treatment: Treatment.ADDED },
    ...charges.map((charge) => ({ kind: 'SHIPPING' as const, amount: charge, treatment: Treatment.ADDED })),
    ...(freeShipping ? [{ kind: 'SHIPPING_DISCOUNT' as const, amount: negate(charged), treatment: Treatment.ADDED }] : []),
    { kind: 'TAX', amount: tax, treatment: priceIncludesTax ? Treatment.INCLUDED : Treatment.ADDED },
    { kind: 'DUTY', amount: duty, treatment: importTreatment },
    { kind: 'IMPORT_TAX', amount: importTax, treatment: importTreatment },
  ];

  // The explanation: nets, shipping nets, VAT, then import charges under DDP — adding up to the total.
  const first = items[0]!;
  const ledger = new PriceLedger(PriceStepKind.ITEM, itemLabel(first), first.net);
  for (const item of items.slice(1)) ledger.add(PriceStepKind.ITEM, itemLabel(item), item.net);
  chargeNets.forEach((net, index) =>
    ledger.add(PriceStepKind.SHIPPING, `Shipment ${index + 1} of ${chargeNets.length}, net of VAT/GST`, net),
  );
  if (freeShipping) {
    ledger.add(
      PriceStepKind.SHIPPING_DISCOUNT,
      `Free shipping from ${toDecimalString(threshold!)} ${currency} of items`,
      negate(sum(chargeNets, currency)),
    );
  }
  ledger.add(PriceStepKind.TAX, `VAT/GST on items${charges.length > 0 && !freeShipping ? ' and shipping (at the goods\' rates)' : ''}`, tax);
  if (dutyIncluded && duty.minor > 0n) {
    const flatTotal = sum([...flatDuty.values()], currency);
    const adValorem = sum(items.filter((item) => item.dutyBasis === DutyBasis.AD_VALOREM).map((item) => item.duty), currency);
    if (flatTotal.minor > 0n) ledger.add(PriceStepKind.DUTY, flatDutyLabel(regime!, subheadings.size), flatTotal);
    if (adValorem.minor > 0n) {
      // The customs value of the goods that owe ad valorem duty: the whole consignment above the threshold; under it
      // only the goods a relief or flat regime excludes (sake).
      const base = sum(items.filter((item) => item.dutyBasis === DutyBasis.AD_VALOREM).map((item) => item.customsValue), currency);
      ledger.add(PriceStepKind.DUTY, `Import duty on the ${market.customsValuation} customs value ${toDecimalString(base)}`, adValorem, {
        basis: moneyToDecimal(base),
      });
    }
  }
  if (dutyIncluded && importTax.minor > 0n) {
    ledger.add(PriceStepKind.IMPORT_TAX, 'Import VAT/GST on the duty', importTax, { basis: moneyToDecimal(duty) });
  }
  if (!ledger.total.eq(moneyToDecimal(total))) {
    throw new Error(`Quote explanation ${ledger.total.toString()} differs from the total ${toDecimalString(total)}`);
  }

  return {
    items,
    itemsTotal,
    // `shown` is the gross part where prices include tax, else the net: the shipping as the market shows it.
    shipping: charges.length > 0 ? sum(payableSplits.flat().map((part) => part.shown), currency) : null,
    shippingCharges: charges,
    freeShipping,
    tax,
    duty,
    importTax,
    total,
    dueOnDelivery: dutyIncluded ? zero : importCharges,
    breakdown,
    incoterm: market.incoterm,
    dutyIncluded,
    customsValue: {
      basis: market.customsValuation,
      goods: goodsValue,
      freight: freightValue,
      insurance,
      value: consignmentValue,
    },
    deMinimis: {
      consignmentValue: comparedValue,
      thresholdBasis,
      dutyOwed,
      importTaxOwed,
      dutyBasis: assessment?.basis ?? null,
      flatDutySubheadings: subheadings.size,
    },
    steps: ledger.steps,
  };
}

function itemLabel(item: QuotedLine): string {
  return `${item.quantity} × ${item.productId} at ${toDecimalString(item.unitPrice)}, net of VAT/GST`;
}

function negate(money: Money): Money {
  return { minor: -money.minor, currency: money.currency };
}

export type ProductQuoteInput = Omit<ConsignmentInput, 'lines' | 'shippingCharges' | 'freeShippingThreshold'> & {
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
  /** How the unit's duty was assessed; null when the goods are not dutiable. */
  readonly dutyBasis: DutyBasis | null;
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
    dutyBasis: line.dutyBasis,
    belowDeMinimis: !line.dutiable || line.dutyBasis === DutyBasis.RELIEF,
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
