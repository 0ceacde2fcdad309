import { DomainError, ErrorCode } from '../../common/contract/errors.ts';
import { Dec } from './decimal.ts';
import { convert, type FxRate } from './fx.ts';
import type { Market } from './market.ts';
import { compare, type Money } from './money.ts';
import { DEFAULT_ROUNDING, presentAmount, type RoundingMode } from './rounding.ts';
import { fraction, TaxDisplay } from './tax.ts';

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

export type ChoosePriceInput = {
  readonly productId: string;
  readonly market: Market;
  readonly localPrices: readonly LocalPrice[];
  readonly basePrice: BasePrice | null | undefined;
  /** VAT/GST rate (percent) of the product in this market: converted net prices gain it in tax-inclusive markets. */
  readonly taxRatePercent: string;
  readonly rates: readonly FxRate[];
  readonly now: Date;
  readonly maxRateAgeHours: number;
  /** Ties for FX rounding and presentment. Default HALF_UP. */
  readonly rounding?: RoundingMode;
};

export type ChosenPrice = {
  /** The unit price as the market shows it (gross where tax-inclusive): the sale price during a sale. */
  readonly unitPrice: Money;
  /** The regular price, struck through, while a sale makes the price lower; otherwise null. */
  readonly compareAt: Money | null;
  readonly source: PriceSource;
  /** When the active sale ends (exclusive), or null. */
  readonly saleEndsAt: Date | null;
  /** The conversion behind a CONVERTED price; null for a local one. */
  readonly fx: { readonly rate: string; readonly stale: boolean; readonly asOf: Date; readonly source: string } | null;
};

/** True when `now` is within [validFrom, validUntil). */
export function isSaleActive(sale: SalePrice | null | undefined, now: Date): sale is SalePrice {
  if (!sale) return false;
  const at = now.getTime();
  return sale.validFrom.getTime() <= at && (sale.validUntil === null || at < sale.validUntil.getTime());
}

/**
 * Chooses the price a shopper in `market` sees at `now`:
 * 1. A local price in the market's price book wins, used exactly as the merchant typed it.
 * 2. Otherwise the base price is converted (FX margin of the market, newest rate), tax added for a
 *    tax-inclusive market, and the market's presentment rule applied to the exact result — once.
 * An active sale replaces the price and the regular price becomes `compareAt`, but only while it is
 * higher: a "sale" that is not cheaper shows no strike-through. (EU law also requires the struck
 * price to be the lowest of the prior 30 days; that history is not modelled here.)
 * A product with neither price is NOT_AVAILABLE in the market.
 */
export function choosePrice(input: ChoosePriceInput): ChosenPrice {
  const { productId, market, now } = input;
  const local = input.localPrices.find((entry) => entry.productId === productId && entry.country === market.country);
  if (local) {
    const sale = isSaleActive(local.sale, now) ? local.sale : null;
    for (const money of [local.price, sale?.price]) if (money) assertMarketCurrency(money, market.currency, productId);
    return { ...withSale(local.price, sale?.price ?? null, sale), source: PriceSource.LOCAL_PRICE_BOOK, fx: null };
  }

  const base = input.basePrice;
  if (!base || base.productId !== productId) {
    throw new DomainError(ErrorCode.NOT_AVAILABLE, `Product ${productId} has no price for ${market.country}`, {
      productId,
      country: market.country,
    });
  }
  const regular = convertForMarket(base.price, input);
  const sale = isSaleActive(base.sale, now) ? base.sale : null;
  const salePrice = sale ? convertForMarket(sale.price, input).price : null;
  return { ...withSale(regular.price, salePrice, sale), source: PriceSource.CONVERTED, fx: regular.fx };
}

/**
 * Base net price → market price: FX with the market's margin, + VAT where the market shows gross
 * prices, then the presentment rule on the exact amount (rounding once, not twice).
 */
function convertForMarket(net: Money, input: ChoosePriceInput): { price: Money; fx: NonNullable<ChosenPrice['fx']> } {
  const { market } = input;
  const mode = input.rounding ?? DEFAULT_ROUNDING;
  const conversion = convert(net, market.currency, input.rates, {
    now: input.now,
    maxAgeHours: input.maxRateAgeHours,
    marginBps: market.fxMarginBps,
    rounding: mode,
  });
  let exact = new Dec(conversion.exactAmount);
  if (market.taxDisplay === TaxDisplay.INCLUSIVE) exact = exact.times(new Dec(1).plus(fraction(input.taxRatePercent)));
  return {
    price: presentAmount(exact, market.currency, market.presentment, mode),
    fx: { rate: conversion.rate, stale: conversion.stale, asOf: conversion.asOf, source: conversion.source },
  };
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
export function convertIntoMarket(money: Money, input: MarketConversionInput): Pick<ChosenPrice, 'fx'> & { money: Money } {
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

/** The sale price replaces the regular one, which becomes compare-at only while it is higher. */
function withSale(
  regular: Money,
  salePrice: Money | null,
  sale: SalePrice | null,
): Pick<ChosenPrice, 'unitPrice' | 'compareAt' | 'saleEndsAt'> {
  if (!sale || !salePrice) return { unitPrice: regular, compareAt: null, saleEndsAt: null };
  return {
    unitPrice: salePrice,
    compareAt: compare(regular, salePrice) > 0 ? regular : null,
    saleEndsAt: sale.validUntil,
  };
}

function assertMarketCurrency(money: Money, currency: string, productId: string): void {
  if (money.currency !== currency) {
    // A price book in the wrong currency is bad data, not bad input: fail loudly, generically to the client.
    throw new DomainError(
      ErrorCode.INTERNAL_SERVER_ERROR,
      `Local price for ${productId} is in ${money.currency}, but the market charges in ${currency}`,
      { productId, currency: money.currency },
    );
  }
}
