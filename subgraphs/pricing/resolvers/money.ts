import { formatMoney, toDecimalString } from '../domain/index.ts';
import type { PricingContext } from '../context.ts';
import type { MoneyView } from './money-view.ts';

/** `Money`: exact decimal string with the ISO exponent, and Intl formatting in the best locale we know. */
export const Money = {
  amount: (view: MoneyView) => toDecimalString(view.money),
  currencyCode: (view: MoneyView) => view.money.currency,
  formatted: (view: MoneyView, args: { locale?: string | null }, context: PricingContext) =>
    formatMoney(view.money, args.locale ?? context.requestLocale ?? view.defaultLocale),
};
