import type { FxLockDocument } from '../models.ts';
import type { PricingContext } from '../context.ts';
import { toMoney } from '../mappers.ts';
import { moneyView } from './money-view.ts';

/** MongoDB's duplicate-key error code. */
const DUPLICATE_KEY = 11000;
import type { SettlementView } from './quote-payment.ts';

/** An FX lock as stored, with the locale its amounts format in, for the `FxLock` type. */
export function fxLockView(lock: Pick<FxLockDocument, '_id' | 'rate' | 'expiresAt' | 'presentment' | 'settlement'>, market: { locale: string }) {
  return {
    id: lock._id,
    rate: lock.rate,
    expiresAt: lock.expiresAt,
    presentment: moneyView(toMoney(lock.presentment.amountMinor, lock.presentment.currency), market),
    settlement: moneyView(toMoney(lock.settlement.amountMinor, lock.settlement.currency), market),
  };
}

/**
 * `Settlement`: the settled amount, and the lock on it. The lock is written only when asked for, with an upsert
 * on its derived id that only inserts: asking again in the same window (same quote, amounts, rate) finds the
 * same lock and changes nothing, even when two requests race.
 */
export const Settlement = {
  currency: (view: SettlementView) => view.settlement.settlement.currency,
  amount: (view: SettlementView) => moneyView(view.settlement.settlement, view.market),
  rate: (view: SettlementView) => view.settlement.rate,
  rateAsOf: (view: SettlementView) => view.settlement.rateAsOf,
  rateSource: (view: SettlementView) => view.settlement.rateSource,
  async fxLock(view: SettlementView, _args: unknown, context: PricingContext) {
    const { presentment, settlement, rate, rateAsOf, rateSource } = view.settlement;
    const lock: FxLockDocument = {
      _id: view.lockId,
      quoteId: view.quoteId,
      market: view.market.country,
      presentment: { currency: presentment.currency, amountMinor: Number(presentment.minor) },
      settlement: { currency: settlement.currency, amountMinor: Number(settlement.minor) },
      rate,
      rateAsOf,
      rateSource,
      createdAt: view.now,
      expiresAt: view.expiresAt,
      confirmedAt: null,
    };
    const { _id, ...fields } = lock;
    try {
      await context.fxLocks.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
    } catch (error) {
      // Two upserts of one new id can race; the loser's duplicate-key error means the lock exists, as wanted.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    return fxLockView(lock, view.market);
  },
};
