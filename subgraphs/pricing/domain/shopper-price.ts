import { badUserInput, DomainError, ErrorCode } from '../../common/contract/errors.ts';
import { chargesAtCheckout, Collector, decideCollection, type Collection } from './collection.ts';
import { Exact } from './exact.ts';
import {
  assessConsignmentDuty,
  DutyBasis,
  dutyBasisOfGood,
  dutyFraction,
  dutyOn,
  findDeMinimis,
  findDutyRate,
  flatDutyLabel,
  isExcludedFromTaxRelief,
  isImportTaxWaived,
  type DeMinimis,
  type DutyRate,
  type LowValueRegime,
} from './duty.ts';
import { PriceLedger, PriceStepKind, type PriceStep } from './explanation.ts';
import {
  preferenceLabel,
  selectPreferentialRate,
  type AppliedPreference,
  type OriginFacts,
  type PreferenceData,
} from './preferential-origin.ts';
import { convert, type FxRate } from './fx.ts';
import { dutyIncludedIn, type Incoterm, type Market } from './market.ts';
import type { CollectionRules } from './landed-cost/types.ts';
import { add, compare, subtract, toDecimalString, zeroOf, type Money } from './money.ts';
import { isSaleActive, PriceSource, type BasePrice, type PriceConversion, type LocalPrice } from './price-book.ts';
import {
  describePresentment,
  divideToMoney,
  moneyToExact,
  presentAmount,
  roundToMoney,
  DEFAULT_ROUNDING,
  type PresentmentRule,
  type RoundingMode,
} from './rounding.ts';
import { findTaxRate, fraction, taxOf, TaxDisplay, applyTax, type TaxCategory, type TaxRate } from './tax.ts';
import { levyAtCheckout, type Levy, type LevyQuantity } from './levy.ts';
import { unitExciseOf } from './unit-excise.ts';

export type ShopperPriceInput = {
  readonly productId: string;
  readonly market: Market;
  /** The currency to present the price in: the market's (default) or one of its `additionalCurrencies`. */
  readonly currency?: string;
  readonly localPrices: readonly LocalPrice[];
  readonly basePrice: BasePrice | null | undefined;
  readonly hsCode: string;
  readonly taxCategory: TaxCategory;
  /** False when the goods do not cross a customs border to the market; default true. */
  readonly dutiable?: boolean;
  readonly taxRates: readonly TaxRate[];
  readonly dutyRates: readonly DutyRate[];
  /** De minimis records with thresholds in the presented currency (see `deMinimisIn`). */
  readonly deMinimis: readonly DeMinimis[];
  readonly rates: readonly FxRate[];
  readonly now: Date;
  readonly maxRateAgeHours: number;
  /** Ties for FX, tax, duty and presentment rounding. Default HALF_UP. */
  readonly rounding?: RoundingMode;
  /** The goods' origin, the proofs held for it and where they ship from; absent: the MFN rate, no preference. */
  readonly origin?: OriginFacts | null;
  /** Trade agreements and their preferential rates (reference data); absent: no preference. */
  readonly preferences?: PreferenceData | null;
  /** The destination's seller-collection schemes (ceilings in the presented currency) and the merchant's registrations. */
  readonly collection?: CollectionRules;
  /** The destination's levies in force, in the presented currency: a per-kg excise is in the unit's price. */
  readonly levies?: readonly Levy[];
  /** What the unit holds: the base of a per-kg excise. */
  readonly netQuantity?: LevyQuantity | null;
  /**
   * Where the caller keeps the rules of units already priced with the same reference data and clock (one
   * destination in one request): products sharing an HS code, origin and tax category share their rules.
   */
  readonly unitRules?: UnitRulesCache;
};

/** The value-independent rules of units priced for one destination at one "now", by everything that decides them. */
export type UnitRulesCache = Map<string, Rules>;

/** One unit's price as a shopper sees it, its legal split, and the steps that built it. */
export type ShopperPrice = ExplainedShopperPrice;

/**
 * The presentment rule for prices shown in `currency` in `market`: the market's own rule (NL .99, CH 0.05) for its
 * own currency; in an additional currency (EUR in Switzerland) plain rounding to that currency's minor unit, since
 * the market's endings are habits of its own currency.
 */
export function presentmentFor(market: Pick<Market, 'currency' | 'presentment'>, currency: string): PresentmentRule {
  return currency === market.currency ? market.presentment : { kind: 'exponent' };
}

/** The currencies shoppers of `market` may be presented and charged in: its own first, then the additional ones. */
export function acceptedCurrencies(market: Pick<Market, 'currency' | 'additionalCurrencies'>): string[] {
  return [market.currency, ...market.additionalCurrencies.filter((currency) => currency !== market.currency)];
}

