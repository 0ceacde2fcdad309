import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../../../gateway/rate-limiter.ts';

describe('createMemoryRateLimiter', () => {
  it('gives each client the default budget per window, refilled continuously, and says when to retry', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter({ unitsPerWindow: 100, windowMs: 60_000, now: () => now });
    expect(await limiter.consume('ip:1', 60)).toEqual({ allowed: true, remaining: 40, retryAfterMs: 0 });
    expect(await limiter.consume('ip:1', 60)).toEqual({ allowed: false, remaining: 40, retryAfterMs: 12_000 });
    expect((await limiter.consume('ip:2', 60)).allowed).toBe(true);
    now = 12_000;
    expect((await limiter.consume('ip:1', 60)).allowed).toBe(true);
  });

  it('charges an API key against its own budget, not the default', async () => {
    const limiter = createMemoryRateLimiter({ unitsPerWindow: 100, windowMs: 60_000, now: () => 0 });
    expect((await limiter.consume('key:big', 500, 1_000)).allowed).toBe(true);
    expect((await limiter.consume('key:big', 500, 1_000)).allowed).toBe(true);
    expect(await limiter.consume('key:big', 1, 1_000)).toMatchObject({ allowed: false, remaining: 0 });
    expect((await limiter.consume('key:small', 20, 10)).allowed).toBe(false);
  });
});
