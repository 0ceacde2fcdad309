/**
 * The rate limit shared by every gateway process through MongoDB: the token bucket of rate-limiter.ts
 * ({@link spendBudget}, the same function the in-memory limiter runs), one document per client
 * (`{ _id: client, units, at, expiresAt }`), changed only by a compare-and-set.
 *
 * Each decision reads nothing first: it takes the bucket this process last saw for the client (none: a full
 * one), runs {@link spendBudget}, and sends one `findOneAndUpdate` that writes the new bucket only if the
 * stored one is still the bucket it started from, returning the stored one as it was. Unchanged: the decision
 * stands. Changed (another process spent from it, or it expired): the decision is made again from the bucket
 * just returned, until one write wins. So no two processes ever spend from the same units, and together they
 * never admit more than the budget; a client served by one process costs one round trip per request.
 *
 * A bucket is full again `windowMs` after its last change at the latest, so it expires then (TTL index on
 * `expiresAt`, {@link ensureIndexes}): a missing document is a full bucket. A bucket's time only moves forward.
 */
import type { Connection } from 'mongoose';
import { LRUCache } from 'lru-cache';
import { withinDeadline } from '../subgraphs/common/deadline.ts';
import type { ExtraIndexes } from '../subgraphs/common/schema-version.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { spendBudget, type Bucket, type RateLimitDecision, type RateLimiter } from './rate-limiter.ts';

/** The buckets' TTL index (built by `db:migrate`, or by {@link createMongoRateLimiter}'s `ensureIndexes` outside production). */
export const RATE_LIMIT_INDEXES: ExtraIndexes = [{ collection: 'rate_limits', keys: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } }];

/** Options of {@link createMongoRateLimiter}. */
export interface MongoRateLimiterOptions {
  /** The gateway's own database connection (not a subgraph's). */
  connection: Connection;
  /** Collection of the buckets. Default `rate_limits`. */
  collection?: string;
  /** Cost units a client may spend per window. */
  unitsPerWindow: number;
  /** The window, in ms; the budget refills continuously over it. */
  windowMs: number;
  /**
   * How long one decision may wait for the database, in ms; past it (or on any database error) the request is
   * admitted and a warning logged: a slow limiter must not become the outage. Default 250.
   */
  timeoutMs?: number;
  /** Clients whose last seen bucket this process remembers (least recently seen forgotten first). Default 100 000. */
  maxClients?: number;
  /** Milliseconds clock, injected in tests. Default `Date.now`. */
  now?: () => number;
}

interface BucketDocument {
  _id: string;
  units?: number;
  at?: number;
  expiresAt?: Date;
}

/** Stands for "no bucket" in the compare-and-set: units and times are never negative. */
const ABSENT = -1;

/** The bucket a stored document holds (undefined: none, a full bucket). */
function bucketOf(stored: BucketDocument | null): Bucket | undefined {
  return stored && typeof stored.units === 'number' && typeof stored.at === 'number' ? { units: stored.units, at: stored.at } : undefined;
}

function sameBucket(a: Bucket | undefined, b: Bucket | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.units === b.units && a.at === b.at;
}

/**
 * A pipeline update setting the bucket to `next` only if the stored one is `expected` (undefined: none); else it
 * leaves the bucket as it is (a document upserted by a lost race holds no bucket, only its expiry).
 */
function compareAndSet(expected: Bucket | undefined, next: Bucket, windowMs: number): Record<string, unknown>[] {
  const unchanged = {
    $and: [
      { $eq: [{ $ifNull: ['$units', ABSENT] }, expected?.units ?? ABSENT] },
      { $eq: [{ $ifNull: ['$at', ABSENT] }, expected?.at ?? ABSENT] },
    ],
  };
  const expiresAt = new Date(next.at + windowMs);
  return [
    {
      $set: {
        units: { $cond: [unchanged, next.units, '$units'] },
        at: { $cond: [unchanged, next.at, '$at'] },
        expiresAt: { $cond: [unchanged, expiresAt, { $ifNull: ['$expiresAt', expiresAt] }] },
      },
    },
  ];
}

/** {@link spendBudget}'s buckets in MongoDB, shared by every process using the same collection (see the file's comment). */
export function createMongoRateLimiter(options: MongoRateLimiterOptions): RateLimiter & { ensureIndexes(): Promise<void> } {
  const { unitsPerWindow, windowMs } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  const now = options.now ?? Date.now;
  const lastSeen = new LRUCache<string, Bucket>({ max: options.maxClients ?? 100_000 });
  const buckets = () => {
    const db = options.connection.db;
    if (!db) throw new Error('the rate limit store is not connected');
    return db.collection<BucketDocument>(options.collection ?? 'rate_limits');
  };

  async function decide(client: string, cost: number, budget: number, abandoned: { now: boolean }): Promise<RateLimitDecision> {
    let expected = lastSeen.get(client);
    for (;;) {
      const spent = spendBudget(expected, now(), cost, budget, windowMs);
      const stored = await buckets().findOneAndUpdate({ _id: client }, compareAndSet(expected, spent.bucket, windowMs), {
        upsert: true,
        returnDocument: 'before',
        maxTimeMS: timeoutMs,
      });
      const current = bucketOf(stored);
      if (sameBucket(current, expected)) {
        lastSeen.set(client, spent.bucket);
        return spent.decision;
      }
      // Another process spent from the bucket first: decide again from what it left.
      if (abandoned.now) throw new Error('rate limit decision abandoned');
      expected = current;
    }
  }

  return {
    async ensureIndexes() {
      for (const { keys, options: indexOptions } of RATE_LIMIT_INDEXES) await buckets().createIndex(keys, indexOptions);
    },
    async consume(client, units, budget): Promise<RateLimitDecision> {
      const limit = budget ?? unitsPerWindow;
      const abandoned = { now: false };
      try {
        return await withinDeadline(decide(client, units, limit, abandoned), timeoutMs, 'rate limit store');
      } catch (error) {
        abandoned.now = true;
        logger.warn({ err: error, client }, 'rate limit store unavailable; request admitted');
        return { allowed: true, remaining: limit, retryAfterMs: 0 };
      }
    },
  };
}
