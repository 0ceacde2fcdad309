import { Decimal128 } from 'mongodb';
import type { Db, MongoClient } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc, TestServer } from './server.ts';
import { serverErrorOf, useTestDatabase } from './server.ts';

let server: TestServer;
let client: MongoClient;
let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ server, client, db } = connected));

beforeAll(async () => {
  await db.collection<TestDoc>('items').insertMany([{ n: 1 }, { n: 2 }]);
});

describe('errors for what is not supported', () => {
  it('an unknown command fails with CommandNotFound (59) naming it', async () => {
    const error = await serverErrorOf(db.command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toContain('frobnicate');
  });

  it('an unknown query operator fails with BadValue (2) naming it', async () => {
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('items')
        .find({ n: { $frob: 1 } })
        .toArray(),
    );
    expect(error.code).toBe(2);
    expect(error.message).toContain('$frob');
  });

  it('an unknown update operator fails with FailedToParse (9) naming it', async () => {
    const error = await serverErrorOf(db.collection<TestDoc>('items').updateOne({ n: 1 }, { $frob: { n: 2 } } as never));
    expect(error.code).toBe(9);
    expect(error.message).toContain('$frob');
  });

  it('an unknown pipeline stage fails with 40324 naming it', async () => {
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('items')
        .aggregate([{ $frob: {} }])
        .toArray(),
    );
    expect(error.code).toBe(40324);
    expect(error.message).toContain('$frob');
  });

  it('an unknown expression operator fails with InvalidPipelineOperator (168) naming it', async () => {
    const error = await serverErrorOf(
      db
        .collection<TestDoc>('items')
        .aggregate([{ $project: { x: { $frob: '$n' } } }])
        .toArray(),
    );
    expect(error.code).toBe(168);
    expect(error.message).toContain('$frob');
  });

  it('listIndexes on a missing collection fails with NamespaceNotFound (26)', async () => {
    expect((await serverErrorOf(db.collection<TestDoc>('missing').listIndexes().toArray())).code).toBe(26);
  });

  it('creating an existing collection with other options fails with NamespaceExists (48)', async () => {
    await db.createCollection('twice');
    expect((await serverErrorOf(db.createCollection('twice', { validator: { n: { $exists: true } } }))).code).toBe(48);
  });

  it('the devdb refuses transactions clearly', async ({ skip }) => {
    if (!server.isDevDb) skip('real MongoDB: a replica set supports transactions, a standalone refuses with code 20');
    const session = client.startSession();
    try {
      const error = await serverErrorOf(
        session.withTransaction(async () => {
          await db.collection<TestDoc>('items').insertOne({ n: 3 }, { session });
        }),
      );
      expect(error.code).toBe(115);
      expect(error.message).toMatch(/does not support transactions/);
    } finally {
      await session.endSession();
    }
    expect(await db.collection<TestDoc>('items').countDocuments({ n: 3 })).toBe(0);
  });

  it('the devdb refuses features it does not implement instead of ignoring them', async ({ skip }) => {
    if (!server.isDevDb) skip('a real MongoDB implements these');
    const items = db.collection<TestDoc>('items');
    expect((await serverErrorOf(items.aggregate([{ $collStats: { latencyStats: {} } }]).toArray())).message).toContain('latencyStats');
    expect((await serverErrorOf(items.find({ $where: 'true' }).toArray())).message).toContain('$where');
    expect((await serverErrorOf(db.createCollection('validated', { validator: { $jsonSchema: { required: ['n'] } } }))).message).toContain(
      '$jsonSchema',
    );
    expect((await serverErrorOf(items.createIndex({ body: 'text' }))).code).toBe(67);
    expect((await serverErrorOf(db.createCollection('capped', { capped: true, size: 1024 }))).code).toBe(115);
    await items.insertOne({ _id: 'money' as never, amount: Decimal128.fromString('10.10') });
    const inexact = await serverErrorOf(items.updateOne({ _id: 'money' as never }, { $inc: { amount: 0.2 } }));
    expect(inexact.message).toContain('Decimal128');
    expect((await items.findOne({ _id: 'money' as never }))!['amount'].toString()).toBe('10.10');
  });
});

describe('server-side validators', () => {
  it('a query-operator validator rejects writes that break it (121)', async () => {
    const coll = await db.createCollection('validated_prices', { validator: { amount: { $gte: 0 } } });
    await coll.insertOne({ amount: 5 });
    const error = await serverErrorOf(coll.insertOne({ amount: -1 }));
    expect(error.code).toBe(121);
    await expect(coll.updateOne({ amount: 5 }, { $set: { amount: -5 } })).rejects.toMatchObject({ code: 121 });
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('isolation', () => {
  it('keeps databases apart: same collection name, separate data, dropDatabase affects one', async () => {
    const other = client.db(server.databaseName('other'));
    try {
      await db.collection<TestDoc>('shared').insertOne({ from: 'main' });
      await other.collection<TestDoc>('shared').insertMany([{ from: 'other' }, { from: 'other' }]);
      expect(await db.collection<TestDoc>('shared').countDocuments()).toBe(1);
      expect(await other.collection<TestDoc>('shared').countDocuments()).toBe(2);
      await other.collection<TestDoc>('shared').createIndex({ from: 1 }, { unique: false, name: 'only_in_other' });
      expect((await db.collection<TestDoc>('shared').listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_']);
      await other.dropDatabase();
      expect(await other.collection<TestDoc>('shared').countDocuments()).toBe(0);
      expect(await db.collection<TestDoc>('shared').countDocuments()).toBe(1);
    } finally {
      await other.dropDatabase();
    }
  });

  it('lists collections (with filter and nameOnly) and databases', async () => {
    await db.collection<TestDoc>('listedA').insertOne({ x: 1 });
    await db.createCollection('listedB');
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['listedA', 'listedB']));
    const filtered = await db.listCollections({ name: 'listedA' }).toArray();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: 'listedA', type: 'collection' });
    const databases = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    expect(databases).toContain(db.databaseName);
  });

  it('drop removes a collection and its data', async () => {
    await db.collection<TestDoc>('temp').insertOne({ x: 1 });
    expect(await db.collection<TestDoc>('temp').drop()).toBe(true);
    expect(await db.collection<TestDoc>('temp').countDocuments()).toBe(0);
    expect((await db.listCollections({ name: 'temp' }).toArray()).length).toBe(0);
  });
});
