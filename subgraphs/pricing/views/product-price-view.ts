import { describePresentment, type NetQuantity, type ShopperPrice } from '../domain/index.ts';
import type { DutyRateRecord, MarketRecord } from '../records.ts';
import { explanationOf, type PriceExplanationView } from './explanation.ts';
import { moneyView, type MoneyView } from './money-view.ts';
import type { DestinationPrecision } from '../../common/address/destination.ts';
import type { JurisdictionTax } from '../domain/index.ts';
import { taxCollectionView } from './tax-collection-view.ts';
import { stepsNamingJurisdiction, taxJurisdictionView, type TaxJurisdictionView } from './tax-jurisdiction-view.ts';

const TAX_CATEGORY = { standard: 'STANDARD', reduced: 'REDUCED', zero: 'ZERO' } as const;

/** A price for a bare country: no jurisdiction below it. */
const COUNTRY_LEVEL = Object.freeze({ precision: 'COUNTRY' as const, jurisdiction: null });

/** `FxConversion`: `rate` is a thunk, so the exact rate is written out only when selected. */
export interface FxConversionView {
  from: string;
  to: string;
  rate: () => string;
  asOf: Date;
  source: string;
  stale: boolean;
}

/** The conversion behind a price, or null when none happened (base price already in the market's currency). */
export function fxConversionOf(unit: Pick<ShopperPrice, 'fx'>, from: string, to: string): FxConversionView | null {
  const { fx } = unit;
  if (!fx || from === to) return null;
  // `rate` read only when selected (it is written out from the exact rate on demand).
  return { from, to, rate: () => fx.rate, asOf: fx.asOf, source: fx.source, stale: fx.stale };
}

/**
 * `ProductPrice` as `Product.price` resolves it: a product's unit price in a market, each field shaped for the
 * schema when it is read. A listing selects two or three of its fields for every product, so the rest (tax and duty
 * breakdowns, rounding rule, FX, explanation) are built only where a query asks for them; the price itself is
 * computed once, in full, before (one code path).
 */
export class ProductPriceView {
  readonly productId: string;
  readonly market: MarketRecord;
  readonly #unit: ShopperPrice;
  readonly #currency: string;
  readonly #dutyRates: readonly DutyRateRecord[];
  /** What `ProductPrice.unitPrice` needs of the goods: the HS code (for classes of goods a rule exempts) and the net quantity. */
  readonly goods: { readonly hsCode: string; readonly netQuantity: NetQuantity | null };
  /** How precisely the destination was known, and the jurisdiction whose taxes applied (null at country level). */
  readonly destination: { readonly precision: DestinationPrecision; readonly jurisdiction: JurisdictionTax | null };

  constructor(
    productId: string,
    market: MarketRecord,
    unit: ShopperPrice,
    currency: string,
    dutyRates: readonly DutyRateRecord[],
    goods: { readonly hsCode: string; readonly netQuantity: NetQuantity | null },
    destination: ProductPriceView['destination'] = COUNTRY_LEVEL,
  ) {
    this.productId = productId;
    this.market = market;
    this.#unit = unit;
    this.#currency = currency;
    this.#dutyRates = dutyRates;
    this.goods = goods;
    this.destination = destination;
  }

  get taxJurisdiction(): TaxJurisdictionView | null {
    const { jurisdiction } = this.destination;
    return jurisdiction ? taxJurisdictionView(jurisdiction, this.#unit.taxCategory) : null;
  }

  get amount(): MoneyView {
    return moneyView(this.#unit.amount, this.market);
  }

  get net(): MoneyView {
    return moneyView(this.#unit.net, this.market);
  }

  get excise(): MoneyView {
    return moneyView(this.#unit.excise, this.market);
  }

  get taxIncluded(): boolean {
    return this.#unit.taxIncluded;
  }

  get collection() {
    return taxCollectionView(this.#unit.collection);
  }

  get dueOnDelivery(): MoneyView {
    return moneyView(this.#unit.dueOnDelivery, this.market);
  }

  get tax() {
    const unit = this.#unit;
    return {
      amount: moneyView(unit.tax, this.market),
      ratePercent: unit.taxRatePercent,
      category: TAX_CATEGORY[unit.taxCategory],
      included: unit.taxIncluded,
    };
  }

  get duty() {
    const unit = this.#unit;
    if (!unit.dutiable) return null;
    return {
      amount: moneyView(unit.duty, this.market),
      importTax: moneyView(unit.importTax, this.market),
      basis: unit.dutyBasis,
      ratePercent: unit.dutyRatePercent,
      hsPrefix: unit.dutyHsPrefix,
      rateKnown: unit.dutyRateFound,
      included: unit.dutyIncluded,
      belowDeMinimis: unit.belowDeMinimis,
      asOf: this.#dutyRates.find((rate) => rate.hsPrefix === unit.dutyHsPrefix)?.asOf ?? null,
      preference: unit.dutyPreference,
    };
  }

  /** While a cheaper sale runs, the regular price (before the EU price-reduction rule, see `ProductPriceOmnibus`). */
  get compareAt(): MoneyView | null {
    return this.#unit.compareAt ? moneyView(this.#unit.compareAt, this.market) : null;
  }

  get saleEndsAt(): Date | null {
    return this.#unit.saleEndsAt;
  }

  get source() {
    return this.#unit.source;
  }

  get fx(): FxConversionView | null {
    const unit = this.#unit;
    return fxConversionOf(unit, unit.baseCurrency, unit.amount.currency);
  }

  get roundingRule(): string {
    const unit = this.#unit;
    return unit.source === 'LOCAL_PRICE_BOOK' ? 'as set in the price book' : describePresentment(unit.presentment, this.#currency);
  }

  get explanation(): PriceExplanationView {
    const { jurisdiction } = this.destination;
    const steps = jurisdiction ? stepsNamingJurisdiction(this.#unit.steps, jurisdiction, this.#unit.taxCategory) : this.#unit.steps;
    return explanationOf(steps, this.#unit.amount);
  }
}