/**
 * The currency to present in: `requested` when the market accepts it, the market's own when none is requested.
 * Any other currency is BAD_USER_INPUT naming it and the accepted ones.
 */
export function presentmentCurrencyOf(
  market: Pick<Market, 'country' | 'currency' | 'additionalCurrencies'>,
  requested: string | null | undefined,
): string {
  if (requested === null || requested === undefined) return market.currency;
  const accepted = acceptedCurrencies(market);
  if (accepted.includes(requested)) return requested;
  throw badUserInput(
    `${market.country} does not accept ${String(requested).slice(0, 8)}; prices there can be shown in ${accepted.join(', ')}`,
    { currency: String(requested).slice(0, 8), country: market.country, acceptedCurrencies: accepted },
  );
}

/**
 * De minimis records with thresholds — and a low-value regime's flat amount and ceiling (the EU's €3 and €150 in a
 * PLN, CZK, HUF, RON, SEK or DKK market) — converted into `currency` at the reference rate in force at `now` (no
 * margin: the law's figures are not ours to mark up), rounded half-up to the nearest minor unit. Amounts already in
 * `currency` are returned as they are. The newest reference rate stands in for the customs rate (CCT Reg. (EEC)
 * 2658/87 Art. 18 fixes euro amounts in national currency yearly at the first working day of October), which we
 * do not store: it keeps the duty consistent with the converted price it is added to.
 */
export function deMinimisIn(
  records: readonly DeMinimis[],
  currency: string,
  options: { readonly rates: readonly FxRate[]; readonly now: Date; readonly maxRateAgeHours: number },
): DeMinimis[] {
  const inCurrency = (threshold: Money | null): Money | null =>
    threshold === null || threshold.currency === currency
      ? threshold
      : convert(threshold, currency, options.rates, { now: options.now, maxAgeHours: options.maxRateAgeHours, rounding: 'HALF_UP' }).money;
  const tiersIn = (tiers: DeMinimis['shipFromThresholds']) =>
    tiers?.map((tier) => ({ ...tier, dutyThreshold: inCurrency(tier.dutyThreshold), taxThreshold: inCurrency(tier.taxThreshold) }));
  const regimeIn = (regime: LowValueRegime | null | undefined): LowValueRegime | null =>
    regime
      ? {
          ...regime,
          statedAmount: regime.statedAmount ?? regime.amountPerSubheading,
          amountPerSubheading: inCurrency(regime.amountPerSubheading)!,
          valueCeiling: inCurrency(regime.valueCeiling)!,
        }
      : null;
  // The waiver and the carrier fee are amounts too: compared with, and added to, amounts in `currency`.
  const amountIn = <T extends { readonly amount: Money }>(entry: T | null | undefined): T | null =>
    entry ? { ...entry, amount: inCurrency(entry.amount)! } : null;
  return records.map((record) => ({
    ...record,
    dutyThreshold: inCurrency(record.dutyThreshold),
    taxThreshold: inCurrency(record.taxThreshold),
    ...(record.shipFromThresholds ? { shipFromThresholds: tiersIn(record.shipFromThresholds) } : {}),
    lowValueRegime: regimeIn(record.lowValueRegime),
    importTaxWaiver: amountIn(record.importTaxWaiver),
    carrierFee: amountIn(record.carrierFee),
  }));
}

/**
 * The price of one unit of a product for a shopper, computed once and explained by the same code:
 * 1. A price-book price (market currency only) is used as typed; otherwise the base price (net) is converted at the
 *    reference rate plus the market's FX margin.
 * 2. For a converted price, VAT/GST (tax-inclusive markets) and, under DDP, duty and import VAT on it are added
 *    exactly, and the presentment rule (NL round up to .99, CH nearest 0.05, whole yen) is applied ONCE to the
 *    price the shopper sees, duty included.
 * 3. The rounding adjustment is the merchant's: the shown price is split back into net, duty, import VAT and VAT
 *    (net = shown ÷ ((1 + VAT) + duty × (1 + VAT)), rounded; duty and import VAT on that net; VAT the remainder), so
 *    that the tax is the legal share of the price the shopper pays.
 * Whether duty is owed is decided on the value before presentment rounding (a rounding never exceeds one unit).
 */
