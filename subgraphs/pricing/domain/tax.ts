import { badUserInput } from '../../common/contract/errors.ts';
import { Exact, memoisedByText } from './exact.ts';
import { subtract, type Money } from './money.ts';
import { DEFAULT_ROUNDING, divideToMoney, moneyToExact, roundToMoney, type RoundingMode } from './rounding.ts';

/** Which VAT/GST rate a product falls under in a country. */
export const TaxCategory = { STANDARD: 'standard', REDUCED: 'reduced', ZERO: 'zero' } as const;
export type TaxCategory = (typeof TaxCategory)[keyof typeof TaxCategory];

/** Whether a market shows prices with VAT/GST in them (EU, UK, JP: by law to consumers) or added at checkout (US). */
export const TaxDisplay = { INCLUSIVE: 'inclusive', EXCLUSIVE: 'exclusive' } as const;
export type TaxDisplay = (typeof TaxDisplay)[keyof typeof TaxDisplay];

/** A VAT/GST rate: `ratePercent` is a decimal string ("19", "8.1"). */
export type TaxRate = { readonly country: string; readonly category: TaxCategory; readonly ratePercent: string };

/** The rate for a country and category; a missing one is BAD_USER_INPUT (we do not sell where we cannot tax). */
export function findTaxRate(country: string, category: TaxCategory, rates: readonly TaxRate[]): string {
  const found = rates.find((rate) => rate.country === country && rate.category === category);
  if (!found) {
    throw badUserInput(`No ${category} VAT/GST rate for country ${country}`, { country, category });
  }
  return found.ratePercent;
}

/** Net price inside a tax-inclusive `gross`: gross ÷ (1 + rate/100), rounded (€119.00 at 19 % → €100.00). */
export function netPriceOf(gross: Money, ratePercent: string, mode: RoundingMode): Money {
  return divideToMoney(moneyToExact(gross), onePlus(ratePercent), gross.currency, mode);
}

/** Tax payable on a `net` price: net × rate/100, rounded (€100.00 at 19 % → €19.00). */
export function taxOf(net: Money, ratePercent: string, mode: RoundingMode): Money {
  return roundToMoney(moneyToExact(net).times(fraction(ratePercent)), net.currency, mode);
}

/** Gross price for a `net` one: net + taxOf(net), so that gross − net is exactly the tax shown. */
export function grossPriceOf(net: Money, ratePercent: string, mode: RoundingMode): Money {
  const tax = taxOf(net, ratePercent, mode);
  return { minor: net.minor + tax.minor, currency: net.currency };
}

export type ApplyTaxInput = {
  /** The price as stored: gross if `priceIncludesTax`, else net. */
  readonly price: Money;
  /** VAT/GST rate in percent, decimal string ("19", "8.1"). */
  readonly rate: string;
  readonly priceIncludesTax: boolean;
  /** What the shopper sees as "the price". */
  readonly display: TaxDisplay;
  /** How the one rounding step is done. Default HALF_UP. */
  readonly rounding?: RoundingMode;
};

export type TaxedPrice = { readonly net: Money; readonly tax: Money; readonly gross: Money; readonly shown: Money };

/**
 * Splits a price into net, tax and gross with exactly one rounding step, so net + tax = gross always:
 * - price includes tax: gross is the price; net = round(gross ÷ (1 + rate)); tax = gross − net.
 * - price excludes tax: net is the price; tax = round(net × rate); gross = net + tax.
 * `shown` is gross for an inclusive display and net for an exclusive one.
 */
export function applyTax(input: ApplyTaxInput): TaxedPrice {
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  let net: Money;
  let tax: Money;
  let gross: Money;
  if (input.priceIncludesTax) {
    gross = input.price;
    net = netPriceOf(gross, input.rate, mode);
    tax = subtract(gross, net);
  } else {
    net = input.price;
    tax = taxOf(net, input.rate, mode);
    gross = { minor: net.minor + tax.minor, currency: net.currency };
  }
  const shown = shownPrice(input.display, net, gross);
  return { net, tax, gross, shown };
}

/** Gross for an inclusive display, net for an exclusive one. */
export function shownPrice(display: TaxDisplay, net: Money, gross: Money): Money {
  switch (display) {
    case TaxDisplay.INCLUSIVE:
      return gross;
    case TaxDisplay.EXCLUSIVE:
      return net;
    default: {
      const unknown: never = display;
      throw badUserInput(`Unknown tax display "${String(unknown)}"`, { display: unknown });
    }
  }
}

const HUNDRED = Exact.of(100);

/** rate/100 as an exact decimal ("19" → 0.19); rates outside 0–100 % are rejected as data errors. */
export const fraction: (ratePercent: string) => Exact = memoisedByText((ratePercent) => {
  const rate = Exact.parse(ratePercent, 'ratePercent');
  if (rate.isNegative() || rate.cmp(HUNDRED) > 0) {
    throw badUserInput(`Tax rate must be between 0 and 100 percent, got "${ratePercent}"`, { ratePercent });
  }
  return new Exact(rate.units, rate.scale + 2);
});

const onePlus = memoisedByText((ratePercent) => Exact.ONE.plus(fraction(ratePercent)));
