import type { Model } from 'mongoose';
import type { FxLockDocument } from '../models.ts';
import { fxLockView, type FxLockView } from '../views/fx-lock-view.ts';
import type { SettlementView } from '../views/settlement-view.ts';

/** MongoDB's duplicate-key error code. */
const DUPLICATE_KEY = 11000;

/**
 * The lock on a settlement's rate, written when asked for with an upsert on its derived id that only inserts:
 * asking again in the same window (same quote, amounts, rate) finds the same lock and changes nothing, even when
 * two requests race.
 */
export async function lockExchangeRate(view: SettlementView, fxLocks: Model<FxLockDocument>): Promise<FxLockView> {
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
    await fxLocks.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
  } catch (error) {
    // Two upserts of one new id can race; the loser's duplicate-key error means the lock exists, as wanted.
    if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
  }
  return fxLockView(lock, view.market);
}
