import { assertLockUsable } from '../domain/index.ts';
import type { FxLockDocument } from '../models.ts';
import type { PricingContext } from '../subgraph.ts';
import { fxLockView } from './Settlement.ts';

/** Root mutations of the pricing subgraph: checkout at locked amounts. */
export const Mutation = {
  /**
   * Checks the lock (exists, this quote's, not expired at the request's "now") and records the first
   * confirmation; confirming again answers the same, so a retried request is harmless.
   */
  async confirmCheckout(_root: unknown, args: { fxLockId: string; quoteId: string }, context: PricingContext) {
    const found = await context.fxLocks.findById(args.fxLockId).lean<FxLockDocument>();
    assertLockUsable(found ? { id: found._id, quoteId: found.quoteId, expiresAt: found.expiresAt } : null, args.fxLockId, args.quoteId, context.now);
    const lock = found!;
    const confirmed =
      lock.confirmedAt ??
      (
        await context.fxLocks
          .findOneAndUpdate({ _id: lock._id, confirmedAt: null }, { $set: { confirmedAt: context.now } }, { returnDocument: 'after' })
          .lean<FxLockDocument>()
      )?.confirmedAt ??
      // Another request confirmed it between our read and write: its instant is the one kept.
      (await context.fxLocks.findById(lock._id).lean<FxLockDocument>())?.confirmedAt ??
      context.now;
    const market = (await context.loaders.markets()).find((candidate) => candidate.country === lock.market) ?? { locale: 'en' };
    return { quoteId: lock.quoteId, fxLock: fxLockView(lock, market), confirmedAt: confirmed };
  },
};
