import { describe, expect, it } from 'vitest';
import { createReferenceCache, referenceTtlFromEnv } from '../../../subgraphs/common/reference-cache.ts';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createReferenceCache', () => {
  it('loads once per key within the freshness bound and again after it', async () => {
    const time = clock();
    let loads = 0;
    const cache = createReferenceCache(async (key: string) => `${key}#${++loads}`, { ttlMs: 1_000, monotonicNow: time.now });
    expect(await cache.get('markets')).toBe('markets#1');
    time.advance(999);
    expect(await cache.get('markets')).toBe('markets#1');
    time.advance(1);
    expect(await cache.get('markets')).toBe('markets#2');
  });

  it('shares one load among concurrent callers', async () => {
    let loads = 0;
    const cache = createReferenceCache(async () => ++loads, { ttlMs: 1_000, monotonicNow: clock().now });
    expect(await Promise.all([cache.get('x'), cache.get('x'), cache.get('x')])).toEqual([1, 1, 1]);
  });

  it('does not keep a failed load: the next request tries again', async () => {
    let attempt = 0;
    const cache = createReferenceCache(
      async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('database down');
        return 'ok';
      },
      { ttlMs: 60_000, monotonicNow: clock().now },
    );
    await expect(cache.get('k')).rejects.toThrow('database down');
    expect(await cache.get('k')).toBe('ok');
  });

  it('keeps at most maxKeys values, dropping the oldest', async () => {
    let loads = 0;
    const cache = createReferenceCache(async (key: number) => `${key}#${++loads}`, {
      ttlMs: 60_000,
      maxKeys: 2,
      monotonicNow: clock().now,
    });
    await cache.get(1);
    await cache.get(2);
    await cache.get(3);
    expect(await cache.get(2)).toBe('2#2');
    expect(await cache.get(1)).toBe('1#4');
  });

  it('with a bound of 0 reads on every call', async () => {
    let loads = 0;
    const cache = createReferenceCache(async () => ++loads, { ttlMs: 0, monotonicNow: clock().now });
    await cache.get('k');
    expect(await cache.get('k')).toBe(2);
  });
});

describe('referenceTtlFromEnv', () => {
  it('defaults to 60 s and refuses what is not a whole number of ms', () => {
    expect(referenceTtlFromEnv({})).toBe(60_000);
    expect(referenceTtlFromEnv({ MERIDIAN_REFERENCE_TTL_MS: '0' })).toBe(0);
    expect(() => referenceTtlFromEnv({ MERIDIAN_REFERENCE_TTL_MS: '1.5' })).toThrow(/MERIDIAN_REFERENCE_TTL_MS/);
    expect(() => referenceTtlFromEnv({ MERIDIAN_REFERENCE_TTL_MS: '-1' })).toThrow(/MERIDIAN_REFERENCE_TTL_MS/);
  });
});