export function priceForShopper(input: ShopperPriceInput): ShopperPrice {
  const { market, now, productId } = input;
  const currency = input.currency ?? market.currency;
  const local =
    currency === market.currency
      ? input.localPrices.find((entry) => entry.productId === productId && entry.country === market.country)
      : undefined;
  const base = input.basePrice;
  if (!local && (!base || base.productId !== productId)) {
    throw new DomainError(ErrorCode.NOT_AVAILABLE, `Product ${productId} has no price for ${market.country}`, {
      productId,
      country: market.country,
    });
  }
  const saleSource = local ? local.sale : base?.sale;
  const sale = isSaleActive(saleSource, now) ? saleSource : null;
  const priceAt = (withSale: boolean) => (local ? priceFromBook(input, local, withSale) : priceConverted(input, base!, withSale, currency));
  const current = priceAt(true);
  const regular = sale ? priceAt(false) : null;
  return new ExplainedShopperPrice(
    current,
    regular && compare(regular.amount, current.amount) > 0 ? regular.amount : null,
    sale ? sale.validUntil : null,
    local ? PriceSource.LOCAL_PRICE_BOOK : PriceSource.CONVERTED,
    market,
    input.taxCategory,
    base ? base.price.currency : local!.price.currency,
  );
}

/**
 * A shopper price whose explanation steps are written out from its ledger's exact record when first read (a
 * listing rarely asks for the explanation). A class, so `steps` is a prototype getter: cheap to create for every
 * product of every listing, where an object literal with a getter is not.
 */
class ExplainedShopperPrice {
  /** The price to show: gross or net per the market's tax display, plus duty and import tax under DDP. */
  readonly amount: Money;
  /** The goods' price as the market shows it, without duty: what a quote line's unit price is. */
  readonly goodsPrice: Money;
  readonly taxIncluded: boolean;
  /** The unit price without VAT/GST, duty and excise. */
  readonly net: Money;
  readonly tax: Money;
  /** The excise inside `amount` (Germany's coffee tax); zero when none, or when it is due on delivery. */
  readonly excise: Money;
  readonly taxRatePercent: string;
  readonly duty: Money;
  readonly dutyRatePercent: string;
  readonly dutyHsPrefix: string | null;
  /** Import VAT/GST: on the duty where VAT/GST is collected at checkout; on value + duty where due on delivery. */
  readonly importTax: Money;
  readonly dutyIncluded: boolean;
  /** Who collects the unit's taxes when it ships alone. */
  readonly collection: Collection;
  /** Duty + import VAT/GST + carrier fee due on delivery (CARRIER_ON_DELIVERY), else zero. */
  readonly dueOnDelivery: Money;
  readonly dutyRateFound: boolean;
  /**
   * The preference the duty was assessed under (a trade agreement's rate for originating goods with proof); null
   * when the MFN rate applied, or when the duty was not ad valorem (a flat low-value duty or relief claims none).
   */
  readonly dutyPreference: AppliedPreference | null;
  readonly dutiable: boolean;
  /** How the unit's duty was assessed (a unit shipped alone); null when the goods are not dutiable. */
  readonly dutyBasis: DutyBasis | null;
  /** True when the unit alone owes no duty (at or below the de minimis, or not dutiable). */
  readonly belowDeMinimis: boolean;
  readonly incoterm: Incoterm;
  /** While a cheaper sale runs, what `amount` would be at the regular price; otherwise null. */
  readonly compareAt: Money | null;
  readonly saleEndsAt: Date | null;
  readonly source: PriceSource;
  readonly fx: PriceConversion | null;
  /** The presentment rule applied to a converted price (the market's; plain minor-unit rounding in another currency). */
  readonly presentment: PresentmentRule;
  /** The VAT/GST category the price was taxed under. */
  readonly taxCategory: TaxCategory;
  /** Currency of the base price, the source of a converted price (of the price-book price when there is no base price). */
  readonly baseCurrency: string;
  readonly #ledger: PriceLedger;

  constructor(
    unit: PricedUnit,
    compareAt: Money | null,
    saleEndsAt: Date | null,
    source: PriceSource,
    market: Market,
    taxCategory: TaxCategory,
    baseCurrency: string,
  ) {
    const { rules, owed } = unit;
    this.amount = unit.amount;
    this.goodsPrice = unit.goodsPrice;
    this.taxIncluded = owed.inclusive;
    this.net = unit.net;
    this.tax = unit.tax;
    this.excise = unit.excise;
    this.taxRatePercent = rules.taxRatePercent;
    this.duty = unit.duty;
    this.dutyRatePercent = rules.match.ratePercent;
    this.dutyHsPrefix = rules.match.hsPrefix;
    this.importTax = unit.importTax;
    this.dutyIncluded = owed.ddp;
    this.collection = owed.collection;
    this.dueOnDelivery = unit.dueOnDelivery;
    this.dutyRateFound = rules.match.matched;
    this.dutyPreference = owed.basis === DutyBasis.AD_VALOREM ? rules.match.preference : null;
    this.dutiable = rules.dutiable;
    this.dutyBasis = owed.basis;
    this.belowDeMinimis = owed.belowDeMinimis;
    this.incoterm = market.incoterm;
    this.compareAt = compareAt;
    this.saleEndsAt = saleEndsAt;
    this.source = source;
    this.fx = unit.fx;
    this.presentment = unit.presentment;
    this.taxCategory = taxCategory;
    this.baseCurrency = baseCurrency;
    this.#ledger = unit.ledger;
  }

