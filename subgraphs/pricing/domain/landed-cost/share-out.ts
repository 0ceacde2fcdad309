import { allocate } from '../allocation.ts';
import type { Money } from '../money.ts';

/** `total` split over `items` in proportion to their weights by the largest remainder (see `allocate`), each item beside its share. */
export function shareOut<T>(
  total: Money,
  items: readonly T[],
  weightOf: (item: T) => bigint,
): { readonly item: T; readonly share: Money }[] {
  const shares = allocate(total, items.map(weightOf));
  return items.map((item, position) => {
    const share = shares[position];
    if (share === undefined) throw new Error('allocate gives one share per weight');
    return { item, share };
  });
}
