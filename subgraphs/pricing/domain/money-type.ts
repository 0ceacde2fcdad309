// Its own module so that money.ts and rounding.ts (which money.ts parses amounts with) share it without an import cycle.

/**
 * An exact amount: an integer count of the currency's minor units (cents, fils, yen) with the
 * ISO 4217 code always beside it. Never a float: 0.1 + 0.2 must be 0.30.
 */
export type Money = { readonly minor: bigint; readonly currency: string };
