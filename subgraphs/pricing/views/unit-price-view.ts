import { currencyExponent, type PricePerQuantity } from '../domain/index.ts';
import { moneyView, type MoneyView } from './money-view.ts';

/** `UnitPrice` as `ProductPrice.unitPrice` resolves it. */
export interface UnitPriceView {
  amount: MoneyView;
  referenceQuantity: number;
  referenceUnit: PricePerQuantity['referenceUnit'];
  rounding: string;
  source: string;
}

const MODE_WORDS = { HALF_UP: 'half up', HALF_EVEN: 'half even', DOWN: 'down', UP: 'up' } as const;

/** The rounding in words, e.g. `half up to 0.01` for EUR, `half up to 1` for JPY. */
function roundingOf(price: PricePerQuantity): string {
  const exponent = currencyExponent(price.amount.currency);
  return `${MODE_WORDS[price.rounding]} to ${exponent === 0 ? '1' : `0.${'1'.padStart(exponent, '0')}`}`;
}

/** Wraps a unit price of a market for the schema, with the law it follows. */
export function unitPriceView(price: PricePerQuantity, market: { readonly locale: string }, source: string): UnitPriceView {
  return {
    amount: moneyView(price.amount, market),
    referenceQuantity: price.referenceQuantity,
    referenceUnit: price.referenceUnit,
    rounding: roundingOf(price),
    source,
  };
}
