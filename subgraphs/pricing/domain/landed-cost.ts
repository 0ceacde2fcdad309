import { badUserInput } from '../../common/contract/errors.ts';
import {
  assessConsignmentDuty,
  comparesIntrinsicValue,
  crossesCustomsBorder,
  CUSTOMS_UNIONS,
  DutyBasis,
  dutyBasisOfGood,
  dutyOn,
  findDeMinimis,
  findDutyRate,
  flatDutyLabel,
  isExcludedFromDutyRelief,
  tariffSubheadingOf,
  ThresholdBasis,
  type CustomsUnion,
  type DeMinimis,
  type DutyRate,
} from './duty.ts';
import { allocate } from './allocation.ts';
import { PriceLedger, PriceStepKind, type PriceStep } from './explanation.ts';
import { CustomsValuation, dutyIncludedIn, type Incoterm, type Market } from './market.ts';
import { add, compare, multiply, sum, toDecimalString, zeroOf, type Money } from './money.ts';
import { DEFAULT_ROUNDING, moneyToExact, type RoundingMode } from './rounding.ts';
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
   * they owe no duty and do not count towards the consignment's de minimis value. Default true. Ignored when the
   * input has `parcels`: then the parcel's warehouse decides.
   */
  readonly dutiable?: boolean;
};

/** One parcel of a cart: at the border it is a consignment of its own. */
export type QuoteParcel = {
  /** Country of the warehouse the parcel leaves: its goods cross a customs border when it is outside the destination's customs territory. */
  readonly fromCountry: string;
  /** Indexes into the quote's `lines` of the lines it carries (a line is in one parcel at most). */
  readonly lineIndexes: readonly number[];
  /** The parcel's charge in the quote's currency, as the market shows prices (VAT/GST included where prices are gross). */
  readonly charge: Money;
};

