import { LRUCache } from 'lru-cache';

/**
 * Process-wide memos of pure computations (calendars, formatters, negotiated locales): bounded LRU caches that
 * can never be stale, because what they remember is a function of their key and of data shipped with the code.
 * Every one is created here under a name, so that a test (or a diagnostics page) reads all bounds in one place
 * instead of through a getter per cache.
 */
const memoCaches = new Map<string, LRUCache<string, NonNullable<unknown>>>();

/** A bounded memo named `name` (unique per process) keeping at most `max` entries, least recently used out first. */
export function createMemoCache<V extends NonNullable<unknown>>(name: string, max: number): LRUCache<string, V> {
  if (memoCaches.has(name)) throw new Error(`A memo cache named "${name}" already exists`);
  const cache = new LRUCache<string, V>({ max });
  memoCaches.set(name, cache as unknown as LRUCache<string, NonNullable<unknown>>);
  return cache;
}

/** Returns `cache`'s value for `key`, computing and remembering it first when absent. */
export function memoize<V extends NonNullable<unknown>>(cache: LRUCache<string, V>, key: string, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Size and bound of the memo named `name` (throws for an unknown name: a test naming a removed memo should fail). */
export function memoCacheStats(name: string): { size: number; max: number } {
  const cache = memoCaches.get(name);
  if (!cache) throw new Error(`No memo cache named "${name}"; known: ${[...memoCaches.keys()].join(', ')}`);
  return { size: cache.size, max: cache.max };
}
