import type { Money } from '../domain/index.ts';

/**
 * Money as resolvers hand it to the shared `Money` type: the exact amount, and the locale it is formatted in
 * when neither the field nor the request names one (the market's, e.g. `de-DE`).
 */
export interface MoneyView {
  money: Money;
  defaultLocale: string;
}

/** Wraps an amount of a market for the `Money` type. */
export function moneyView(money: Money, market: { readonly locale: string }): MoneyView {
  return { money, defaultLocale: market.locale };
}
