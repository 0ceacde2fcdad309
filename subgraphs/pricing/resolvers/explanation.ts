import { toDecimalString, type Money, type PriceStep } from '../domain/index.ts';

/** `PriceExplanation`: the steps of a computation and the amount they add up to. */
export function explanationOf(steps: readonly PriceStep[], amount: Money) {
  return { steps, amount: toDecimalString(amount), currency: amount.currency };
}
