import { badUserInput } from './errors.ts';
import { assertCurrency } from './currency.ts';

/**
 * An exact amount: an integer count of the currency's minor units (cents, fils, yen) with the ISO 4217 code
 * always beside it — `{ minor: 1290n, currency: 'EUR' }` is €12.90, `{ minor: 1500n, currency: 'JPY' }` is
 * ¥1,500, `{ minor: 25000n, currency: 'KWD' }` is KWD 25.000. Never a float. Every subgraph carries money in
 * this one type; converting and rounding it happens in pricing only.
 */
export type Money = { readonly minor: bigint; readonly currency: string };

/** Money from minor units, after checking the currency (1999n, 'EUR' → €19.99). */
export function moneyOf(minor: bigint, currency: string): Money {
  if (typeof minor !== 'bigint') throw badUserInput(`Minor units must be a bigint, got ${typeof minor}`, { minor: String(minor) });
  return { minor, currency: assertCurrency(currency) };
}

/**
 * Money from minor units as MongoDB stores them (a safe integer number), refusing anything that is not a
 * whole, non-negative, exactly representable count (12.9, NaN, 1e20) instead of rounding it.
 */
export function moneyFromStoredMinor(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw new RangeError(`Stored amount ${amountMinor} ${currency} is not a whole number of minor units ≥ 0`);
  }
  return moneyOf(BigInt(amountMinor), currency);
}
