import { moneyOf } from '../domain/index.ts';
import type { FxLockDocument } from '../models.ts';
import { moneyView, type MoneyView } from './money-view.ts';

/** `FxLock`: a lock as stored, with its amounts formatted in the market's locale. */
export interface FxLockView {
  id: string;
  rate: string;
  expiresAt: Date;
  presentment: MoneyView;
  settlement: MoneyView;
}

export function fxLockView(
  lock: Pick<FxLockDocument, '_id' | 'rate' | 'expiresAt' | 'presentment' | 'settlement'>,
  market: { locale: string },
): FxLockView {
  return {
    id: lock._id,
    rate: lock.rate,
    expiresAt: lock.expiresAt,
    presentment: moneyView(moneyOf(BigInt(lock.presentment.amountMinor), lock.presentment.currency), market),
    settlement: moneyView(moneyOf(BigInt(lock.settlement.amountMinor), lock.settlement.currency), market),
  };
}
