import { badUserInput } from '../../common/contract/errors.ts';
import { Dec } from './decimal.ts';
import type { Exact } from './exact.ts';
import { currencyExponent, type Money } from './money.ts';
import { moneyToExact, toExact, type ExactInput } from './rounding.ts';

/** What one step of a price's explanation does. */
export const PriceStepKind = {
  /** The product's base price, net of tax, in the merchant's base currency. */
  BASE_PRICE: 'BASE_PRICE',
  /** A price the merchant typed into the market's price book (as the market shows it). */
  PRICE_BOOK: 'PRICE_BOOK',
  /** A running sale: the difference between the sale price and the regular one. */
  SALE: 'SALE',
  /** Conversion at the published (reference) exchange rate: restarts the running total in the new currency. */
  FX_CONVERSION: 'FX_CONVERSION',
  /** The market's FX margin on the converted amount. */
  FX_MARGIN: 'FX_MARGIN',
  /** One quote line: its net value (unit price without VAT/GST × quantity). */
  ITEM: 'ITEM',
  /** Shipping: the selected delivery option's charges, net of VAT/GST. */
  SHIPPING: 'SHIPPING',
  /** Free shipping: the shipping charges waived because the items reach the market's threshold. */
  SHIPPING_DISCOUNT: 'SHIPPING_DISCOUNT',
  /** VAT/GST. */
  TAX: 'TAX',
  /**
   * Customs duty (DDP only: under DAP it is due on delivery and not in the amount): a rate of a basis, or a flat
   * low-value duty (the EU's €3 per tariff subheading), which has no rate.
   */
  DUTY: 'DUTY',
  /** Import VAT/GST: on the duty at checkout; on the customs value plus duty when due on delivery. */
  IMPORT_TAX: 'IMPORT_TAX',
  /** An excise on the goods (Germany's coffee tax per kg): its own step, in the VAT/GST base where the law says so. */
  EXCISE: 'EXCISE',
  /** A fixed levy per consignment or parcel (Italy's €2, Romania's RON 25). */
  LEVY: 'LEVY',
  /** The carrier's fee for advancing duty and import tax, due on delivery. */
  CARRIER_FEE: 'CARRIER_FEE',
  /** A rounding to the currency's minor unit or the market's presentment rule: the adjustment it made. */
  ROUNDING: 'ROUNDING',
} as const;
export type PriceStepKind = (typeof PriceStepKind)[keyof typeof PriceStepKind];

/**
 * One step from a base price to the shown amount. Amounts are exact decimals in `currency`: before a rounding
 * step they may carry more decimals than the currency has, and the ROUNDING step says what rounding changed.
 * The steps in the shown currency (from the last FX_CONVERSION on) add up exactly to the shown amount.
 */
export type PriceStep = {
  readonly kind: PriceStepKind;
  /** English description; clients localize by `kind`. */
  readonly label: string;
  /** What this step adds to the running total (negative for a sale or a discount), exact. */
  readonly amount: string;
  readonly currency: string;
  /** The running total after this step, exact. */
  readonly runningTotal: string;
  /** The percentage applied (VAT/GST, duty, FX margin); null where none. */
  readonly ratePercent: string | null;
  /** FX_CONVERSION: units of the new currency per unit of the previous one; otherwise null. */
  readonly exchangeRate: string | null;
  /** The amount the percentage or rate was applied to, exact; null where none. */
  readonly basis: string | null;
};

/** A step's label, or a function that writes it when the steps are read (labels that cost a date format). */
export type StepLabel = string | (() => string);

type StepExtras = { readonly ratePercent?: string | null; readonly basis?: ExactInput | null };

/** A step as the ledger records it: exact values, written out as a {@link PriceStep} only when read. */
type RecordedStep = {
  readonly kind: PriceStepKind;
  readonly label: StepLabel;
  readonly amount: Exact;
  readonly currency: string;
  readonly runningTotal: Exact;
  readonly ratePercent: string | null;
  readonly exchangeRate: Exact | null;
  readonly basis: Exact | null;
  /** The currency `basis` is in (the previous currency for a conversion). */
  readonly basisCurrency: string;
};

/**
 * Records a price computation as it happens, so the explanation IS the computation: every amount the price
 * code adds goes through `add`, every conversion through `convert`, every rounding through `roundTo`.
 * Totals are exact decimals; nothing here rounds. The steps are kept as exact values and written out as
 * strings the first time `steps` is read: a listing that does not ask for the explanation does not pay for it.
 */