  /** From the base (or price-book) price to `amount`; the steps in `amount`'s currency add up to it exactly. */
  get steps(): readonly PriceStep[] {
    return this.#ledger.steps;
  }
}

type Rules = ReturnType<typeof computeRules>;
type Owed = ReturnType<typeof owedOf>;

/** A unit priced with or without its sale: its amounts, the rules and duty assessment behind them, and the ledger that explains it. */
type PricedUnit = {
  readonly amount: Money;
  readonly dueOnDelivery: Money;
  readonly goodsPrice: Money;
  readonly net: Money;
  readonly tax: Money;
  readonly excise: Money;
  readonly duty: Money;
  readonly importTax: Money;
  readonly fx: PriceConversion | null;
  readonly presentment: PresentmentRule;
  readonly rules: Rules;
  readonly owed: Owed;
  readonly ledger: PriceLedger;
};

/**
 * What decides a unit's rules besides the reference data and clock the cache is kept for: market, currency,
 * rounding, HS code, tax category, whether it crosses a border, its origin facts and net quantity.
 */
function unitRulesKey(input: ShopperPriceInput): string {
  const { origin, netQuantity } = input;
  const originKey = origin ? `${origin.originCountry}>${origin.shipFrom}:${origin.originProofs.join(',')}` : '';
  const quantityKey = netQuantity ? `${netQuantity.value}${netQuantity.unit}` : '';
  return `${input.market.country}|${input.currency ?? input.market.currency}|${input.rounding ?? ''}|${input.hsCode}|${input.taxCategory}|${input.dutiable !== false}|${originKey}|${quantityKey}`;
}

/** The unit's rules, from `input.unitRules` when a unit with the same facts was priced before. */
function rulesOf(input: ShopperPriceInput): Rules {
  const cache = input.unitRules;
  if (!cache) return computeRules(input);
  const key = unitRulesKey(input);
  let rules = cache.get(key);
  if (!rules) cache.set(key, (rules = computeRules(input)));
  return rules;
}

/** The rules of a unit that do not depend on its value: rates, thresholds and the excise. */
function ruleFactsOf(input: ShopperPriceInput) {
  const { market } = input;
  const dutiable = input.dutiable !== false;
  const match = dutiable
    ? selectPreferentialRate(
        findDutyRate(input.hsCode, market.country, input.dutyRates),
        input.hsCode,
        market.country,
        input.origin,
        input.preferences,
        input.now,
      )
    : { ratePercent: '0', hsPrefix: null, matched: true, preference: null };
  const deMinimis = findDeMinimis(market.country, input.deMinimis);
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const taxRatePercent = findTaxRate(market.country, input.taxCategory, input.taxRates);
  const inclusive = market.taxDisplay === TaxDisplay.INCLUSIVE;
  const excise = unitExciseOf(input.levies ?? [], input.hsCode, input.netQuantity);
  return {
    mode,
    /** The per-kg excise on one unit (Germany's coffee tax), or null. */
    excise,
    /** The market's display: whether its prices include VAT/GST where it is collected at checkout. */
    inclusive,
    taxRatePercent,
    dutiable,
    match,
    deMinimis,
  };
}

type RuleFacts = ReturnType<typeof ruleFactsOf>;

/** A unit's rules, and what it owes at a given value (the same value owes the same: decided once). */
function computeRules(input: ShopperPriceInput) {
  const facts = ruleFactsOf(input);
  const owedByNet = new Map<bigint, Owed>();
  return {
    ...facts,
    owedFor(net: Money): Owed {
      let owed = owedByNet.get(net.minor);
      if (!owed) owedByNet.set(net.minor, (owed = owedOf(input, facts, net)));
      return owed;
    },
  };
}

/**
 * Who collects, and what duty and import tax are owed, on a unit of `net` value shipped alone: one unit is
 * one consignment, its intrinsic value is its net price (no freight on a product page), and it is one tariff
 * subheading.
 */
