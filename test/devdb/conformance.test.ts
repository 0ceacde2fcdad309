import { Long } from 'mongodb';
import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc, TestServer } from './server.ts';
import { serverErrorOf, useTestDatabase } from './server.ts';

/**
 * Answers that must match MongoDB 7.0 exactly (collation, `let`, `$count`, `$mod`, `$sum` types,
 * projection order), and what 7.0 refuses, refused alike.
 */

let server: TestServer;
let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ server, db } = connected));

describe('collation', () => {
  const caseInsensitive = { locale: 'en_US', strength: 2 };

  beforeAll(async () => {
    await db.collection<TestDoc>('words').insertMany([
      { _id: 1, x: 'ping' },
      { _id: 2, x: 'PING' },
      { _id: 3, x: 'pïng' },
      { _id: 4, x: 'pong' },
    ]);
  });

  it('matches filters by the collation: strength 2 ignores case, strength 1 also accents', async () => {
    const words = db.collection<TestDoc>('words');
    const ids = async (filter: TestDoc, collation: { locale: string; strength?: number; caseLevel?: boolean }) =>
      (await words.find(filter, { collation, sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ x: 'PING' }, caseInsensitive)).toEqual([1, 2]);
    expect(await ids({ x: 'PING' }, { locale: 'en_US', strength: 1 })).toEqual([1, 2, 3]);
    expect(await ids({ x: 'PING' }, { locale: 'en_US', strength: 1, caseLevel: true })).toEqual([2]);
    expect(await ids({ x: { $in: ['PONG', 'nope'] } }, caseInsensitive)).toEqual([4]);
    expect(await ids({ x: { $ne: 'Ping' } }, caseInsensitive)).toEqual([3, 4]);
    expect(await ids({ x: 'PING' }, { locale: 'simple' })).toEqual([2]);
  });

  it('applies the collation in count, distinct, update and delete', async () => {
    const words = db.collection<TestDoc>('words');
    expect(await words.countDocuments({ x: 'Ping' }, { collation: caseInsensitive })).toBe(2);
    const distinct = await words.distinct('x', {}, { collation: caseInsensitive });
    expect(distinct).toHaveLength(3);
    expect(distinct.map((v: string) => v.toLowerCase()).sort()).toEqual(['ping', 'pong', 'pïng']);

    const copy = db.collection<TestDoc>('wordsCopy');
    await copy.insertMany([{ x: 'a' }, { x: 'A' }, { x: 'b' }]);
    expect((await copy.updateMany({ x: 'a' }, { $set: { hit: true } }, { collation: caseInsensitive })).modifiedCount).toBe(2);
    expect((await copy.deleteMany({ x: 'A' }, { collation: caseInsensitive })).deletedCount).toBe(2);
    expect(await copy.countDocuments()).toBe(1);
  });

  it('sorts by the collation, including numeric ordering, and accepts the en_US spelling', async () => {
    const versions = db.collection<TestDoc>('versions');
    await versions.insertMany([{ v: 'v10' }, { v: 'v9' }, { v: 'V2' }, { v: 'v1' }]);
    const sorted = async (collation: { locale: string; numericOrdering?: boolean }) =>
      (await versions.find({}, { collation, sort: { v: 1 }, projection: { _id: 0 } }).toArray()).map((d) => d['v']);
    expect(await sorted({ locale: 'en_US', numericOrdering: true })).toEqual(['v1', 'V2', 'v9', 'v10']);
    expect(await sorted({ locale: 'en_US' })).toEqual(['v1', 'v10', 'V2', 'v9']);
    expect(await sorted({ locale: 'simple' })).toEqual(['V2', 'v1', 'v10', 'v9']);
  });

  it('filters an aggregation $match by the collation', async () => {
    const rows = await db
      .collection<TestDoc>('words')
      .aggregate([{ $match: { x: 'PING' } }, { $sort: { _id: 1 } }, { $project: { _id: 1 } }], { collation: caseInsensitive })
      .toArray();
    expect(rows).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('refuses a locale it does not know with BadValue', async () => {
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('words')
        .find({}, { collation: { locale: 'xx_NOPE' } })
        .toArray(),
    );
    expect(error.code).toBe(2);
  });

  it('groups keys the collation finds equal together', async () => {
    const rows = await db
      .collection<TestDoc>('words')
      .aggregate([{ $group: { _id: '$x', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }], { collation: caseInsensitive })
      .toArray();
    expect(rows.map((row) => row['n'])).toEqual([2, 1, 1]);
    expect((rows[0]!['_id'] as string).toLowerCase()).toBe('ping');
  });

  it('refuses what it cannot collate, naming it (devdb)', async ({ skip }) => {
    if (!server.isDevDb) skip('a real MongoDB collates these too');
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('words')
        .aggregate([{ $group: { _id: null, all: { $addToSet: '$x' } } }], { collation: caseInsensitive })
        .toArray(),
    );
    expect(error.code).toBe(115);
    expect(error.message).toContain('$addToSet');
  });
});

describe('let variables', () => {
  beforeAll(async () => {
    await db.collection<TestDoc>('vars').insertMany([
      { _id: 1, qty: 1 },
      { _id: 2, qty: 3 },
      { _id: 3, qty: 5 },
    ]);
  });

  it('evaluates aggregate let expressions', async () => {
    const coll = db.collection<TestDoc>('letAggregate');
    await coll.insertOne({ _id: 1 });
    const rows = await coll
      .aggregate([{ $match: { _id: 1 } }, { $project: { _id: 0, y: '$$y' } }], { let: { y: { $add: [1, 2] } } })
      .toArray();
    expect(rows).toEqual([{ y: 3 }]);
  });

  it('uses let in find, update, delete and findOneAndUpdate filters', async () => {
    const vars = db.collection<TestDoc>('vars');
    const found = await vars.find({ $expr: { $gte: ['$qty', '$$min'] } }, { let: { min: 3 }, sort: { _id: 1 } }).toArray();
    expect(found.map((d) => d._id)).toEqual([2, 3]);
    const updated = await vars.updateMany({ $expr: { $eq: ['$qty', '$$target'] } }, [{ $set: { tag: '$$label' } }], {
      let: { target: 5, label: 'five' },
    });
    expect(updated.modifiedCount).toBe(1);
    expect(await vars.findOne({ _id: 3 })).toEqual({ _id: 3, qty: 5, tag: 'five' });
    const modified = await vars.findOneAndUpdate(
      { $expr: { $eq: ['$qty', '$$q'] } },
      { $set: { seen: true } },
      { let: { q: 1 }, returnDocument: 'after' },
    );
    expect(modified).toEqual({ _id: 1, qty: 1, seen: true });
    const deleted = await vars.deleteMany({ $expr: { $lt: ['$qty', '$$limit'] } }, { let: { limit: 2 } });
    expect(deleted.deletedCount).toBe(1);
    await db.command({ update: 'vars', updates: [{ q: { _id: 2 }, u: [{ $set: { label: '$$label' } }], c: { label: 'constant' } }] });
    expect(await vars.findOne({ _id: 2 }, { projection: { label: 1 } })).toEqual({ _id: 2, label: 'constant' });
    const bulk = await vars.bulkWrite([{ updateOne: { filter: { $expr: { $eq: ['$_id', '$$id'] } }, update: { $set: { bulk: true } } } }], {
      let: { id: 2 },
    });
    expect(bulk.modifiedCount).toBe(1);
  });
});

describe('aggregation and query results', () => {
  it('$count on no input yields no document', async () => {
    const empty = db.collection<TestDoc>('emptyCount');
    expect(await empty.aggregate([{ $count: 'n' }]).toArray()).toEqual([]);
    await empty.insertOne({ a: 1 });
    expect(await empty.aggregate([{ $match: { a: 2 } }, { $count: 'n' }]).toArray()).toEqual([]);
    expect(await empty.aggregate([{ $count: 'n' }]).toArray()).toEqual([{ n: 1 }]);
  });

  it('$mod matches numbers only, never null or a missing field', async () => {
    const coll = db.collection<TestDoc>('mods');
    await coll.insertMany([
      { _id: 1, a: null },
      { _id: 2 },
      { _id: 3, a: 10 },
      { _id: 4, a: 7 },
      { _id: 5, a: '10' },
      { _id: 6, a: [3, 15] },
    ]);
    expect(
      (
        await coll
          .find({ a: { $mod: [5, 0] } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id),
    ).toEqual([3, 6]);
    expect((await serverErrorOf(coll.find({ a: { $mod: [0, 1] } }).toArray())).code).toBe(2);
  });

  it('$sum over Long values is a Long', async () => {
    const coll = db.collection<TestDoc>('longs');
    await coll.insertMany([{ v: Long.fromNumber(5) }, { v: Long.fromNumber(7) }, { v: 1 }]);
    const [row] = await coll.aggregate([{ $group: { _id: null, total: { $sum: '$v' } } }], { promoteLongs: false }).toArray();
    expect(row!['total']).toBeInstanceOf(Long);
    expect(String(row!['total'])).toBe('13');

    await coll.insertMany([
      { g: 'ints', v: 2 },
      { g: 'ints', v: 3 },
      { g: 'mixed', v: Long.fromNumber(2) },
      { g: 'mixed', v: 1.5 },
      { g: 'longs', v: Long.fromNumber(4) },
    ]);
    const groups = await coll
      .aggregate([{ $match: { g: { $exists: true } } }, { $group: { _id: '$g', total: { $sum: '$v' } } }, { $sort: { _id: 1 } }], {
        promoteLongs: false,
      })
      .toArray();
    expect(groups.map((group) => [group._id, group['total'] instanceof Long ? `Long(${String(group['total'])})` : group['total']])).toEqual(
      [
        ['ints', 5],
        ['longs', 'Long(4)'],
        ['mixed', 3.5],
      ],
    );
  });

  it('projection keeps _id first and the stored field order', async () => {
    const coll = db.collection<TestDoc>('order');
    await coll.insertOne({ _id: 1, a: 1, b: { x: 1, y: 2 }, c: 3 });
    const [doc] = await coll.find({}, { projection: { c: 1, 'b.y': 1, 'b.x': 1, a: 1 } }).toArray();
    expect(Object.keys(doc!)).toEqual(['_id', 'a', 'b', 'c']);
    expect(Object.keys(doc!['b'])).toEqual(['x', 'y']);
    const [projected] = await coll.aggregate([{ $project: { c: 1, sum: { $add: ['$a', '$c'] }, 'b.y': 1, a: 1 } }]).toArray();
    expect(Object.keys(projected!)).toEqual(['_id', 'a', 'b', 'c', 'sum']);
    expect(projected).toEqual({ _id: 1, a: 1, b: { y: 2 }, c: 3, sum: 4 });
  });
});

describe('what MongoDB 7.0 refuses', () => {
  it('refuses sort on updateOne (an 8.0 option) with the unknown-field error', async () => {
    const coll = db.collection<TestDoc>('refused');
    await coll.insertMany([
      { _id: 1, a: 1 },
      { _id: 2, a: 1 },
    ]);
    const error = await serverErrorOf(
      db.command({ update: 'refused', updates: [{ q: { a: 1 }, u: { $set: { b: 1 } }, sort: { _id: -1 } }] }),
    );
    expect(error.code).toBe(40415);
    expect(error.message).toContain('sort');
    expect(await coll.countDocuments({ b: 1 })).toBe(0);
  });

  it('refuses a hint that names no index, and follows one that does', async () => {
    const coll = db.collection<TestDoc>('hinted');
    await coll.insertMany([
      { _id: 1, k: 'a' },
      { _id: 2, k: 'b' },
    ]);
    await coll.createIndex({ k: 1 });
    expect((await serverErrorOf(coll.find({ k: 'a' }, { hint: 'nope_1' }).toArray())).code).toBe(2);
    expect((await serverErrorOf(coll.find({ k: 'a' }, { hint: { nope: 1 } }).toArray())).code).toBe(2);
    expect((await serverErrorOf(coll.countDocuments({ k: 'a' }, { hint: 'nope_1' }))).code).toBe(2);
    expect((await serverErrorOf(coll.updateOne({ k: 'a' }, { $set: { x: 1 } }, { hint: 'nope_1' }))).code).toBe(2);
    expect(await coll.find({ k: 'a' }, { hint: 'k_1' }).toArray()).toEqual([{ _id: 1, k: 'a' }]);
    expect(await coll.find({ k: 'b' }, { hint: { k: 1 } }).toArray()).toEqual([{ _id: 2, k: 'b' }]);
    expect(await coll.countDocuments({}, { hint: { _id: 1 } })).toBe(2);
  });

  it('refuses an unknown command option, naming it', async () => {
    const error = await serverErrorOf(db.command({ find: 'refused', filter: {}, frobnicate: true }));
    expect(error.code).toBe(40415);
    expect(error.message).toContain('frobnicate');
    const onCreate = await serverErrorOf(db.command({ create: 'neverCreated', frobnicate: 1 }));
    expect(onCreate.code).toBe(40415);
    expect(await db.listCollections({ name: 'neverCreated' }).toArray()).toEqual([]);
    await db.collection<TestDoc>('keptByRefusal').insertMany([{ _id: 1 }, { _id: 2 }]);
    const onDelete = await serverErrorOf(db.command({ delete: 'keptByRefusal', deletes: [{ q: {}, limit: 0, sort: { _id: 1 } }] }));
    expect(onDelete.code).toBe(40415);
    expect(await db.collection<TestDoc>('keptByRefusal').countDocuments()).toBe(2);
  });

  it('refuses an _id holding a $-prefixed field', async () => {
    const coll = db.collection<TestDoc>('refused');
    const error = await serverErrorOf(
      db.command({ insert: 'refused', documents: [{ _id: { $bad: 1 } }] }).then((reply) => {
        // A write error comes back inside an ok reply; surface it as the driver's insertOne would.
        if (reply['writeErrors']) return coll.insertOne({ _id: { $bad: 1 } } as unknown as TestDoc);
        return reply;
      }),
    );
    expect(error.code).toBe(52);
    expect(await coll.countDocuments({ '_id.$bad': 1 })).toBe(0);
  });
});
