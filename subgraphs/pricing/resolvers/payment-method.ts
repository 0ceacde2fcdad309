import { paymentMethodName, type PaymentMethod as PaymentMethodValue } from '../domain/index.ts';
import { moneyView } from './money-view.ts';

/** A payment method as resolvers hand it to the `PaymentMethod` type: the method, the names' locale, the market's. */
export interface PaymentMethodView {
  method: PaymentMethodValue;
  /** Locale the name is given in. */
  locale: string;
  /** Locale `Money.formatted` falls back to (the market's). */
  marketLocale: string;
}

export function paymentMethodView(method: PaymentMethodValue, locale: string, market: { locale: string }): PaymentMethodView {
  return { method, locale, marketLocale: market.locale };
}

/** `PaymentMethod`: catalogue data, with the name chosen for the locale and limits as Money. */
export const PaymentMethod = {
  code: (view: PaymentMethodView) => view.method.code,
  name: (view: PaymentMethodView) => paymentMethodName(view.method, view.locale),
  brand: (view: PaymentMethodView) => view.method.brand,
  type: (view: PaymentMethodView) => view.method.type,
  currencies: (view: PaymentMethodView) => view.method.currencies,
  limits: (view: PaymentMethodView) =>
    view.method.limits.map((limit) => ({
      currency: limit.currency,
      min: limit.min ? moneyView(limit.min, { locale: view.marketLocale }) : null,
      max: limit.max ? moneyView(limit.max, { locale: view.marketLocale }) : null,
    })),
  canPayDdpDuties: (view: PaymentMethodView) => view.method.canPayDdpDuties,
  note: (view: PaymentMethodView) => view.method.note,
  source: (view: PaymentMethodView) => view.method.source,
  asOf: (view: PaymentMethodView) => view.method.asOf,
  illustrative: (view: PaymentMethodView) => view.method.illustrative,
};