/** How one consignment (a parcel, or the lines no parcel carries) was assessed at the border. */
export type ConsignmentAssessment = {
  /** The country of the warehouse the parcel leaves; null for lines no parcel carries (or a quote without parcels). */
  readonly fromCountry: string | null;
  /** Indexes into the quote's lines. */
  readonly lineIndexes: readonly number[];
  /** True when its goods cross a customs border to the destination. */
  readonly crossesCustomsBorder: boolean;
  /** The parcel's shipping as the shopper pays it (zero when free); null when it has no charge. */
  readonly shipping: Money | null;
  /** Its customs value (zero when nothing crosses a border). */
  readonly customsValue: CustomsValueAssessment;
  readonly thresholdBasis: ThresholdBasis;
  /** The value compared with the thresholds: intrinsic (goods) or customs value, per `thresholdBasis`. */
  readonly comparedValue: Money;
  /** How the consignment's duty was assessed; null when nothing crosses a border. */
  readonly dutyBasis: DutyBasis | null;
  /** False when the consignment is within the duty relief (or crosses no border). */
  readonly dutyOwed: boolean;
  readonly importTaxOwed: boolean;
  /** Distinct tariff subheadings of this consignment charged the flat low-value duty. */
  readonly flatDutySubheadings: number;
  readonly duty: Money;
  readonly importTax: Money;
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
   * prices (VAT/GST included where prices are gross), spread over ALL lines by value. Empty or absent: nothing is
   * charged for shipping. Only without `parcels` (a caller that does not know which parcel carries what).
   */
  readonly shippingCharges?: readonly Money[];
  /**
   * The parcels the cart ships in: each is its own consignment at the border (its warehouse decides whether its
   * goods cross a customs border, its value is compared with de minimis on its own) and its charge is freight
   * and taxable shipping of its own lines only. Lines in no parcel do not ship: no freight, no duty.
   */
  readonly parcels?: readonly QuoteParcel[];
  /** The customs unions whose members move goods between them duty-free; default `CUSTOMS_UNIONS`. */
  readonly customsUnions?: readonly CustomsUnion[];
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
    /**
     * The value the thresholds were compared with — the goods' intrinsic value or the customs value (`thresholdBasis`)
     * — summed over the consignments that cross a border; each was compared on its own (see `consignments`).
     */
    readonly consignmentValue: Money;
    readonly thresholdBasis: ThresholdBasis;
    /** False when every consignment is within the duty relief (RELIEF) or crosses no border: no duty at all. */
    readonly dutyOwed: boolean;
    readonly importTaxOwed: boolean;
    /** How the consignment's duty was assessed (its goods may still differ: excluded goods owe ad valorem); null when nothing crosses a border. */
    readonly dutyBasis: DutyBasis | null;
    /** Distinct tariff subheadings charged the flat low-value duty (0 when none was), counted per consignment. */
    readonly flatDutySubheadings: number;
  };
  /** Each consignment on its own: one per parcel (plus the lines no parcel carries), or the whole cart without parcels. */
  readonly consignments: readonly ConsignmentAssessment[];
  /** From the lines to `total`: the steps add up to it exactly. */
  readonly steps: readonly PriceStep[];
};

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
 * 4. Duty per line = (net + CIF freight share) × the most specific HS rate, rounded; under a flat low-value
 *    regime in force at `now` (EU €3 from 2026-07-01, consignments up to €150), each distinct HS-6 subheading
 *    among a consignment's covered lines owes the flat amount instead, split over its lines by customs value. Import tax =
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

  // The consignments the goods reach the border in: one per parcel, each with its own charge and lines.
  const groups = consignmentGroupsOf(input);
  const dutiableLine = lines.map(() => false);
  for (const group of groups) for (const index of group.lineIndexes) dutiableLine[index] = group.dutiable(index);

  // Shipping: waived from the threshold on; each parcel's charge split over ITS lines and taxed as they are.
  const charges = groups.flatMap((group) => group.charges);
  charges.forEach((charge) => assertMarketCurrency(charge, currency, 'shipping charge'));
  const threshold = input.freeShippingThreshold ?? null;
  if (threshold) assertMarketCurrency(threshold, currency, 'free-shipping threshold');
  const charged = sum(charges, currency);
  const freeShipping = threshold !== null && charged.minor > 0n && compare(itemsTotal, threshold) >= 0;
  const lineShipping: TaxSplit[][] = lines.map(() => []);
  const chargeNets: { net: Money; fromCountry: string | null }[] = [];
  const groupShipping: TaxSplit[][] = groups.map(() => []);
  groups.forEach((group, groupIndex) => {
    for (const charge of group.charges) {
      const parts = allocate(charge, group.lineIndexes.map((index) => taxed[index]!.lineTotal.minor)).map((part, position) =>
        applyTax({ price: part, rate: taxed[group.lineIndexes[position]!]!.taxRatePercent, priceIncludesTax, display: market.taxDisplay, rounding: mode }),
      );
      chargeNets.push({ net: sum(parts.map((part) => part.net), currency), fromCountry: group.fromCountry });
      if (freeShipping) continue;
      parts.forEach((part, position) => lineShipping[group.lineIndexes[position]!]!.push(part));
      groupShipping[groupIndex]!.push(...parts);
    }
  });
  const payableParts = groupShipping.flat();
  const shippingTax = sum(payableParts.map((part) => part.tax), currency);
  const shippingGross = sum(payableParts.map((part) => part.gross), currency);

  // Customs value per the destination's basis: a line's freight is its share of its own parcel's charge.
  const cif = market.customsValuation === CustomsValuation.CIF;
  const withFreight = taxed.map((entry, index) => {
    const freight = cif ? sum(lineShipping[index]!.map((part) => part.net), currency) : zero;
    return { ...entry, freight, customsValue: add(entry.net, freight) };
  });
  const deMinimis = findDeMinimis(market.country, input.deMinimis);
  const thresholdBasis = comparesIntrinsicValue(deMinimis) ? ThresholdBasis.INTRINSIC_VALUE : ThresholdBasis.CUSTOMS_VALUE;
  const insurance = zero;

  // Each consignment is assessed on its own: its value against the thresholds, its own flat-duty subheadings.
  const lineBasis: (DutyBasis | null)[] = lines.map(() => null);
  const lineMatch = lines.map((line, index) =>
    dutiableLine[index] ? findDutyRate(line.hsCode, market.country, input.dutyRates) : { ratePercent: '0', hsPrefix: null, matched: true },
  );
  const flatDuty = new Map<number, Money>();
  const assessedGroups = groups.map((group) => {
    const imported = group.lineIndexes.filter((index) => dutiableLine[index]);
    const goods = sum(imported.map((index) => withFreight[index]!.net), currency);
    const freight = sum(imported.map((index) => withFreight[index]!.freight), currency);
    const value = add(add(goods, freight), insurance);
    const comparedValue = thresholdBasis === ThresholdBasis.INTRINSIC_VALUE ? goods : value;
    // Nothing crosses a border: nothing is owed, whatever the thresholds.
    const assessment = imported.length === 0 ? null : assessConsignmentDuty(comparedValue, deMinimis, input.now);
    for (const index of imported) lineBasis[index] = dutyBasisOfGood(lines[index]!.hsCode, assessment!, deMinimis);
    // The flat duty is per distinct tariff subheading of the consignment, however many lines or units share it;
    // each subheading's amount is split over its lines by customs value (largest remainder), adding up exactly.
    const subheadings = new Map<string, number[]>();
    for (const index of imported) {
      if (lineBasis[index] !== DutyBasis.FLAT_LOW_VALUE) continue;
      const subheading = tariffSubheadingOf(lines[index]!.hsCode);
      subheadings.set(subheading, [...(subheadings.get(subheading) ?? []), index]);
    }
    for (const indexes of subheadings.values()) {
      const parts = allocate(assessment!.regime!.amountPerSubheading, indexes.map((index) => withFreight[index]!.customsValue.minor));
      indexes.forEach((index, position) => flatDuty.set(index, parts[position]!));
    }
    return { group, imported, customsValue: { basis: market.customsValuation, goods, freight, insurance, value }, comparedValue, assessment, subheadings };
  });

  const items = withFreight.map((entry, index): QuotedLine => {
    const dutiable = dutiableLine[index]!;
    const match = lineMatch[index]!;
    const basis = lineBasis[index]!;
    const group = assessedGroups.find(({ group }) => group.lineIndexes.includes(index))!;
    // Goods the relief excludes (sake into the EU) owe duty even when the consignment is under the threshold.
    const reliefExcluded = dutiable && isExcludedFromDutyRelief(entry.line.hsCode, deMinimis);
    const duty =
      basis === DutyBasis.FLAT_LOW_VALUE
        ? flatDuty.get(index)!
        : basis === DutyBasis.AD_VALOREM
          ? dutyOn(entry.customsValue, match.ratePercent, mode)
          : zero;
    const importTax = group.assessment?.importTaxOwed ? taxOf(duty, entry.taxRatePercent, mode) : zero;
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

  const consignments = assessedGroups.map(({ group, imported, customsValue, comparedValue, assessment, subheadings }, groupIndex): ConsignmentAssessment => {
    const parts = groupShipping[groupIndex]!;
    return {
      fromCountry: group.fromCountry,
      lineIndexes: group.lineIndexes,
      crossesCustomsBorder: imported.length > 0,
      shipping: group.charges.length > 0 ? sum(parts.map((part) => part.shown), currency) : null,
      customsValue,
      thresholdBasis,
      comparedValue,
      dutyBasis: assessment?.basis ?? null,
      dutyOwed: assessment !== null && assessment.basis !== DutyBasis.RELIEF,
      importTaxOwed: assessment?.importTaxOwed ?? false,
      flatDutySubheadings: subheadings.size,
      duty: sum(group.lineIndexes.map((index) => items[index]!.duty), currency),
      importTax: sum(group.lineIndexes.map((index) => items[index]!.importTax), currency),
    };
  });
  const crossing = consignments.filter((consignment) => consignment.crossesCustomsBorder);
  const dutyOwed = consignments.some((consignment) => consignment.dutyOwed);
  const importTaxOwed = consignments.some((consignment) => consignment.importTaxOwed);

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
  chargeNets.forEach(({ net, fromCountry }, index) =>
    ledger.add(PriceStepKind.SHIPPING, `Shipment ${index + 1} of ${chargeNets.length}${fromCountry ? ` (from ${fromCountry})` : ''}, net of VAT/GST`, net),
  );
  if (freeShipping) {
    ledger.add(
      PriceStepKind.SHIPPING_DISCOUNT,
      `Free shipping from ${toDecimalString(threshold!)} ${currency} of items`,
      negate(sum(chargeNets.map(({ net }) => net), currency)),
    );
  }
  ledger.add(PriceStepKind.TAX, `VAT/GST on items${charges.length > 0 && !freeShipping ? ' and shipping (at the goods\' rates)' : ''}`, tax);
  if (dutyIncluded && duty.minor > 0n) {
    // One set of duty steps per consignment that owes duty, named by its parcel when the cart ships in several.
    const parcelled = groups.filter((group) => group.fromCountry !== null).length;
    assessedGroups.forEach(({ group, assessment, subheadings }, groupIndex) => {
      const owed = group.lineIndexes.map((index) => items[index]!);
      const prefix = parcelled > 1 && group.fromCountry !== null ? `Shipment ${groupIndex + 1} of ${parcelled} (from ${group.fromCountry}): ` : '';
      const flatTotal = sum(owed.filter((item) => item.dutyBasis === DutyBasis.FLAT_LOW_VALUE).map((item) => item.duty), currency);
      const adValoremItems = owed.filter((item) => item.dutyBasis === DutyBasis.AD_VALOREM);
      const adValorem = sum(adValoremItems.map((item) => item.duty), currency);
      if (flatTotal.minor > 0n) ledger.add(PriceStepKind.DUTY, `${prefix}${flatDutyLabel(assessment!.regime!, subheadings.size)}`, flatTotal);
      if (adValorem.minor > 0n) {
        // The customs value of the goods that owe ad valorem duty: the whole consignment above the threshold; under
        // it only the goods a relief or flat regime excludes (sake).
        const base = sum(adValoremItems.map((item) => item.customsValue), currency);
        ledger.add(PriceStepKind.DUTY, `${prefix}Import duty on the ${market.customsValuation} customs value ${toDecimalString(base)}`, adValorem, {
          basis: moneyToExact(base),
        });
      }
    });
  }
  if (dutyIncluded && importTax.minor > 0n) {
    const taxedDuty = sum(consignments.filter((consignment) => consignment.importTaxOwed).map((consignment) => consignment.duty), currency);
    ledger.add(PriceStepKind.IMPORT_TAX, 'Import VAT/GST on the duty', importTax, { basis: moneyToExact(taxedDuty) });
  }
  if (!ledger.total.eq(moneyToExact(total))) {
    throw new Error(`Quote explanation ${ledger.total.toString()} differs from the total ${toDecimalString(total)}`);
  }

  return {
    items,
    itemsTotal,
    // `shown` is the gross part where prices include tax, else the net: the shipping as the market shows it.
    shipping: charges.length > 0 ? sum(payableParts.map((part) => part.shown), currency) : null,
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
      goods: sum(crossing.map((consignment) => consignment.customsValue.goods), currency),
      freight: sum(crossing.map((consignment) => consignment.customsValue.freight), currency),
      insurance,
      value: sum(crossing.map((consignment) => consignment.customsValue.value), currency),
    },
    deMinimis: {
      consignmentValue: sum(crossing.map((consignment) => consignment.comparedValue), currency),
      thresholdBasis,
      dutyOwed,
      importTaxOwed,
      dutyBasis: strongestBasis(crossing.map((consignment) => consignment.dutyBasis)),
      flatDutySubheadings: consignments.reduce((count, consignment) => count + consignment.flatDutySubheadings, 0),
    },
    consignments,
    steps: ledger.steps,
  };
}

