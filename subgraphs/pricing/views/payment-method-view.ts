import type { PaymentMethod } from '../domain/index.ts';

/** A payment method as resolvers hand it to the `PaymentMethod` type: the method, the names' locale, the market's. */
export interface PaymentMethodView {
  method: PaymentMethod;
  /** Locale the name is given in. */
  locale: string;
  /** Locale `Money.formatted` falls back to (the market's). */
  marketLocale: string;
}

export function paymentMethodView(method: PaymentMethod, locale: string, market: { locale: string }): PaymentMethodView {
  return { method, locale, marketLocale: market.locale };
}