function owedOf(input: ShopperPriceInput, facts: RuleFacts, net: Money) {
  const { market } = input;
  const { dutiable, excise, deMinimis, taxRatePercent, mode, inclusive } = facts;
  const collection = decideCollection({
    destination: market.country,
    crossesCustomsBorder: dutiable,
    goods: dutiable ? [{ hsCode: input.hsCode, quantity: 1, net }] : [],
    schemes: input.collection?.schemes ?? [],
    registrations: input.collection?.registrations ?? [],
    dutyPaidClearance: dutyIncludedIn(market),
    now: input.now,
  });
  const ddp = chargesAtCheckout(collection);
  if (!dutiable) {
    return {
      basis: null,
      dutyOwed: false,
      importTaxOwed: false,
      belowDeMinimis: true,
      flat: null,
      collection,
      ddp,
      taxCollected: true,
      inclusive,
      exciseAtCheckout: excise !== null,
    };
  }
  const consignment = collection.scheme?.exemptsDuty
    ? { basis: DutyBasis.RELIEF, regime: null, importTaxOwed: true }
    : assessConsignmentDuty(net, deMinimis, input.now, { fromCountry: input.origin?.shipFrom ?? null, hsCodes: [input.hsCode] });
  const basis = dutyBasisOfGood(input.hsCode, consignment, deMinimis);
  const importTaxOwed = consignment.importTaxOwed || isExcludedFromTaxRelief(input.hsCode, deMinimis);
  // As importer the border's thresholds decide whether VAT is owed at all (Japan ≤ ¥10,000: none); the
  // waiver is on the tax amount (here on the unit's value: a page has no freight).
  const taxCollected =
    collection.collector === Collector.SELLER_AT_CHECKOUT ||
    (collection.collector === Collector.SELLER_AS_IMPORTER &&
      importTaxOwed &&
      !isImportTaxWaived(taxOf(net, taxRatePercent, mode), deMinimis));
  return {
    basis,
    dutyOwed: basis !== DutyBasis.RELIEF,
    importTaxOwed: importTaxOwed && (ddp ? taxCollected : true),
    belowDeMinimis: basis === DutyBasis.RELIEF,
    flat: basis === DutyBasis.FLAT_LOW_VALUE ? consignment.regime : null,
    collection,
    ddp,
    taxCollected,
    inclusive: inclusive && taxCollected,
    // Whoever clears an import owes the excise: in the price unless the carrier clears it (then due on delivery).
    exciseAtCheckout: excise !== null && levyAtCheckout(excise.levy, dutiable, collection),
  };
}

/** "Import duty 0 % on the net price (EU–Japan … preferential rate for JP origin on a statement on origin, MFN 2 %)". */
function adValoremDutyLabel(rules: Rules): string {
  const { preference } = rules.match;
  return `Import duty ${rules.match.ratePercent} % on the net price${preference ? ` (${preferenceLabel(preference)})` : ''}`;
}

/** Why VAT/GST in a typed price-book price is not charged at checkout. */
function notCollectedLabel(owed: Owed): string {
  return owed.ddp
    ? "VAT/GST not owed: the import is within the destination's import-tax threshold"
    : 'VAT/GST not charged at checkout: the carrier collects import VAT/GST on delivery';
}

/**
 * What the carrier collects on delivery for a unit it clears (zero otherwise): duty, import VAT/GST on its value
 * plus duty where owed and not waived (Switzerland: ≤ CHF 5), and its fee when anything is due. Returns the
 * import VAT/GST too: on delivery it is on the value plus duty, not on the duty alone.
 */
function dueOnDeliveryOf(net: Money, duty: Money, rules: Rules, owed: Owed): { importTax: Money; due: Money } {
  const zero = zeroOf(net.currency);
  if (owed.ddp) return { importTax: zero, due: zero };
  // An excise the carrier collects at the border is in the import VAT base (customs value + duty + excise).
  const excise = rules.excise && !owed.exciseAtCheckout ? roundToMoney(rules.excise.exact, net.currency, rules.mode) : zero;
  const inBase = rules.excise?.levy.inVatBase ? excise : zero;
  const vat = owed.importTaxOwed ? taxOf(add(add(net, duty), inBase), rules.taxRatePercent, rules.mode) : zero;
  const importTax = isImportTaxWaived(vat, rules.deMinimis) ? zero : vat;
  const charges = add(add(duty, importTax), excise);
  const fee = rules.deMinimis?.carrierFee ?? null;
  return { importTax, due: fee && charges.minor > 0n ? add(charges, fee.amount) : charges };
}

