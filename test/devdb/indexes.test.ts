import { Long, MongoBulkWriteError } from 'mongodb';
import type { Db } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { serverErrorOf, useTestDatabase, stagesOf } from './server.ts';

let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

describe('unique indexes', () => {
  it('rejects a duplicate insert with E11000 naming the index, keyPattern and keyValue', async () => {
    const users = db.collection<TestDoc>('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'ada@example.com' });
    const error = await serverErrorOf(users.insertOne({ email: 'ada@example.com' }));
    expect(error.code).toBe(11000);
    expect(error.message).toMatch(
      /E11000 duplicate key error collection: .*\.users index: email_1 dup key: \{ email: "ada@example\.com" \}/,
    );
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'ada@example.com' });
    expect(await users.countDocuments()).toBe(1);
  });

  it('rejects an update or an upsert that would create a duplicate, leaving data unchanged', async () => {
    const users = db.collection<TestDoc>('usersUpdated');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertMany([{ email: 'ada@example.com' }, { email: 'bob@example.com' }]);
    const viaUpdate = await serverErrorOf(users.updateOne({ email: 'bob@example.com' }, { $set: { email: 'ada@example.com' } }));
    expect(viaUpdate.code).toBe(11000);
    expect(await users.countDocuments({ email: 'bob@example.com' })).toBe(1);
    const viaUpsert = await serverErrorOf(users.updateOne({ name: 'nobody' }, { $set: { email: 'ada@example.com' } }, { upsert: true }));
    expect(viaUpsert.code).toBe(11000);
    expect(await users.countDocuments()).toBe(2);
  });

  it('treats a duplicate _id as E11000 on index _id_', async () => {
    const coll = db.collection<TestDoc>('ids');
    await coll.insertOne({ _id: 'x' });
    const error = await serverErrorOf(coll.insertOne({ _id: 'x' }));
    expect(error.code).toBe(11000);
    expect(error.message).toContain('index: _id_');
    expect(error.keyValue).toEqual({ _id: 'x' });
  });

  it('enforces compound unique keys on the combination only', async () => {
    const prices = db.collection<TestDoc>('prices');
    await prices.createIndex({ sku: 1, country: 1 }, { unique: true, name: 'sku_country' });
    await prices.insertMany([
      { sku: 'A', country: 'DE' },
      { sku: 'A', country: 'FR' },
      { sku: 'B', country: 'DE' },
    ]);
    const error = await serverErrorOf(prices.insertOne({ sku: 'A', country: 'FR' }));
    expect(error.message).toContain('index: sku_country');
    expect(error.keyPattern).toEqual({ sku: 1, country: 1 });
    expect(error.keyValue).toEqual({ sku: 'A', country: 'FR' });
  });

  it('compares key values like MongoDB: 5, 5.0 and Long(5) collide', async () => {
    const coll = db.collection<TestDoc>('numericKeys');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertOne({ code: 5 });
    expect((await serverErrorOf(coll.insertOne({ code: 5.0 }))).code).toBe(11000);
    expect((await serverErrorOf(coll.insertOne({ code: Long.fromNumber(5) }))).code).toBe(11000);
    await coll.insertOne({ code: '5' });
    expect(await coll.countDocuments()).toBe(2);
  });

  it('keeps Longs apart that a double cannot tell apart: 2^53 and 2^53 + 1 are two keys', async () => {
    const coll = db.collection<TestDoc>('longKeys');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.insertOne({ code: Long.fromString('9007199254740992') });
    await coll.insertOne({ code: Long.fromString('9007199254740993') });
    expect((await serverErrorOf(coll.insertOne({ code: Long.fromString('9007199254740993') }))).code).toBe(11000);
    const found = await coll.find({ code: Long.fromString('9007199254740993') }, { promoteLongs: false }).toArray();
    expect(found.map((doc) => String(doc['code']))).toContain('9007199254740993');
    expect(await coll.countDocuments()).toBe(2);
  });

  it('indexes each element of an array (multikey) for uniqueness', async () => {
    const coll = db.collection<TestDoc>('multikey');
    await coll.createIndex({ aliases: 1 }, { unique: true });
    await coll.insertOne({ aliases: ['a', 'b'] });
    expect((await serverErrorOf(coll.insertOne({ aliases: ['c', 'b'] }))).keyValue).toEqual({ aliases: 'b' });
  });

  it('refuses to build a unique index over data that already has duplicates', async () => {
    const coll = db.collection<TestDoc>('preexisting');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    expect((await serverErrorOf(coll.createIndex({ k: 1 }, { unique: true }))).code).toBe(11000);
    expect((await coll.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_']);
  });

  it('honours sparse and partialFilterExpression for uniqueness', async () => {
    const sparse = db.collection<TestDoc>('sparse');
    await sparse.createIndex({ taxId: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ name: 'a' }, { name: 'b' }, { taxId: 'T1' }]);
    expect((await serverErrorOf(sparse.insertOne({ taxId: 'T1' }))).code).toBe(11000);

    const partial = db.collection<TestDoc>('partial');
    await partial.createIndex({ sku: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([
      { sku: 'A', active: false },
      { sku: 'A', active: false },
      { sku: 'A', active: true },
    ]);
    expect((await serverErrorOf(partial.insertOne({ sku: 'A', active: true }))).code).toBe(11000);
  });

  it('without a unique index, equal values are fine', async () => {
    const coll = db.collection<TestDoc>('plain');
    await coll.createIndex({ brand: 1 });
    await coll.insertMany([{ brand: 'Acme' }, { brand: 'Acme' }]);
    expect(await coll.countDocuments({ brand: 'Acme' })).toBe(2);
  });
});

describe('insertMany with errors', () => {
  it('unordered: inserts every valid document and reports each failure with its index', async () => {
    const coll = db.collection<TestDoc>('unordered');
    await coll.createIndex({ sku: 1 }, { unique: true });
    const error = await coll.insertMany([{ sku: 'A' }, { sku: 'A' }, { sku: 'B' }, { sku: 'B' }, { sku: 'C' }], { ordered: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(3);
    expect(
      bulk.writeErrors instanceof Array
        ? bulk.writeErrors.map((e) => [e.index, e.code])
        : [[bulk.writeErrors.index, bulk.writeErrors.code]],
    ).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(
      (
        await coll
          .find({}, { projection: { _id: 0 } })
          .sort({ sku: 1 })
          .toArray()
      ).map((d) => d['sku']),
    ).toEqual(['A', 'B', 'C']);
  });

  it('ordered: stops at the first failure', async () => {
    const coll = db.collection<TestDoc>('ordered');
    await coll.createIndex({ sku: 1 }, { unique: true });
    const error = (await coll.insertMany([{ sku: 'A' }, { sku: 'A' }, { sku: 'B' }]).catch((e: unknown) => e)) as MongoBulkWriteError;
    expect(error.insertedCount).toBe(1);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('bulkWrite mixes inserts, updates, upserts and deletes', async () => {
    const coll = db.collection<TestDoc>('bulk');
    const result = await coll.bulkWrite([
      { insertOne: { document: { _id: 1, qty: 1 } } },
      { insertOne: { document: { _id: 2, qty: 2 } } },
      { updateOne: { filter: { _id: 1 }, update: { $inc: { qty: 5 } } } },
      { updateMany: { filter: {}, update: { $set: { seen: true } } } },
      { replaceOne: { filter: { _id: 3 }, replacement: { qty: 3 }, upsert: true } },
      { deleteOne: { filter: { _id: 2 } } },
    ]);
    expect(result.insertedCount).toBe(2);
    expect(result.matchedCount).toBe(3);
    expect(result.modifiedCount).toBe(3);
    expect(result.upsertedCount).toBe(1);
    expect(result.deletedCount).toBe(1);
    expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, qty: 6, seen: true },
      { _id: 3, qty: 3 },
    ]);
  });
});

describe('index management', () => {
  it('lists, creates idempotently and drops indexes', async () => {
    const coll = db.collection<TestDoc>('managed');
    await coll.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'b_desc', unique: true }]);
    await coll.createIndex({ a: 1 });
    const names = (await coll.listIndexes().toArray()).map((i) => i['name']);
    expect(names).toEqual(['_id_', 'a_1', 'b_desc']);
    expect((await coll.listIndexes().toArray()).find((i) => i['name'] === 'b_desc')).toMatchObject({ key: { b: -1 }, unique: true });
    await coll.dropIndex('a_1');
    expect((await coll.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_', 'b_desc']);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_']);
    await expect(coll.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
  });

  it('rejects the same name with a different key', async () => {
    const coll = db.collection<TestDoc>('conflicts');
    await coll.createIndex({ a: 1 }, { name: 'idx' });
    await expect(coll.createIndex({ b: 1 }, { name: 'idx' })).rejects.toMatchObject({ code: 86 });
  });
});

describe('index use (explain)', () => {
  it('answers equality and $in lookups on an indexed field from the index, others by a full scan', async () => {
    const coll = db.collection<TestDoc>('explained');
    await coll.insertMany(Array.from({ length: 500 }, (_, i) => ({ sku: `SKU-${i}`, copy: `SKU-${i}`, bucket: i % 10 })));
    await coll.createIndex({ sku: 1 });

    const indexed = await coll.find({ sku: { $in: ['SKU-1', 'SKU-2', 'SKU-3'] } }).explain('executionStats');
    expect(stagesOf(indexed.queryPlanner)).toContain('IXSCAN');
    expect(stagesOf(indexed.queryPlanner)).not.toContain('COLLSCAN');
    expect(indexed['executionStats'].nReturned).toBe(3);
    expect(indexed['executionStats'].totalDocsExamined).toBe(3);

    const anded = await coll.find({ sku: 'SKU-7', bucket: 7 }).explain('executionStats');
    expect(stagesOf(anded.queryPlanner)).toContain('IXSCAN');
    expect(anded['executionStats'].totalDocsExamined).toBe(1);

    const aggregated = await coll.aggregate([{ $match: { sku: 'SKU-9' } }, { $project: { _id: 0, sku: 1 } }]).explain('queryPlanner');
    expect(stagesOf(aggregated)).toContain('IXSCAN');

    const scanned = await coll.find({ copy: { $in: ['SKU-1', 'SKU-2', 'SKU-3'] } }).explain('executionStats');
    expect(stagesOf(scanned.queryPlanner)).toContain('COLLSCAN');
    expect(scanned['executionStats'].nReturned).toBe(3);
    expect(scanned['executionStats'].totalDocsExamined).toBe(500);
  });

  it('returns the same documents with and without the index', async () => {
    const coll = db.collection<TestDoc>('sameAnswers');
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ sku: `SKU-${i}`, copy: `SKU-${i}`, bucket: i % 10 })));
    await coll.createIndex({ sku: 1 });
    const viaIndex = await coll
      .find({ sku: { $in: ['SKU-10', 'SKU-20', 'nope'] } }, { projection: { _id: 0, bucket: 1, copy: 1 } })
      .sort({ copy: 1 })
      .toArray();
    const viaScan = await coll
      .find({ copy: { $in: ['SKU-10', 'SKU-20', 'nope'] } }, { projection: { _id: 0, bucket: 1, copy: 1 } })
      .sort({ copy: 1 })
      .toArray();
    expect(viaIndex).toEqual([
      { copy: 'SKU-10', bucket: 0 },
      { copy: 'SKU-20', bucket: 0 },
    ]);
    expect(viaScan).toEqual(viaIndex);
  });
});