type TaxSplit = ReturnType<typeof applyTax>;

type ConsignmentGroup = {
  readonly fromCountry: string | null;
  readonly lineIndexes: readonly number[];
  readonly charges: readonly Money[];
  readonly dutiable: (lineIndex: number) => boolean;
};

/**
 * The consignments of a quote. With `parcels`: one per parcel, its goods crossing a customs border when its
 * warehouse is outside the destination's customs territory, plus the lines no parcel carries (they do not ship,
 * so they cross nothing and carry no freight). Without: the whole cart as one consignment with the lines'
 * own `dutiable` flags and `shippingCharges` spread over all lines (a product page, or a caller without parcels).
 */
function consignmentGroupsOf(input: ConsignmentInput): ConsignmentGroup[] {
  const { lines, parcels } = input;
  if (!parcels) {
    return [{ fromCountry: null, lineIndexes: lines.map((_, index) => index), charges: input.shippingCharges ?? [], dutiable: (index) => lines[index]!.dutiable !== false }];
  }
  if (input.shippingCharges) throw new Error('Give shipping either per parcel (parcels) or per cart (shippingCharges), not both');
  const unions = input.customsUnions ?? CUSTOMS_UNIONS;
  const carried = new Set<number>();
  const groups: ConsignmentGroup[] = parcels.map((parcel) => {
    for (const index of parcel.lineIndexes) {
      if (!Number.isInteger(index) || index < 0 || index >= lines.length || carried.has(index)) {
        throw new Error(`Parcel from ${parcel.fromCountry} names line ${index}, which is not a line of the quote or is already in a parcel`);
      }
      carried.add(index);
    }
    const crosses = crossesCustomsBorder(parcel.fromCountry, input.market.country, unions);
    return { fromCountry: parcel.fromCountry, lineIndexes: parcel.lineIndexes, charges: [parcel.charge], dutiable: () => crosses };
  });
  const unshipped = lines.map((_, index) => index).filter((index) => !carried.has(index));
  if (unshipped.length > 0) groups.push({ fromCountry: null, lineIndexes: unshipped, charges: [], dutiable: () => false });
  return groups;
}

/** The cart-level basis of several consignments: ad valorem if any owes it, else the flat duty, else relief. */
function strongestBasis(bases: readonly (DutyBasis | null)[]): DutyBasis | null {
  for (const basis of [DutyBasis.AD_VALOREM, DutyBasis.FLAT_LOW_VALUE, DutyBasis.RELIEF]) if (bases.includes(basis)) return basis;
  return null;
}

function itemLabel(item: QuotedLine): string {
  return `${item.quantity} × ${item.productId} at ${toDecimalString(item.unitPrice)}, net of VAT/GST`;
}

function negate(money: Money): Money {
  return { minor: -money.minor, currency: money.currency };
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
