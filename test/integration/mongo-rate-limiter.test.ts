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
    expect(await second.consume('ip:1', 50)).toEqual({ allowed: false, remaining: 40, retryAfterMs: 45_000 });
    // The refused 50 were given back: 40 still fit.
    expect(await second.consume('ip:1', 40)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    // Another client has its own budget; the next window starts afresh.
    expect((await first.consume('ip:2', 100)).allowed).toBe(true);
    clock.now += 45_000;
    expect(await first.consume('ip:1', 100)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('admits (and logs) when the store does not answer in time: a slow limiter must not become the outage', async () => {
    const hung = { db: { collection: () => ({ findOneAndUpdate: () => new Promise(() => {}) }) } } as unknown as Connection;
    const limiter = createMongoRateLimiter({ connection: hung, unitsPerWindow: 10, windowMs: 1_000, timeoutMs: 50 });
    const started = performance.now();
    expect(await limiter.consume('ip:1', 1_000)).toMatchObject({ allowed: true });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
