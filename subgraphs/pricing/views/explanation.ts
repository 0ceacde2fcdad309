import { toDecimalString, type Money, type PriceStep } from '../domain/index.ts';

/** `PriceExplanation`: the steps of a computation and the amount they add up to. */
export interface PriceExplanationView {
  steps: readonly PriceStep[];
  amount: string;
  currency: string;
}

export function explanationOf(steps: readonly PriceStep[], amount: Money): PriceExplanationView {
  return { steps, amount: toDecimalString(amount), currency: amount.currency };
}
