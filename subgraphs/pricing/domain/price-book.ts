import { convert, type FxRate } from './fx.ts';
import type { Market } from './market.ts';
import type { Money } from './money.ts';
import { DEFAULT_ROUNDING, presentAmount, type RoundingMode } from './rounding.ts';

/** Where a price came from, so the API can tell a merchant-set price from a converted one. */
export const PriceSource = { LOCAL_PRICE_BOOK: 'LOCAL_PRICE_BOOK', CONVERTED: 'CONVERTED' } as const;
export type PriceSource = (typeof PriceSource)[keyof typeof PriceSource];

/** A temporary price, valid from `validFrom` (inclusive) until `validUntil` (exclusive; null = open-ended). */
export type SalePrice = { readonly price: Money; readonly validFrom: Date; readonly validUntil: Date | null };

/** A merchant-set price for one market, in its currency and as the market shows it (gross where tax-inclusive). */
export type LocalPrice = {
  readonly productId: string;
  readonly country: string;
  readonly price: Money;
  readonly sale?: SalePrice | null;
};

/** The product's base price, NET of tax, in the merchant's base currency; converted where no local price exists. */
export type BasePrice = { readonly productId: string; readonly price: Money; readonly sale?: SalePrice | null };

/** The conversion behind a converted amount: the rate applied (margin included), its age and publisher. */
export type PriceConversion = { readonly rate: string; readonly stale: boolean; readonly asOf: Date; readonly source: string };

/** True when `now` is within [validFrom, validUntil). */
export function isSaleActive(sale: SalePrice | null | undefined, now: Date): sale is SalePrice {
  if (!sale) return false;
  const at = now.getTime();
  return sale.validFrom.getTime() <= at && (sale.validUntil === null || at < sale.validUntil.getTime());
}

/** What {@link convertIntoMarket} needs besides the amount. */
export type MarketConversionInput = {
  readonly market: Market;
  readonly rates: readonly FxRate[];
  readonly now: Date;
  readonly maxRateAgeHours: number;
  /** Ties for FX rounding and presentment. Default HALF_UP. */
  readonly rounding?: RoundingMode;
};

/**
 * Converts an amount that is not a product price — a carrier's shipping charge — into the market's
 * currency: FX with the market's margin, then the market's presentment rule applied once to the exact
 * result (CHF 0.05 steps, whole yen). No tax is added: the amount keeps the tax treatment it came with.
 * An amount already in the market's currency is returned unchanged with `fx: null` — nothing is
 * exchanged, so nothing is rounded again.
 */
export function convertIntoMarket(money: Money, input: MarketConversionInput): { fx: PriceConversion | null; money: Money } {
  const { market } = input;
  if (money.currency === market.currency) return { money, fx: null };
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const conversion = convert(money, market.currency, input.rates, {
    now: input.now,
    maxAgeHours: input.maxRateAgeHours,
    marginBps: market.fxMarginBps,
    rounding: mode,
  });
  return {
    money: presentAmount(conversion.exactAmount, market.currency, market.presentment, mode),
    fx: { rate: conversion.rate, stale: conversion.stale, asOf: conversion.asOf, source: conversion.source },
  };
}
