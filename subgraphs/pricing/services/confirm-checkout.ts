import type { Model } from 'mongoose';
import type { PricingContext } from '../context.ts';
import { assertLockUsable } from '../domain/index.ts';
import type { FxLockDocument } from '../models.ts';
import { fxLockView, type FxLockView } from '../views/fx-lock-view.ts';

/** Records the first confirmation of a lock and answers its instant; later ones answer the first's. */
async function confirmOnce(fxLocks: Model<FxLockDocument>, lock: FxLockDocument, now: Date): Promise<Date> {
  if (lock.confirmedAt) return lock.confirmedAt;
  const updated = await fxLocks
    .findOneAndUpdate({ _id: lock._id, confirmedAt: null }, { $set: { confirmedAt: now } }, { returnDocument: 'after' })
    .lean<FxLockDocument>();
  if (updated?.confirmedAt) return updated.confirmedAt;
  // Another request confirmed it between our read and our write: its instant is the one kept.
  return (await fxLocks.findById(lock._id).lean<FxLockDocument>())?.confirmedAt ?? now;
}

/**
 * Checks the lock (exists, this quote's, not expired at the request's "now") and records the first
 * confirmation; confirming again answers the same, so a retried request is harmless.
 */
export async function confirmCheckout(
  fxLockId: string,
  quoteId: string,
  context: PricingContext,
): Promise<{ quoteId: string; fxLock: FxLockView; confirmedAt: Date }> {
  const found = await context.fxLocks.findById(fxLockId).lean<FxLockDocument>();
  const lock = assertLockUsable(found, fxLockId, quoteId, context.now);
  const confirmedAt = await confirmOnce(context.fxLocks, lock, context.now);
  const market = (await context.loaders.markets()).get(lock.market) ?? { locale: 'en' };
  return { quoteId: lock.quoteId, fxLock: fxLockView(lock, market), confirmedAt };
}
