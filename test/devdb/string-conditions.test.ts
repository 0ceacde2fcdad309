import { beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Db } from 'mongodb';
import { useTestDatabase } from './server.ts';

// Filters made only of string conditions on top-level fields (a batched lookup that leaves some values out,
// as the translation reader sends) are tested without mingo; they must keep MongoDB's semantics exactly:
// a missing field equals no string, an array equals a string when one of its elements does.
let db: Db;
let rows: Collection;

useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

beforeAll(async () => {
  rows = db.collection('rows');
  await rows.createIndex({ productId: 1, locale: 1 }, { unique: true });
  await rows.insertMany([
    { _id: 1 as never, productId: 'p1', locale: 'de', tags: ['a', 'b'] },
    { _id: 2 as never, productId: 'p1', locale: 'en', tags: 'c' },
    { _id: 3 as never, productId: 'p1', locale: 'fr' },
    { _id: 4 as never, productId: 'p2', locale: 'de', tags: ['c'] },
    { _id: 5 as never, productId: 'p2', tags: ['a'] },
    { _id: 6 as never, productId: 'p3', locale: 'ja' },
  ]);
});

const ids = async (filter: Record<string, unknown>) =>
  (
    await rows
      .find(filter, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray()
  ).map((row) => row._id);

describe('string conditions on top-level fields', () => {
  it('keeps a batched lookup and leaves out the locales named by $nin (a missing locale is kept)', async () => {
    expect(await ids({ productId: { $in: ['p1', 'p2'] }, locale: { $nin: ['fr', 'ja'] } })).toEqual([1, 2, 4, 5]);
    expect(await ids({ productId: { $in: ['p1', 'p2', 'p9'] }, locale: { $in: ['de', 'fr'] } })).toEqual([1, 3, 4]);
  });

  it('treats $ne like $nin of one string, and matches arrays element-wise', async () => {
    expect(await ids({ productId: 'p1', locale: { $ne: 'de' } })).toEqual([2, 3]);
    expect(await ids({ tags: 'a' })).toEqual([1, 5]);
    expect(await ids({ tags: { $nin: ['a'] } })).toEqual([2, 3, 4, 6]);
    expect(await ids({ tags: { $ne: 'c' }, productId: { $eq: 'p2' } })).toEqual([5]);
  });

  it('tests every condition on one field, and still answers from the index', async () => {
    expect(await ids({ locale: { $in: ['de', 'en'], $ne: 'en' } })).toEqual([1, 4]);
    const plan = (await rows.find({ productId: { $in: ['p1', 'p2'] }, locale: { $nin: ['fr'] } }).explain()) as {
      queryPlanner: { winningPlan: unknown };
    };
    expect(JSON.stringify(plan.queryPlanner.winningPlan)).toContain('productId_1_locale_1');
  });
});
