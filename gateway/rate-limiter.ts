/**
 * The gateway's per-client rate limit: one algorithm, {@link spendBudget}, kept in two stores — this process's
 * memory ({@link createMemoryRateLimiter}) or MongoDB shared by every gateway process (mongo-rate-limiter.ts).
 *
 * Why our own: a fixed window (what rate-limiter-flexible's RateLimiterMemory and RateLimiterMongo count) admits
 * the whole budget at the end of one window and the whole budget again at the start of the next, twice the
 * budget within moments. A token bucket never admits more than the budget at once, and is a pure function of a
 * small state, so both stores run the very same code and differ only in where they keep the state.
 *
 * The algorithm (a token bucket): each client has a bucket of at most `budget` units, refilled continuously at
 * `budget / windowMs` units per ms. A request is admitted when its whole cost fits in what the bucket holds now,
 * and then spends it; a refused request spends nothing, and is told how long until its cost fits (a cost above
 * the whole budget: until the bucket is full). So over any stretch of `t` ms a client is admitted at most
 * `budget × (1 + t / windowMs)` units: never more than the budget in a burst, the budget per window when
 * sustained. A client never seen before, or whose bucket was forgotten (full again `windowMs` after its last
 * change at the latest), starts with a full bucket. A bucket's time only moves forward: a process whose clock
 * lags another's refills nothing rather than a negative amount.
 */
import { LRUCache } from 'lru-cache';

/** What {@link RateLimiter.consume} decided. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Units left in the client's budget after this request (0 when refused). */
  remaining: number;
  /** When refused: how long until the request's cost fits again, in ms. */
  retryAfterMs: number;
}

/** A per-client budget of cost units. The in-memory one serves one process; a shared store implements the same. */
export interface RateLimiter {
  /**
   * Spends `units` of `client`'s budget: `budget` units per window when given (an API key's own budget), else the
   * limiter's default.
   */
  consume(client: string, units: number, budget?: number): Promise<RateLimitDecision>;
}

/** A client's token bucket: the units it held at time `at` (ms). */
export interface Bucket {
  units: number;
  at: number;
}

/**
 * The rate limit's one rule: what `bucket` (undefined: a full one) decides at `now` for a request of `cost`
 * units against `budget` units per `windowMs`, and the bucket to keep afterwards.
 */
export function spendBudget(
  bucket: Bucket | undefined,
  now: number,
  cost: number,
  budget: number,
  windowMs: number,
): { decision: RateLimitDecision; bucket: Bucket } {
  const ratePerMs = budget / windowMs;
  const at = bucket ? Math.max(bucket.at, now) : now;
  const available = bucket ? Math.min(budget, bucket.units + (at - bucket.at) * ratePerMs) : budget;
  if (cost > available) {
    // A cost above the whole budget can never fit: say when the full budget is back.
    const missing = Math.min(cost, budget) - available;
    return {
      decision: { allowed: false, remaining: Math.floor(available), retryAfterMs: Math.ceil(Math.max(missing, 1) / ratePerMs) },
      bucket: { units: available, at },
    };
  }
  return { decision: { allowed: true, remaining: Math.floor(available - cost), retryAfterMs: 0 }, bucket: { units: available - cost, at } };
}

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Cost units a client may spend per window. Default 50 000. */
  unitsPerWindow?: number;
  /** The window, in ms; the budget refills continuously over it. Default 60 000. */
  windowMs?: number;
  /** Clients remembered at most (least recently seen forgotten first). Default 100 000. */
  maxClients?: number;
  /** Milliseconds clock, injected in tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * {@link spendBudget}'s buckets in this process's memory. With several gateway workers each keeps its own
 * buckets (a client gets up to N times the budget): fine for single-process development; a deployment shares
 * them through MongoDB (mongo-rate-limiter.ts, which `gateway/server.ts` uses whenever `MONGODB_URI` is set).
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const capacity = options.unitsPerWindow ?? 50_000;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const buckets = new LRUCache<string, Bucket>({ max: options.maxClients ?? 100_000 });
  return {
    async consume(client, units, budget) {
      const spent = spendBudget(buckets.get(client), now(), units, budget ?? capacity, windowMs);
      buckets.set(client, spent.bucket);
      return spent.decision;
    },
  };
}
