import { beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Db } from 'mongodb';
import { Long } from 'mongodb';
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

describe('an $or of equalities on the same fields (a batched read of compound keys)', () => {
  it('matches as MongoDB does: numbers across types, arrays element-wise, a missing field never', async () => {
    const lists = db.collection('posting_lists');
    await lists.createIndex({ term: 1, locale: 1, bucket: 1 }, { unique: true });
    await lists.insertMany([
      { _id: 1 as never, term: 'shoe', locale: 'de', bucket: 0 },
      { _id: 2 as never, term: 'shoe', locale: 'de', bucket: Long.fromNumber(1) },
      { _id: 3 as never, term: 'shoe', locale: 'en', bucket: 0 },
      { _id: 4 as never, term: 'boot', locale: 'de', bucket: 0.0 },
      { _id: 5 as never, term: ['boot', 'shoe'], locale: 'fr', bucket: 2 },
      { _id: 6 as never, term: 'boot', locale: 'fr' },
      { _id: 7 as never, term: 'sock', locale: 'de', bucket: 0, extra: true },
    ]);
    // Many branches, as the search index's reads send (one per list), in an order unlike the documents'.
    const branches = [
      { term: 'sock', locale: 'de', bucket: 0 },
      { term: 'shoe', locale: 'de', bucket: 1 },
      { term: 'boot', locale: 'de', bucket: Long.fromNumber(0) },
      { term: 'shoe', locale: 'fr', bucket: 2 },
      { term: 'boot', locale: 'fr', bucket: 0 },
      ...Array.from({ length: 50 }, (_, i) => ({ term: `t${i}`, locale: 'de', bucket: i })),
    ];
    const found = await lists
      .find({ $or: branches }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    // 2: Long 1 equals 1; 4: 0.0 equals Long 0; 5: an array holds 'shoe'; 6: a missing bucket equals no number.
    expect(found.map((row) => row._id)).toEqual([2, 4, 5, 7]);
    const unindexed = db.collection('posting_lists_unindexed');
    await unindexed.insertMany(await lists.find().toArray());
    expect(
      (
        await unindexed
          .find({ $or: branches }, { projection: { _id: 1 } })
          .sort({ _id: 1 })
          .toArray()
      ).map((row) => row._id),
    ).toEqual([2, 4, 5, 7]);
  });
});
