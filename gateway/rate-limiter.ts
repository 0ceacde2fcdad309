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

interface Bucket {
  units: number;
  at: number;
}

/**
 * A token bucket per client in this process's memory: `unitsPerWindow` units, refilled continuously over
 * `windowMs`; a request is admitted when its whole cost fits, and then spends it. With several gateway workers
 * each keeps its own buckets (a client gets up to N times the budget): fine for single-process development; a
 * deployment shares buckets through a store (MongoDB, e.g. `rate-limiter-flexible`'s RateLimiterMongo) behind
 * the same {@link RateLimiter} interface.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): RateLimiter {
  const capacity = options.unitsPerWindow ?? 50_000;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const buckets = new LRUCache<string, Bucket>({ max: options.maxClients ?? 100_000 });
  return {
    async consume(client, units, budget) {
      const clientCapacity = budget ?? capacity;
      const ratePerMs = clientCapacity / windowMs;
      const at = now();
      const previous = buckets.get(client);
      const available = previous ? Math.min(clientCapacity, previous.units + (at - previous.at) * ratePerMs) : clientCapacity;
      if (units > available) {
        buckets.set(client, { units: available, at });
        // A cost above the whole budget can never fit: say when the full budget is back.
        const missing = Math.min(units, clientCapacity) - available;
        return { allowed: false, remaining: Math.floor(available), retryAfterMs: Math.ceil(Math.max(missing, 1) / ratePerMs) };
      }
      buckets.set(client, { units: available - units, at });
      return { allowed: true, remaining: Math.floor(available - units), retryAfterMs: 0 };
    },
  };
}
