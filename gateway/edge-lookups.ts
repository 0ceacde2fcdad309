import { withinDeadline } from '../subgraphs/common/deadline.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { PartnerErrorCode, partnerErrorResponse } from './partner-errors.ts';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.ts';
import type { HTTPGraphQLResponse } from '@apollo/server';

/** Whom a lookup is made for and until when: the client's address (whose budget pays) and the request's deadline. */
export interface LookupScope {
  /** The client's address as the gateway knows it (the request context's `remoteAddress`). */
  address: string | undefined;
  /** When the request must be answered, in `performance.now()` ms. */
  deadline: number;
}

/** Why the edge answers without a lookup's result: the address spent its lookup budget, or the database did not answer. */
export class EdgeLookupRefusal extends Error {
  readonly status: 429 | 503;
  readonly code: typeof PartnerErrorCode.RATE_LIMITED | typeof PartnerErrorCode.SERVICE_UNAVAILABLE;
  readonly retryAfterSeconds: number;

  constructor(status: 429 | 503, code: EdgeLookupRefusal['code'], message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'EdgeLookupRefusal';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The answer to the client: a GraphQL error with the code, and `retry-after`. */
  response(): HTTPGraphQLResponse {
    const retryAfter = String(this.retryAfterSeconds);
    return partnerErrorResponse(
      this.status,
      this.code,
      this.message,
      { 'retry-after': retryAfter },
      { retryAfterSeconds: this.retryAfterSeconds },
    );
  }
}

/** Database reads the partner edge makes for a client it cannot answer from memory (unknown keys and document ids). */
export interface EdgeLookups {
  /**
   * Spends one lookup of `scope.address`'s budget and runs `read` under the request's deadline (and at most the
   * lookup timeout). Throws {@link EdgeLookupRefusal}: 429 when the budget is spent (nothing is read), 503 when
   * the read fails or does not settle in time.
   */
  read<T>(scope: LookupScope, what: string, read: () => Promise<T>): Promise<T>;
}

/** Options of {@link createEdgeLookups}. */
export interface EdgeLookupsOptions {
  /** Lookups one address may cause per minute (a token bucket: this many at once, refilled over the minute). Default `MERIDIAN_EDGE_LOOKUPS_PER_MINUTE` or 300. */
  perMinute?: number;
  /** Longest one lookup may wait for the database, in ms, whatever is left of the request's deadline. Default `MERIDIAN_EDGE_LOOKUP_TIMEOUT_MS` or 1 000. */
  timeoutMs?: number;
  /** The token buckets; default in this process's memory (a shared store would itself be a database read). */
  limiter?: RateLimiter;
}

/**
 * The edge's own budget of database reads, per client address, on the project's token bucket (rate-limiter.ts):
 * a client sending made-up keys or document ids gets a few reads, then 429, rather than a read per request.
 * Kept in memory because what it protects is this process's database traffic, and because asking a shared
 * store would cost the very read it saves.
 */
export function createEdgeLookups(options: EdgeLookupsOptions = {}): EdgeLookups {
  const perMinute = options.perMinute ?? Number(process.env.MERIDIAN_EDGE_LOOKUPS_PER_MINUTE ?? 300);
  const timeoutMs = options.timeoutMs ?? Number(process.env.MERIDIAN_EDGE_LOOKUP_TIMEOUT_MS ?? 1_000);
  const limiter = options.limiter ?? createMemoryRateLimiter({ unitsPerWindow: perMinute, windowMs: 60_000 });
  return {
    async read(scope, what, read) {
      const decision = await limiter.consume(`lookup:${scope.address ?? 'unknown'}`, 1, perMinute);
      if (!decision.allowed) {
        const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1_000));
        throw new EdgeLookupRefusal(
          429,
          PartnerErrorCode.RATE_LIMITED,
          `Too many unknown API keys or document ids from this address; retry in ${retryAfterSeconds} s.`,
          retryAfterSeconds,
        );
      }
      const ms = Math.max(1, Math.min(timeoutMs, Math.floor(scope.deadline - performance.now())));
      try {
        return await withinDeadline(read(), ms, what);
      } catch (error) {
        logger.warn({ err: error, what }, 'partner edge lookup failed; answered SERVICE_UNAVAILABLE');
        throw new EdgeLookupRefusal(
          503,
          PartnerErrorCode.SERVICE_UNAVAILABLE,
          'The gateway cannot check credentials right now (its database did not answer); retry shortly.',
          1,
        );
      }
    },
  };
}
