import { formatMoney, toDecimalString } from '../domain/index.ts';
import type { MoneyResolvers } from '../generated/resolver-types.ts';

/** `Money`: exact decimal string with the ISO exponent, and Intl formatting in the best locale we know. */
export const Money: MoneyResolvers = {
  amount: (view) => toDecimalString(view.money),
  currencyCode: (view) => view.money.currency,
  formatted: (view, args, context) => formatMoney(view.money, args.locale ?? context.requestLocale ?? view.defaultLocale),
};
