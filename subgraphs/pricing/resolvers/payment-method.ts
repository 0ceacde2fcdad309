import { paymentMethodName } from '../domain/index.ts';
import type { PaymentMethodResolvers } from '../generated/resolver-types.ts';
import { moneyView } from '../views/money-view.ts';

/** `PaymentMethod`: catalogue data, with the name chosen for the locale and limits as Money. */
export const PaymentMethod: PaymentMethodResolvers = {
  code: (view) => view.method.code,
  name: (view) => paymentMethodName(view.method, view.locale),
  brand: (view) => view.method.brand,
  type: (view) => view.method.type,
  currencies: (view) => [...view.method.currencies],
  limits: (view) =>
    view.method.limits.map((limit) => ({
      currency: limit.currency,
      min: limit.min ? moneyView(limit.min, { locale: view.marketLocale }) : null,
      max: limit.max ? moneyView(limit.max, { locale: view.marketLocale }) : null,
    })),
  canPayDdpDuties: (view) => view.method.canPayDdpDuties,
  note: (view) => view.method.note,
  source: (view) => view.method.source,
  asOf: (view) => view.method.asOf,
  illustrative: (view) => view.method.illustrative,
};
