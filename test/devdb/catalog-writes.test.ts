import type { Db, MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { TestDoc, TestServer } from './server.ts';
import { serverErrorOf, useTestDatabase } from './server.ts';

/** `$out`, `$merge`, `renameCollection`, `collMod`, `dbStats` and `$collStats`, as mongosh's helpers use them. */

let server: TestServer;
let client: MongoClient;
let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ server, client, db } = connected));

describe('$out', () => {
  it('replaces the target with the results, keeping its indexes; a failure leaves it untouched', async () => {
    const orders = db.collection<TestDoc>('outOrders');
    await orders.insertMany([
      { sku: 'A', qty: 2 },
      { sku: 'B', qty: 1 },
      { sku: 'A', qty: 5 },
    ]);
    const totals = db.collection<TestDoc>('outTotals');
    await totals.insertOne({ _id: 'stale', qty: 0 });
    await totals.createIndex({ qty: 1 }, { unique: true });

    const cursor = await orders.aggregate([{ $group: { _id: '$sku', qty: { $sum: '$qty' } } }, { $out: 'outTotals' }]).toArray();
    expect(cursor).toEqual([]);
    expect(await totals.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'A', qty: 7 },
      { _id: 'B', qty: 1 },
    ]);
    expect((await totals.listIndexes().toArray()).map((index) => index['name'])).toEqual(['_id_', 'qty_1']);

    const error = await serverErrorOf(orders.aggregate([{ $project: { _id: 0, qty: { $literal: 1 } } }, { $out: 'outTotals' }]).toArray());
    expect(error.code).toBe(11000);
    expect(await totals.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'A', qty: 7 },
      { _id: 'B', qty: 1 },
    ]);
  });

  it('must be the last stage', async () => {
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('outOrders')
        .aggregate([{ $out: 'x' }, { $match: {} }])
        .toArray(),
    );
    expect(error.code).toBe(40601);
  });
});

describe('$merge', () => {
  it('merges into existing documents by _id and inserts the others (the defaults)', async () => {
    const target = db.collection<TestDoc>('mergeTarget');
    await target.insertMany([
      { _id: 1, name: 'one', qty: 1 },
      { _id: 2, name: 'two', qty: 2 },
    ]);
    await db.collection<TestDoc>('mergeSource').insertMany([
      { _id: 2, qty: 20 },
      { _id: 3, qty: 30 },
    ]);
    await db
      .collection<TestDoc>('mergeSource')
      .aggregate([{ $merge: 'mergeTarget' }])
      .toArray();
    expect(await target.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, name: 'one', qty: 1 },
      { _id: 2, name: 'two', qty: 20 },
      { _id: 3, qty: 30 },
    ]);
  });

  it('replaces, keeps, fails or runs a pipeline with $$new on a match, on a uniquely indexed field', async () => {
    const target = db.collection<TestDoc>('mergeBySku');
    await target.createIndex({ sku: 1 }, { unique: true });
    await target.insertOne({ sku: 'A', qty: 1, note: 'keep' });
    const source = db.collection<TestDoc>('mergeSkuSource');
    await source.insertOne({ sku: 'A', qty: 5 });
    const merge = (whenMatched: unknown, whenNotMatched = 'insert') =>
      source.aggregate([{ $project: { _id: 0 } }, { $merge: { into: 'mergeBySku', on: 'sku', whenMatched, whenNotMatched } }]).toArray();

    await merge('keepExisting');
    expect(await target.findOne({ sku: 'A' }, { projection: { _id: 0 } })).toEqual({ sku: 'A', qty: 1, note: 'keep' });
    await merge([{ $set: { qty: { $add: ['$qty', '$$new.qty'] } } }]);
    expect(await target.findOne({ sku: 'A' }, { projection: { _id: 0 } })).toEqual({ sku: 'A', qty: 6, note: 'keep' });
    await merge('replace');
    expect(await target.findOne({ sku: 'A' }, { projection: { _id: 0 } })).toEqual({ sku: 'A', qty: 5 });
    expect((await serverErrorOf(merge('fail'))).code).toBe(11000);

    await source.insertOne({ sku: 'B', qty: 1 });
    expect((await serverErrorOf(merge('merge', 'fail'))).code).toBe(13113);
    await merge('merge', 'discard');
    expect(await target.countDocuments({ sku: 'B' })).toBe(0);
  });

  it('refuses on fields without a unique index', async () => {
    await db.collection<TestDoc>('mergeLoose').insertOne({ k: 1 });
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('mergeLoose')
        .aggregate([{ $merge: { into: 'mergeLooseTarget', on: 'k' } }])
        .toArray(),
    );
    expect(error.code).toBe(51183);
  });
});

describe('catalog commands', () => {
  it('renames a collection with its documents and indexes, refusing an existing target unless dropTarget', async () => {
    const before = db.collection<TestDoc>('renameMe');
    await before.insertMany([
      { _id: 1, sku: 'A' },
      { _id: 2, sku: 'B' },
    ]);
    await before.createIndex({ sku: 1 }, { unique: true });
    const after = await before.rename('renamed');
    expect(after.collectionName).toBe('renamed');
    expect(await after.countDocuments()).toBe(2);
    expect((await after.listIndexes().toArray()).map((index) => index['name'])).toEqual(['_id_', 'sku_1']);
    expect(await db.listCollections({ name: 'renameMe' }).toArray()).toEqual([]);

    await db.collection<TestDoc>('occupied').insertOne({ _id: 'x' });
    expect((await serverErrorOf(after.rename('occupied'))).code).toBe(48);
    const replaced = await after.rename('occupied', { dropTarget: true });
    expect(await replaced.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, sku: 'A' },
      { _id: 2, sku: 'B' },
    ]);
    expect((await serverErrorOf(db.collection('nothingHere').rename('stillNothing'))).code).toBe(26);
  });

  it('collMod changes the validator for later writes', async () => {
    const coll = db.collection<TestDoc>('modded');
    await coll.insertOne({ qty: -1 });
    await db.command({ collMod: 'modded', validator: { qty: { $gte: 0 } } });
    expect((await serverErrorOf(coll.insertOne({ qty: -5 }))).code).toBe(121);
    await coll.insertOne({ qty: 5 });
    await db.command({ collMod: 'modded', validationAction: 'warn' });
    await coll.insertOne({ qty: -7 });
    expect(await coll.countDocuments()).toBe(3);
    const [info] = await db.listCollections({ name: 'modded' }).toArray();
    expect(info).toMatchObject({ options: { validator: { qty: { $gte: 0 } }, validationAction: 'warn' } });
  });

  it('answers dbStats (db.stats()) and $collStats (collection.stats()) with counts and sizes', async () => {
    const statsDb = client.db(server.databaseName('stats'));
    const coll = statsDb.collection<TestDoc>('measured');
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ i, text: 'x'.repeat(100) })));
    await coll.createIndex({ i: 1 });
    const stats = await statsDb.stats();
    expect(stats).toMatchObject({ db: statsDb.databaseName, collections: 1, objects: 10, indexes: 2 });
    expect(stats['dataSize']).toBeGreaterThan(1000);

    const [collStats] = await coll.aggregate([{ $collStats: { storageStats: {}, count: {} } }]).toArray();
    expect(collStats).toMatchObject({ ns: `${statsDb.databaseName}.measured`, count: 10, storageStats: { count: 10, nindexes: 2 } });
    expect(collStats!['storageStats']['size']).toBeGreaterThan(1000);
    expect(Object.keys(collStats!['storageStats']['indexSizes'])).toEqual(['_id_', 'i_1']);
    await statsDb.dropDatabase();
  });
});