/** A price-book price, as typed (never re-rounded), with duty and import tax on top under DDP. */
function priceFromBook(input: ShopperPriceInput, local: LocalPrice, withSale: boolean): PricedUnit {
  const { market } = input;
  const rules = rulesOf(input);
  const sale = withSale && isSaleActive(local.sale, input.now) ? local.sale : null;
  const goods = sale ? sale.price : local.price;
  if (goods.currency !== market.currency) {
    throw new DomainError(
      ErrorCode.INTERNAL_SERVER_ERROR,
      `Local price for ${input.productId} is in ${goods.currency}, but the market charges in ${market.currency}`,
      { productId: input.productId, currency: goods.currency },
    );
  }
  const split = applyTax({
    price: goods,
    rate: rules.taxRatePercent,
    priceIncludesTax: rules.inclusive,
    display: market.taxDisplay,
    rounding: rules.mode,
  });
  const owed = rules.owedFor(split.net);
  const { ledger, excise, exciseTax } = bookLedger(input, local, sale, split, rules, owed);
  const duty = owed.flat
    ? owed.flat.amountPerSubheading
    : owed.dutyOwed
      ? dutyOn(split.net, rules.match.ratePercent, rules.mode)
      : zeroOf(goods.currency);
  const onDelivery = dueOnDeliveryOf(split.net, duty, rules, owed);
  const importTax = owed.ddp
    ? owed.importTaxOwed
      ? taxOf(duty, rules.taxRatePercent, rules.mode)
      : zeroOf(goods.currency)
    : onDelivery.importTax;
  // The book price is typed as the market shows prices; VAT/GST it holds that is not collected at checkout comes off.
  if (rules.inclusive && !owed.taxCollected) ledger.add(PriceStepKind.TAX, notCollectedLabel(owed), subtract(split.net, split.gross));
  if (owed.ddp && owed.flat) {
    ledger.add(PriceStepKind.DUTY, flatDutyLabel(owed.flat, 1), duty);
  } else if (owed.ddp && owed.dutyOwed) {
    ledger.add(PriceStepKind.DUTY, adValoremDutyLabel(rules), duty, {
      ratePercent: rules.match.ratePercent,
      basis: moneyToExact(split.net),
    });
  }
  if (owed.ddp && owed.dutyOwed) {
    if (owed.importTaxOwed) {
      ledger.add(PriceStepKind.IMPORT_TAX, `Import VAT/GST ${rules.taxRatePercent} % on the duty`, importTax, {
        ratePercent: rules.taxRatePercent,
        basis: moneyToExact(duty),
      });
    }
  }
  const amount = roundToMoney(ledger.total, goods.currency, rules.mode /* exact already: whole minor units */);
  return {
    amount,
    dueOnDelivery: onDelivery.due,
    // Without the excise and its VAT: a quote charges them itself, per line (see `assessLevies`).
    goodsPrice: owed.taxCollected ? subtract(split.shown, add(excise, exciseTax)) : split.net,
    net: subtract(split.net, excise),
    tax: owed.taxCollected ? split.tax : zeroOf(goods.currency),
    excise,
    duty,
    importTax,
    fx: null,
    presentment: market.presentment,
    rules,
    owed,
    ledger,
  };
}

/**
 * The explanation of a price-book price up to the goods as charged. Where the book price includes VAT/GST collected
 * at checkout, it is split into its parts — net of VAT/GST (and of an excise inside it), the sale's reduction of
 * that net, the excise, the VAT/GST — which add up to the book (or sale) price; otherwise the price as typed.
 */
function bookLedger(
  input: ShopperPriceInput,
  local: LocalPrice,
  sale: { readonly price: Money } | null,
  split: ReturnType<typeof applyTax>,
  rules: Rules,
  owed: Owed,
): { ledger: PriceLedger; excise: Money; exciseTax: Money } {
  const { market } = input;
  const { currency } = split.net;
  const zero = zeroOf(currency);
  const excise = rules.excise && owed.exciseAtCheckout ? roundToMoney(rules.excise.exact, currency, rules.mode) : zero;
  const exciseTax = rules.excise?.levy.inVatBase && owed.inclusive ? taxOf(excise, rules.taxRatePercent, rules.mode) : zero;
  if (!(rules.inclusive && owed.taxCollected)) {
    const ledger = new PriceLedger(
      PriceStepKind.PRICE_BOOK,
      `${market.country} price book price${rules.inclusive ? ', VAT/GST included' : ', before tax'}`,
      local.price,
    );
    if (sale) ledger.add(PriceStepKind.SALE, 'Sale price', subtract(sale.price, local.price));
    return { ledger, excise, exciseTax };
  }
  const netOf = (price: Money) =>
    subtract(
      applyTax({ price, rate: rules.taxRatePercent, priceIncludesTax: true, display: market.taxDisplay, rounding: rules.mode }).net,
      excise,
    );
  const withExcise = excise.minor > 0n ? ' and excise' : '';
  const ledger = new PriceLedger(
    PriceStepKind.PRICE_BOOK,
    `${market.country} price book price ${toDecimalString(local.price)}, VAT/GST${withExcise} included: its net of VAT/GST${withExcise}`,
    netOf(local.price),
  );
  if (sale)
    ledger.add(
      PriceStepKind.SALE,
      `Sale price ${toDecimalString(sale.price)}, net of VAT/GST${withExcise}`,
      subtract(netOf(sale.price), netOf(local.price)),
    );
  if (rules.excise && excise.minor > 0n) ledger.add(PriceStepKind.EXCISE, rules.excise.label, excise);
  ledger.add(PriceStepKind.TAX, `VAT/GST ${rules.taxRatePercent} % included in the price book price`, split.tax, {
    ratePercent: rules.taxRatePercent,
    basis: moneyToExact(split.net),
  });
  return { ledger, excise, exciseTax };
}

