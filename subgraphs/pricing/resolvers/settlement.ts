import type { SettlementResolvers } from '../generated/resolver-types.ts';
import { lockExchangeRate } from '../services/lock-exchange-rate.ts';
import { moneyView } from '../views/money-view.ts';

/** `Settlement`: the settled amount, and the lock on it (written only when `fxLock` is asked for). */
export const Settlement: SettlementResolvers = {
  currency: (view) => view.settlement.settlement.currency,
  amount: (view) => moneyView(view.settlement.settlement, view.market),
  rate: (view) => view.settlement.rate,
  rateAsOf: (view) => view.settlement.rateAsOf,
  rateSource: (view) => view.settlement.rateSource,
  fxLock: (view, _args, context) => lockExchangeRate(view, context.fxLocks),
};