export class PriceLedger {
  readonly #recorded: RecordedStep[] = [];
  #written: PriceStep[] | null = null;
  #total: Exact;
  #currency: string;

  constructor(kind: PriceStepKind, label: StepLabel, start: Money) {
    this.#total = moneyToExact(start);
    this.#currency = start.currency;
    this.#push(kind, label, this.#total, {});
  }

  /** The running total, exact, in `currency`. */
  get total(): Exact {
    return this.#total;
  }

  get currency(): string {
    return this.#currency;
  }

  /** The steps so far, written out (once per ledger state). */
  get steps(): readonly PriceStep[] {
    if (this.#written === null || this.#written.length !== this.#recorded.length) this.#written = this.#recorded.map(writeStep);
    return this.#written;
  }

  /** Adds an exact amount (negative to take away) to the running total. */
  add(kind: PriceStepKind, label: StepLabel, amount: ExactInput | Money, extras: StepExtras = {}): Exact {
    const value = isMoney(amount) ? this.#inCurrency(amount) : toExact(amount, 'amount');
    this.#total = this.#total.plus(value);
    this.#push(kind, label, value, extras);
    return value;
  }

  /** Converts the running total at `exchangeRate` into `currency`: the step's amount is the converted total. */
  convert(label: StepLabel, currency: string, exchangeRate: ExactInput): Exact {
    const rate = toExact(exchangeRate, 'exchangeRate');
    const basis = this.#total;
    const basisCurrency = this.#recorded.at(-1)?.currency ?? currency;
    this.#total = basis.times(rate);
    this.#currency = currency;
    this.#recorded.push({
      kind: PriceStepKind.FX_CONVERSION,
      label,
      amount: this.#total,
      currency,
      runningTotal: this.#total,
      ratePercent: null,
      exchangeRate: rate,
      basis,
      basisCurrency,
    });
    return this.#total;
  }

  /** Rounds the running total to `rounded` (computed by the caller's rule), recording the adjustment; skipped when nothing changes. */
  roundTo(label: StepLabel, rounded: Money): Money {
    const adjustment = this.#inCurrency(rounded).minus(this.#total);
    if (!adjustment.isZero()) this.add(PriceStepKind.ROUNDING, label, adjustment);
    return rounded;
  }

  #inCurrency(money: Money): Exact {
    if (money.currency !== this.#currency) {
      throw badUserInput(`Cannot add ${money.currency} to a price explained in ${this.#currency}; convert first`, {
        currencies: [money.currency, this.#currency],
      });
    }
    return moneyToExact(money);
  }

  #push(kind: PriceStepKind, label: StepLabel, amount: Exact, extras: StepExtras): void {
    this.#recorded.push({
      kind,
      label,
      amount,
      currency: this.#currency,
      runningTotal: this.#total,
      ratePercent: extras.ratePercent ?? null,
      exchangeRate: null,
      basis: extras.basis === undefined || extras.basis === null ? null : toExact(extras.basis, 'basis'),
      basisCurrency: this.#currency,
    });
  }
}

function isMoney(amount: ExactInput | Money): amount is Money {
  return typeof amount === 'object' && 'minor' in amount;
}

function writeStep(step: RecordedStep): PriceStep {
  return {
    kind: step.kind,
    label: typeof step.label === 'string' ? step.label : step.label(),
    amount: exactString(step.amount, step.currency),
    currency: step.currency,
    runningTotal: exactString(step.runningTotal, step.currency),
    ratePercent: step.ratePercent,
    exchangeRate: step.exchangeRate === null ? null : step.exchangeRate.toString(),
    basis: step.basis === null ? null : exactString(step.basis, step.basisCurrency),
  };
}

/** An exact amount with at least the currency's decimals, more only where exactness needs them: "28.00", "24.2992276317". */
function exactString(value: Exact, currency: string): string {
  const exponent = currencyExponent(currency);
  return value.decimalPlaces() < exponent ? value.toFixed(exponent) : value.toString();
}

/**
 * The sum of the steps in the shown currency — those from the last FX_CONVERSION on (all of them when nothing
 * was converted). For a correct explanation this equals the shown amount exactly.
 */
export function sumOfShownSteps(steps: readonly PriceStep[]): Dec {
  let start = 0;
  steps.forEach((step, index) => {
    if (step.kind === PriceStepKind.FX_CONVERSION) start = index;
  });
  return steps.slice(start).reduce((total, step) => total.plus(step.amount), new Dec(0));
}
