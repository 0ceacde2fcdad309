import { badUserInput } from '../../common/contract/errors.ts';
import { Dec, toDecimal, type DecimalInput } from './decimal.ts';
import { currencyExponent, type Money } from './money.ts';
import { moneyToDecimal } from './rounding.ts';

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
  /** Import VAT/GST on the duty. */
  IMPORT_TAX: 'IMPORT_TAX',
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

type StepExtras = { readonly ratePercent?: string | null; readonly basis?: DecimalInput | null };

/**
 * Records a price computation as it happens, so the explanation IS the computation: every amount the price
 * code adds goes through `add`, every conversion through `convert`, every rounding through `roundTo`.
 * Totals are exact decimals; nothing here rounds.
 */
export class PriceLedger {
  readonly #steps: PriceStep[] = [];
  #total: Dec;
  #currency: string;

  constructor(kind: PriceStepKind, label: string, start: Money) {
    this.#total = moneyToDecimal(start);
    this.#currency = start.currency;
    this.#push(kind, label, this.#total, {});
  }

  /** The running total, exact, in `currency`. */
  get total(): Dec {
    return new Dec(this.#total);
  }

  get currency(): string {
    return this.#currency;
  }

  get steps(): readonly PriceStep[] {
    return this.#steps;
  }

  /** Adds an exact amount (negative to take away) to the running total. */
  add(kind: PriceStepKind, label: string, amount: DecimalInput | Money, extras: StepExtras = {}): Dec {
    const value = typeof amount === 'object' && 'minor' in amount ? this.#inCurrency(amount) : toDecimal(amount, 'amount');
    this.#total = this.#total.plus(value);
    this.#push(kind, label, value, extras);
    return value;
  }

  /** Converts the running total at `exchangeRate` into `currency`: the step's amount is the converted total. */
  convert(label: string, currency: string, exchangeRate: string): Dec {
    const rate = toDecimal(exchangeRate, 'exchangeRate');
    const basis = this.#total;
    this.#total = basis.times(rate);
    this.#currency = currency;
    this.#steps.push({
      kind: PriceStepKind.FX_CONVERSION,
      label,
      amount: exactString(this.#total, currency),
      currency,
      runningTotal: exactString(this.#total, currency),
      ratePercent: null,
      exchangeRate: rate.toString(),
      basis: exactString(basis, this.#steps.at(-1)?.currency ?? currency),
    });
    return this.#total;
  }

  /** Rounds the running total to `rounded` (computed by the caller's rule), recording the adjustment; skipped when nothing changes. */
  roundTo(label: string, rounded: Money): Money {
    const adjustment = this.#inCurrency(rounded).minus(this.#total);
    if (!adjustment.isZero()) this.add(PriceStepKind.ROUNDING, label, adjustment);
    return rounded;
  }

  #inCurrency(money: Money): Dec {
    if (money.currency !== this.#currency) {
      throw badUserInput(`Cannot add ${money.currency} to a price explained in ${this.#currency}; convert first`, {
        currencies: [money.currency, this.#currency],
      });
    }
    return moneyToDecimal(money);
  }

  #push(kind: PriceStepKind, label: string, amount: Dec, extras: StepExtras): void {
    this.#steps.push({
      kind,
      label,
      amount: exactString(amount, this.#currency),
      currency: this.#currency,
      runningTotal: exactString(this.#total, this.#currency),
      ratePercent: extras.ratePercent ?? null,
      exchangeRate: null,
      basis: extras.basis === undefined || extras.basis === null ? null : exactString(toDecimal(extras.basis, 'basis'), this.#currency),
    });
  }
}

/** An exact amount with at least the currency's decimals, more only where exactness needs them: "28.00", "24.2992276317". */
function exactString(value: Dec, currency: string): string {
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
