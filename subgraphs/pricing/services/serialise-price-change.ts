import { randomUUID } from 'node:crypto';
import type { ClientSession, Connection, Model } from 'mongoose';
import { DomainError, ErrorCode } from '../../common/contract/errors.ts';
import {
  priceChangeLockModel,
  type PendingPriceChange,
  type PriceChangeLockDocument,
  type PriceHistoryDocument,
  type PricingModels,
} from '../models.ts';

/**
 * How long a change may hold a product's lease. Far above what a change takes; a holder that dies keeps others
 * waiting at most this long, and whoever comes next completes its recorded writes.
 */
const LEASE_MS = 30_000;
/** How long a change waits for the lease before it gives up, saying so. */
const GIVE_UP_MS = 60_000;
const DUPLICATE_KEY = 11000;

/** Writes a change's planned rows and price-book entry (in one transaction where the database has them). */
export type WriteChange = (pending: PendingPriceChange) => Promise<void>;

/**
 * Runs `work` — read the product's price book and history in `market`, plan, write through the given
 * `WriteChange` — while holding that product's and market's lease, so concurrent changes run one after another
 * and each plans on what the previous one wrote. The claim is a compare-and-set on the lock document (only a
 * free or lapsed lease matches; a concurrent claim fails on the unique `_id`), retried with jittered backoff.
 * Writes run in a transaction where the database has them (a MongoDB replica set or sharded cluster); elsewhere
 * (the embedded dev database, a standalone server) they are recorded on the lock first and completed by the next
 * change if this process dies half-way.
 */
export async function serialisePriceChange<T>(
  models: PricingModels,
  productId: string,
  market: string,
  work: (write: WriteChange) => Promise<T>,
): Promise<T> {
  const locks = priceChangeLockModel(models);
  const key = `${productId}:${market}`;
  // Changes of one process queue here first, so the database lease is contended by processes, not by each change.
  const queue = localQueues.get(models.PriceHistory.db) ?? new Map<string, Promise<unknown>>();
  localQueues.set(models.PriceHistory.db, queue);
  const previous = queue.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => underLease(models, locks, key, productId, market, work));
  const settled = run.catch(() => undefined);
  queue.set(key, settled);
  void settled.then(() => {
    if (queue.get(key) === settled) queue.delete(key);
  });
  return run;
}

const localQueues = new WeakMap<Connection, Map<string, Promise<unknown>>>();

async function underLease<T>(
  models: PricingModels,
  locks: Model<PriceChangeLockDocument>,
  key: string,
  productId: string,
  market: string,
  work: (write: WriteChange) => Promise<T>,
): Promise<T> {
  const holder = randomUUID();
  const claimed = await claimLease(locks, key, holder);
  let done = false;
  try {
    // A predecessor died between recording its writes and finishing them: finish them first.
    if (claimed.pending) {
      await applyPendingChange(models, productId, market, claimed.pending);
      await locks.updateOne({ _id: key, holder }, { $set: { pending: null } });
    }
    const result = await work(async (pending) => {
      const connection = models.PriceHistory.db;
      if (await supportsTransactions(connection)) {
        await inTransaction(connection, (session) => applyPendingChange(models, productId, market, pending, session));
        return;
      }
      const recorded = await locks.updateOne({ _id: key, holder }, { $set: { pending } });
      if (recorded.matchedCount === 0) throw leaseLost(productId, market);
      await applyPendingChange(models, productId, market, pending);
    });
    done = true;
    return result;
  } finally {
    // A change that failed half-way keeps its record for the next one to complete.
    await locks.updateOne(
      { _id: key, holder },
      { $set: { holder: null, lockedUntil: null, ...(done && { pending: null }) }, $inc: { revision: 1 } },
    );
  }
}

