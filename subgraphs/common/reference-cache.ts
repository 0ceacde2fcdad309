import { LRUCache } from 'lru-cache';
import { ConfigError } from './config-error.ts';

/**
 * Reference data — markets, FX rates, tax and duty tables, lanes, warehouses — changes by import or by law,
 * not per request, yet every request needs it. So each subgraph process keeps it in memory and reads it
 * again once it is older than a freshness bound (`MERIDIAN_REFERENCE_TTL_MS`, default 60 s): a change made in
 * the database (a new FX import, an edited lane) is served within that bound, never later.
 *
 * A cache holds one value per key (keys are few and bounded by `maxKeys`), never anything a client sent or a
 * response: it is not a response cache. Loads in flight are shared; a failed load is not kept.
 */

/** Default freshness bound of reference data, in ms. */
export const DEFAULT_REFERENCE_TTL_MS = 60_000;

/** The freshness bound from `MERIDIAN_REFERENCE_TTL_MS` (ms, ≥ 0; 0 reads the database on every request). */
export function referenceTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MERIDIAN_REFERENCE_TTL_MS;
  if (raw === undefined || raw === '') return DEFAULT_REFERENCE_TTL_MS;
  const ttl = Number(raw);
  if (!Number.isSafeInteger(ttl) || ttl < 0) {
    throw new ConfigError(
      'MERIDIAN_REFERENCE_TTL_MS',
      `MERIDIAN_REFERENCE_TTL_MS must be a whole number of milliseconds ≥ 0, got "${raw}"`,
    );
  }
  return ttl;
}

/** Options of {@link createReferenceCache}. */
export interface ReferenceCacheOptions {
  /** How long a loaded value may be served, in ms. */
  ttlMs: number;
  /** Most keys kept; the least recently used is dropped first. Default 16. */
  maxKeys?: number;
  /** Wall clock in ms (tests may inject one). Default `performance.now()`-based monotonic time. */
  monotonicNow?: () => number;
}

/** A bounded, time-limited cache of reference data by key. */
export interface ReferenceCache<K, V> {
  /** The value for `key`: cached when younger than the TTL, otherwise loaded (once, however many ask). */
  get(key: K): Promise<V>;
  /** Forgets every value (e.g. right after an import in the same process). */
  clear(): void;
}

interface Entry<V> {
  loadedAt: number;
  value: Promise<V>;
}

export function createReferenceCache<K extends NonNullable<unknown>, V>(
  load: (key: K) => Promise<V>,
  options: ReferenceCacheOptions,
): ReferenceCache<K, V> {
  const now = options.monotonicNow ?? (() => performance.now());
  const entries = new LRUCache<K, Entry<V>>({ max: options.maxKeys ?? 16 });
  return {
    get(key) {
      const entry = entries.get(key);
      const at = now();
      if (entry && at - entry.loadedAt < options.ttlMs) return entry.value;
      const value = load(key);
      entries.set(key, { loadedAt: at, value });
      // A failed load must not be served for a whole TTL: forget it so the next request tries again.
      value.catch(() => {
        if (entries.peek(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