/** The base price converted, taxed and (DDP) dutied exactly, then presented once and split back. */
function priceConverted(input: ShopperPriceInput, base: BasePrice, withSale: boolean, currency: string): PricedUnit {
  const { market } = input;
  const rules = rulesOf(input);
  const { mode } = rules;
  const ledger = new PriceLedger(PriceStepKind.BASE_PRICE, 'Base price, net of tax', base.price);
  const sale = withSale && isSaleActive(base.sale, input.now) ? base.sale : null;
  if (sale) ledger.add(PriceStepKind.SALE, 'Sale price', subtract(sale.price, base.price));
  const start = sale ? sale.price : base.price;
  const fx = start.currency === currency ? null : convertInLedger(ledger, start, currency, input, mode);

  const exactNet = ledger.total;
  const owed = rules.owedFor(roundToMoney(exactNet, currency, mode));
  const rates = convertedRatesOf(rules, owed);
  explainTaxAndDuty(ledger, exactNet, rules, owed, rates);

  const presentment = presentmentFor(market, currency);
  const shown = presentAmount(ledger.total, currency, presentment, mode);
  ledger.roundTo(
    () =>
      `Rounded (${describePresentment(presentment, currency)}); the adjustment is the merchant's: net, VAT/GST and duty are split from the shown price`,
    shown,
  );
  const { net, tax, duty, importTax, excise, exciseTax } = splitShownPrice(shown, rules, owed, rates);
  const onDelivery = dueOnDeliveryOf(net, duty, rules, owed);
  return {
    amount: shown,
    dueOnDelivery: onDelivery.due,
    // Without the excise and its VAT: a quote charges them itself, per line (see `assessLevies`).
    goodsPrice: owed.inclusive ? { minor: net.minor + tax.minor - exciseTax.minor, currency } : net,
    net,
    tax,
    excise,
    duty,
    importTax: owed.ddp ? importTax : onDelivery.importTax,
    fx,
    presentment,
    rules,
    owed,
    ledger,
  };
}

/** Converts the ledger's running total (`start`) into `currency` at the reference rate plus the market's FX margin. */
function convertInLedger(
  ledger: PriceLedger,
  start: Money,
  currency: string,
  input: ShopperPriceInput,
  mode: RoundingMode,
): PriceConversion {
  const { market } = input;
  const conversion = convert(start, currency, input.rates, {
    now: input.now,
    maxAgeHours: input.maxRateAgeHours,
    marginBps: market.fxMarginBps,
    rounding: mode,
  });
  ledger.convert(
    () => `${start.currency} → ${currency} at the ${conversion.source} rate of ${conversion.asOf.toISOString().slice(0, 10)}`,
    currency,
    conversion.referenceRateValue,
  );
  const marginPercent = Exact.of(market.fxMarginBps, 2).toString();
  ledger.add(PriceStepKind.FX_MARGIN, `FX margin ${marginPercent} %`, ledger.total.times(Exact.of(market.fxMarginBps, 4)), {
    ratePercent: marginPercent,
    basis: ledger.total,
  });
  if (!ledger.total.eq(conversion.exactValue)) {
    throw new Error(`Explained conversion ${ledger.total.toString()} differs from the conversion ${conversion.exactAmount}`);
  }
  // The conversion is itself a PriceConversion whose `rate` is written out only when read.
  return conversion;
}

/** The exact rates of a converted price: VAT/GST, and what of duty and import VAT is owed. */
type ConvertedRates = {
  readonly taxRate: Exact;
  /** A flat duty is an amount, not a share of the net: it stays out of the rate and is split off as a fixed part. */
  readonly flatDuty: Exact | null;
  readonly dutyRate: Exact;
  readonly importTaxRate: Exact;
  /** The per-kg excise in the price (zero when none, or when it is due on delivery), exact. */
  readonly excise: Exact;
  /** VAT/GST on the excise inside the shown price: the VAT rate where the excise is in the VAT base and VAT is shown. */
  readonly exciseTaxRate: Exact;
};