async function claimLease(locks: Model<PriceChangeLockDocument>, key: string, holder: string): Promise<PriceChangeLockDocument> {
  const giveUpAt = Date.now() + GIVE_UP_MS;
  for (let attempt = 0; ; attempt++) {
    const wallNow = new Date();
    try {
      const claimed = await locks
        .findOneAndUpdate(
          { _id: key, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: wallNow } }] },
          { $set: { holder, lockedUntil: new Date(wallNow.getTime() + LEASE_MS) }, $inc: { revision: 1 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<PriceChangeLockDocument>();
      if (claimed) return claimed;
    } catch (error) {
      // The lock exists and is held: the upsert's insert collided with it.
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
    }
    if (Date.now() >= giveUpAt) {
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `Another price change of ${key.replace(':', ' in ')} has held it for over ${GIVE_UP_MS / 1000} s; try again later`,
        { lock: key },
      );
    }
    // Jittered, growing to a few changes' time, so a crowd of waiters does not claim in lockstep.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
  }
}

function leaseLost(productId: string, market: string): DomainError {
  return new DomainError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `The price change of ${productId} in ${market} took longer than its ${LEASE_MS / 1000} s lease and was not written; run it again`,
    { productId, market },
  );
}

/**
 * Applies a change's writes; idempotent, so completing a half-applied change is applying it again. Rows that
 * close come first, then removals, then the one open row: the unique index on the open row never sees two.
 */
export async function applyPendingChange(
  models: PricingModels,
  productId: string,
  market: string,
  pending: PendingPriceChange,
  session?: ClientSession,
): Promise<void> {
  const row = (planned: PendingPriceChange['upserts'][number]): PriceHistoryDocument => ({ productId, market, ...planned });
  const upsert = (planned: PendingPriceChange['upserts'][number]) => ({
    replaceOne: { filter: { productId, market, from: planned.from }, replacement: row(planned), upsert: true },
  });
  const operations = [
    ...pending.upserts.filter((planned) => planned.until !== null).map(upsert),
    ...pending.removals.map((start) => ({ deleteOne: { filter: { productId, market, from: start } } })),
    ...pending.upserts.filter((planned) => planned.until === null).map(upsert),
  ];
  if (operations.length > 0) await models.PriceHistory.bulkWrite(operations, { ordered: true, ...(session && { session }) });
  if (pending.priceBook) {
    await models.PriceBookEntry.updateOne(
      { productId, market },
      { $set: pending.priceBook },
      { upsert: true, runValidators: true, session },
    );
  }
}

const transactionSupport = new WeakMap<Connection, Promise<boolean>>();
/** The collection the transaction probe reads (nothing is written to it). */
const PROBE_COLLECTION = 'price_change_locks';

/** Codes of a server refusing a transaction: IllegalOperation (a standalone), CommandNotSupported (the devdb). */
const TRANSACTIONS_REFUSED = new Set([20, 115]);

/**
 * Whether the server runs transactions (asked once per connection): a replica-set member or a mongos that accepts
 * one. Tried with a read in a transaction rather than trusted from `hello`, because a server may present itself
 * as a replica set and still refuse them (the embedded dev database staging a replica set's failures does).
 */
function supportsTransactions(connection: Connection): Promise<boolean> {
  let known = transactionSupport.get(connection);
  if (!known) {
    known = (async () => {
      const hello = await connection.db!.admin().command({ hello: 1 });
      if (typeof hello['setName'] !== 'string' && hello['msg'] !== 'isdbgrid') return false;
      try {
        await inTransaction(connection, async (session) => {
          await connection.db!.collection(PROBE_COLLECTION).findOne({}, { session });
        });
        return true;
      } catch (error) {
        if (TRANSACTIONS_REFUSED.has((error as { code?: unknown }).code as number)) return false;
        throw error;
      }
    })();
    // A failed probe (the database unreachable) is asked again by the next change, not remembered.
    known.catch(() => transactionSupport.delete(connection));
    transactionSupport.set(connection, known);
  }
  return known;
}

async function inTransaction(connection: Connection, work: (session: ClientSession) => Promise<void>): Promise<void> {
  const session = await connection.startSession();
  try {
    await session.withTransaction(() => work(session));
  } finally {
    await session.endSession();
  }
}
