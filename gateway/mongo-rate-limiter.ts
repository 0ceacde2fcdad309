import type { Connection } from 'mongoose';
import { logger } from '../subgraphs/common/logger.ts';
import type { RateLimitDecision, RateLimiter } from './rate-limiter.ts';

/** Options of {@link createMongoRateLimiter}. */
export interface MongoRateLimiterOptions {
  /** The gateway's own database connection (not a subgraph's). */
  connection: Connection;
  /** Collection of the counters. Default `rate_limits`. */
  collection?: string;
  /** Cost units a client may spend per window. */
  unitsPerWindow: number;
  /** The window, in ms. */
  windowMs: number;
  /**
   * How long one decision may wait for the database, in ms; past it (or on any database error) the request is
   * admitted and a warning logged: a slow limiter must not become the outage. Default 250.
   */
  timeoutMs?: number;
  /** Milliseconds clock, injected in tests. Default `Date.now`. */
  now?: () => number;
}

interface Counter {
  _id: string;
  units: number;
  expiresAt: Date;
}

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rate limit store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A per-client budget shared by every gateway process through MongoDB: one counter document per client and
 * fixed window (`<client>:<window number>`), increased atomically by the request's cost with an upserting
 * `findOneAndUpdate`; a request that would pass the budget is refused and its units given back. Counters
 * expire through a TTL index on `expiresAt` ({@link ensureIndexes}). Fixed windows let a client spend up to twice
 * its budget across a window boundary; the in-memory limiter's token bucket does not, but cannot be shared.
 */
export function createMongoRateLimiter(options: MongoRateLimiterOptions): RateLimiter & { ensureIndexes(): Promise<void> } {
  const { unitsPerWindow, windowMs } = options;
  const timeoutMs = options.timeoutMs ?? 250;
  const now = options.now ?? Date.now;
  const counters = () => options.connection.db!.collection<Counter>(options.collection ?? 'rate_limits');
  return {
    async ensureIndexes() {
      await counters().createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    },
    async consume(client, units, budget): Promise<RateLimitDecision> {
      const limit = budget ?? unitsPerWindow;
      const at = now();
      const window = Math.floor(at / windowMs);
      const _id = `${client}:${window}`;
      try {
        const counter = await withinDeadline(
          counters().findOneAndUpdate(
            { _id },
            { $inc: { units }, $setOnInsert: { expiresAt: new Date((window + 2) * windowMs) } },
            { upsert: true, returnDocument: 'after', maxTimeMS: timeoutMs },
          ),
          timeoutMs,
        );
        const used = counter?.units ?? units;
        if (used <= limit) return { allowed: true, remaining: limit - used, retryAfterMs: 0 };
        // A refused request spends nothing: give its units back.
        await withinDeadline(counters().updateOne({ _id }, { $inc: { units: -units } }), timeoutMs).catch(() => undefined);
        return { allowed: false, remaining: Math.max(0, limit - (used - units)), retryAfterMs: (window + 1) * windowMs - at };
      } catch (error) {
        logger.warn({ err: error, client }, 'rate limit store unavailable; request admitted');
        return { allowed: true, remaining: limit, retryAfterMs: 0 };
      }
    },
  };
}