function convertedRatesOf(rules: Rules, owed: Owed): ConvertedRates {
  const taxRate = fraction(rules.taxRatePercent);
  const flatDuty = owed.flat ? moneyToExact(owed.flat.amountPerSubheading) : null;
  const dutyRate = owed.dutyOwed && !flatDuty ? dutyFraction(rules.match.ratePercent) : Exact.ZERO;
  const importTaxRate = owed.importTaxOwed ? taxRate : Exact.ZERO;
  const excise = rules.excise && owed.exciseAtCheckout ? rules.excise.exact : Exact.ZERO;
  const exciseTaxRate = rules.excise?.levy.inVatBase && owed.inclusive ? taxRate : Exact.ZERO;
  return { taxRate, flatDuty, dutyRate, importTaxRate, excise, exciseTaxRate };
}

/** The exact VAT/GST (inclusive markets) and, under DDP, duty and import VAT on the converted net. */
function explainTaxAndDuty(ledger: PriceLedger, exactNet: Exact, rules: Rules, owed: Owed, rates: ConvertedRates): void {
  // An excise is its own step, before the VAT/GST whose base it is part of (KaffeeStG: coffee tax in the VAT base).
  if (!rates.excise.isZero() && rules.excise) ledger.add(PriceStepKind.EXCISE, rules.excise.label, rates.excise);
  if (owed.inclusive) {
    const base = rates.exciseTaxRate.isZero() ? exactNet : exactNet.plus(rates.excise);
    ledger.add(PriceStepKind.TAX, `VAT/GST ${rules.taxRatePercent} %`, base.times(rates.taxRate), {
      ratePercent: rules.taxRatePercent,
      basis: base,
    });
  }
  if (!(owed.ddp && owed.dutyOwed)) return;
  const exactDuty = rates.flatDuty ?? exactNet.times(rates.dutyRate);
  if (owed.flat) {
    ledger.add(PriceStepKind.DUTY, flatDutyLabel(owed.flat, 1), exactDuty);
  } else {
    ledger.add(PriceStepKind.DUTY, adValoremDutyLabel(rules), exactDuty, {
      ratePercent: rules.match.ratePercent,
      basis: exactNet,
    });
  }
  if (owed.importTaxOwed) {
    ledger.add(PriceStepKind.IMPORT_TAX, `Import VAT/GST ${rules.taxRatePercent} % on the duty`, exactDuty.times(rates.importTaxRate), {
      ratePercent: rules.taxRatePercent,
      basis: exactDuty,
    });
  }
}

/**
 * The shown amount split back into its legal parts: a fixed part (a flat duty and its import VAT, under DDP), and
 * what is inside the rest per unit of net.
 */
function splitShownPrice(
  shown: Money,
  rules: Rules,
  owed: Owed,
  rates: ConvertedRates,
): { net: Money; tax: Money; duty: Money; importTax: Money; excise: Money; exciseTax: Money } {
  const { mode } = rules;
  const { currency } = shown;
  const one = Exact.ONE;
  const dutyPart = owed.ddp ? rates.dutyRate.times(one.plus(rates.importTaxRate)) : Exact.ZERO;
  // Fixed parts: a flat duty with its import VAT (DDP), and an excise with the VAT on it.
  const fixedPart = (owed.ddp && rates.flatDuty ? rates.flatDuty.times(one.plus(rates.importTaxRate)) : Exact.ZERO).plus(
    rates.excise.times(one.plus(rates.exciseTaxRate)),
  );
  const excise = roundToMoney(rates.excise, currency, mode);
  const exciseTax = rates.exciseTaxRate.isZero() ? zeroOf(currency) : taxOf(excise, rules.taxRatePercent, mode);
  const perNet = (owed.inclusive ? one.plus(rates.taxRate) : one).plus(dutyPart);
  const splitNet = divideToMoney(moneyToExact(shown).minus(fixedPart), perNet, currency, mode);
  const duty = owed.flat
    ? owed.flat.amountPerSubheading
    : owed.dutyOwed
      ? dutyOn(splitNet, rules.match.ratePercent, mode)
      : zeroOf(currency);
  const importTax = owed.importTaxOwed ? taxOf(duty, rules.taxRatePercent, mode) : zeroOf(currency);
  const importCharges = owed.ddp ? duty.minor + importTax.minor : 0n;
  if (owed.inclusive) {
    // VAT is what remains of the shown price: net + VAT + duty + import VAT = shown, to the cent.
    const tax = { minor: shown.minor - splitNet.minor - importCharges - excise.minor, currency };
    return { net: splitNet, tax, duty, importTax, excise, exciseTax };
  }
  const net = { minor: shown.minor - importCharges - excise.minor, currency };
  // VAT/GST added at checkout (exclusive display) only where it is collected there.
  return { net, tax: owed.taxCollected ? taxOf(net, rules.taxRatePercent, mode) : zeroOf(currency), duty, importTax, excise, exciseTax };
}
