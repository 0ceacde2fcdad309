import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMongoRateLimiter } from '../../gateway/mongo-rate-limiter.ts';
import { connectTestDatabase, type TestDatabase } from './test-database.ts';

// The rate limit shared by gateway processes through MongoDB (embedded database, or MONGODB_URI's server).
let database: TestDatabase | undefined;
let connection: Connection;

beforeAll(async () => {
  database = await connectTestDatabase('ratelimit');
  connection = database.connection;
});

afterAll(async () => {
  await database?.stop();
});

describe('createMongoRateLimiter', () => {
  it('shares one budget between two gateway processes, refuses past it without spending, and says when it refills', async () => {
    const clock = { now: 60_000 * 1_000 + 15_000 };
    const options = { connection, collection: 'limits_a', unitsPerWindow: 100, windowMs: 60_000, now: () => clock.now };
    const first = createMongoRateLimiter(options);
    const second = createMongoRateLimiter(options);
    await first.ensureIndexes();
    expect(await first.consume('ip:1', 60)).toEqual({ allowed: true, remaining: 40, retryAfterMs: 0 });
    // 10 units short; the bucket refills 100 units a minute.
    expect(await second.consume('ip:1', 50)).toEqual({ allowed: false, remaining: 40, retryAfterMs: 6_000 });
    // The refused 50 were not spent: 40 still fit.
    expect(await second.consume('ip:1', 40)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    // The first process's last view of the bucket is stale: it learns the current one, and refuses.
    expect(await first.consume('ip:1', 1)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 600 });
    // Another client has its own budget; a window later the bucket is full again.
    expect((await first.consume('ip:2', 100)).allowed).toBe(true);
    clock.now += 60_000;
    expect(await first.consume('ip:1', 100)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('charges an API key against its own budget, not the default', async () => {
    const limiter = createMongoRateLimiter({ connection, collection: 'limits_b', unitsPerWindow: 100, windowMs: 60_000, now: () => 0 });
    expect((await limiter.consume('key:big', 500, 1_000)).allowed).toBe(true);
    expect((await limiter.consume('key:big', 500, 1_000)).allowed).toBe(true);
    expect(await limiter.consume('key:big', 1, 1_000)).toMatchObject({ allowed: false, remaining: 0 });
    expect((await limiter.consume('key:small', 20, 10)).allowed).toBe(false);
  });

  /** `processes` limiters over one collection (each with its own memory, as separate gateway processes), all asking at once. */
  async function burst(collection: string, clock: { now: number }, processes: number, requestsEach: number, cost: number): Promise<number> {
    const limiters = Array.from({ length: processes }, () =>
      createMongoRateLimiter({ connection, collection, unitsPerWindow: 100, windowMs: 60_000, timeoutMs: 30_000, now: () => clock.now }),
    );
    const decisions = await Promise.all(
      limiters.flatMap((limiter) => Array.from({ length: requestsEach }, () => limiter.consume('ip:busy', cost))),
    );
    return decisions.filter((decision) => decision.allowed).length;
  }

  it('never admits more than the budget to one client asking through many processes at once', async () => {
    const clock = { now: 60_000 * 2_000 + 30_000 };
    // 100 units at 7 a request: 14 fit, whoever asks.
    expect(await burst('limits_c', clock, 8, 10, 7)).toBe(14);
    expect(await burst('limits_c', clock, 8, 10, 7)).toBe(0);
  });

  it('never admits more than the budget across what used to be a window edge', async () => {
    // A fixed window admitted the whole budget just before the edge and again just after it.
    const clock = { now: 60_000 * 3_000 - 1 };
    expect(await burst('limits_d', clock, 6, 10, 10)).toBe(10);
    clock.now += 2;
    expect(await burst('limits_d', clock, 6, 10, 10)).toBe(0);
    // What refills is spendable: a tenth of the window gives back a tenth of the budget, once.
    clock.now += 6_000;
    expect(await burst('limits_d', clock, 6, 10, 10)).toBe(1);
  });

  it('admits (and logs) when the store does not answer in time: a slow limiter must not become the outage', async () => {
    const hung = { db: { collection: () => ({ findOneAndUpdate: () => new Promise(() => {}) }) } } as unknown as Connection;
    const limiter = createMongoRateLimiter({ connection: hung, unitsPerWindow: 10, windowMs: 1_000, timeoutMs: 50 });
    const started = performance.now();
    expect(await limiter.consume('ip:1', 1_000)).toMatchObject({ allowed: true });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
