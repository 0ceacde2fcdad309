import type { Money } from './money.ts';

/**
 * Splits `total` into parts proportional to `weights` by the largest remainder, so the parts add up to `total`
 * exactly and no cent vanishes (€10.00 over weights 1:1:1 → 3.34, 3.33, 3.33). Ties go to the earlier part. All
 * weights zero (or none positive): the parts are equal shares, the remainder to the earliest.
 */
export function allocate(total: Money, weights: readonly bigint[]): Money[] {
  if (weights.length === 0) return [];
  const positive = weights.map((weight) => (weight > 0n ? weight : 0n));
  const weightSum = positive.reduce((sum, weight) => sum + weight, 0n);
  const effective = weightSum === 0n ? positive.map(() => 1n) : positive;
  const denominator = weightSum === 0n ? BigInt(weights.length) : weightSum;
  const sign = total.minor < 0n ? -1n : 1n;
  const magnitude = total.minor * sign;
  const floors = effective.map((weight) => (magnitude * weight) / denominator);
  const remainders = effective.map((weight, index) => ({ index, remainder: (magnitude * weight) % denominator }));
  let left = magnitude - floors.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    floors[index] = floors[index]! + 1n;
    left -= 1n;
  }
  return floors.map((part) => ({ minor: part * sign, currency: total.currency }));
}
