import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';
import type { CommandStartedEvent, Db } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { useTestDatabase } from './server.ts';

let db: Db;
const started: CommandStartedEvent[] = [];
useTestDatabase(
  import.meta.filename,
  (connected) => {
    ({ db } = connected);
    connected.client.on('commandStarted', (event) => started.push(event));
  },
  { monitorCommands: true },
);

beforeEach(() => {
  started.length = 0;
});

describe('handshake', () => {
  it('answers hello as a MongoDB 7.0-compatible standalone', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello['isWritablePrimary']).toBe(true);
    expect(hello['setName']).toBeUndefined();
    expect(hello['maxWireVersion']).toBeGreaterThanOrEqual(21);
    expect(hello['maxBsonObjectSize']).toBe(16 * 1024 * 1024);
    expect(typeof hello['logicalSessionTimeoutMinutes']).toBe('number');
    expect(await db.admin().ping()).toMatchObject({ ok: 1 });
    const info = await db.admin().buildInfo();
    expect(info['versionArray'][0]).toBeGreaterThanOrEqual(7);
  });
});

describe('insert and find', () => {
  it('adds an ObjectId _id, stored as the first field', async () => {
    const products = db.collection('ids');
    const { insertedId } = await products.insertOne({ sku: 'A-1' });
    expect(insertedId).toBeInstanceOf(ObjectId);
    const stored = await products.findOne({ sku: 'A-1' });
    expect(Object.keys(stored!)).toEqual(['_id', 'sku']);
    expect(stored!._id.equals(insertedId)).toBe(true);
  });

  it('returns BSON types intact: Decimal128, Long, Int32, Double, Date, Binary, nested docs and arrays', async () => {
    const types = db.collection<TestDoc>('types');
    const when = new Date('2025-12-02T10:00:00Z');
    await types.insertOne({
      _id: 'typed',
      price: Decimal128.fromString('19.990'),
      big: Long.fromString('9007199254740993'),
      small: new Int32(7),
      ratio: new Double(5),
      fraction: 0.25,
      when,
      blob: new Binary(Buffer.from([1, 2, 3]), 0),
      nested: { list: [1, 'two', { three: Decimal128.fromString('3.00') }] },
    });
    const raw = await types.findOne({ _id: 'typed' }, { promoteValues: false, promoteLongs: false });
    expect(raw!['price']).toBeInstanceOf(Decimal128);
    expect(raw!['price'].toString()).toBe('19.990');
    expect(raw!['big']).toBeInstanceOf(Long);
    expect(raw!['big'].toString()).toBe('9007199254740993');
    expect(raw!['small']).toBeInstanceOf(Int32);
    expect(raw!['ratio']).toBeInstanceOf(Double);
    expect(raw!['fraction']).toBeInstanceOf(Double);
    expect(raw!['when']).toEqual(when);
    expect(Buffer.from(raw!['blob'].buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect(raw!['nested'].list[2].three.toString()).toBe('3.00');
  });

  it('keeps stored documents apart from the objects the caller inserted and read', async () => {
    const coll = db.collection<TestDoc>('isolation');
    const doc = { _id: 1, tags: ['a'] };
    await coll.insertOne(doc);
    doc.tags.push('mutated');
    const first = await coll.findOne({ _id: 1 });
    first!['tags'].push('also mutated');
    expect((await coll.findOne({ _id: 1 }))!['tags']).toEqual(['a']);
  });

  it('sorts, skips, limits and projects', async () => {
    const coll = db.collection<TestDoc>('paging');
    await coll.insertMany(Array.from({ length: 20 }, (_, i) => ({ n: i, even: i % 2 === 0, secret: 'x' })));
    const page = await coll
      .find({ even: true }, { projection: { _id: 0, n: 1 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(page).toEqual([{ n: 14 }, { n: 12 }, { n: 10 }]);
    const excluded = await coll.find({ n: 3 }, { projection: { secret: 0, _id: 0 } }).toArray();
    expect(excluded).toEqual([{ n: 3, even: false }]);
  });

  it('projects nested paths, array slices and the matched element without touching stored data', async () => {
    const coll = db.collection<TestDoc>('projection');
    await coll.insertOne({ _id: 1, size: { h: 10, w: 20 }, lines: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] });
    const included = await coll.findOne({ _id: 1 }, { projection: { 'size.w': 1 } });
    expect(Object.keys(included!)).toEqual(['_id', 'size']);
    expect(included).toEqual({ _id: 1, size: { w: 20 } });
    expect(await coll.findOne({ _id: 1 }, { projection: { 'size.h': 0, lines: 0 } })).toEqual({ _id: 1, size: { w: 20 } });
    expect(await coll.findOne({ _id: 1 }, { projection: { lines: { $slice: 1 }, size: 0 } })).toEqual({ _id: 1, lines: [{ sku: 'A' }] });
    expect(await coll.findOne({ _id: 1 }, { projection: { lines: { $slice: -1 } } })).toEqual({
      _id: 1,
      size: { h: 10, w: 20 },
      lines: [{ sku: 'C' }],
    });
    expect(await coll.findOne({ _id: 1 }, { projection: { lines: { $slice: [1, 1] }, _id: 0, size: 1 } })).toEqual({
      size: { h: 10, w: 20 },
      lines: [{ sku: 'B' }],
    });
    expect(await coll.findOne({ 'lines.sku': 'B' }, { projection: { 'lines.$': 1 } })).toEqual({ _id: 1, lines: [{ sku: 'B' }] });
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, size: { h: 10, w: 20 }, lines: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] });
  });

  it('compares numbers by value across Int32, Double, Long and Decimal128', async () => {
    const coll = db.collection<TestDoc>('numbers');
    await coll.insertMany([
      { _id: 'int', v: new Int32(5) },
      { _id: 'double', v: 5.5 },
      { _id: 'long', v: Long.fromNumber(7) },
      { _id: 'decimal', v: Decimal128.fromString('6.25') },
    ]);
    expect((await coll.find({ v: 5 }).toArray()).map((d) => d._id)).toEqual(['int']);
    expect((await coll.find({ v: 7 }).toArray()).map((d) => d._id)).toEqual(['long']);
    const sorted = await coll
      .find({ v: { $gt: 5 } })
      .sort({ v: 1 })
      .toArray();
    expect(sorted.map((d) => d._id)).toEqual(['double', 'decimal', 'long']);
  });

  it('serves a large result through a cursor over several batches', async () => {
    const coll = db.collection<TestDoc>('batches');
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const all = await coll.find({}).sort({ i: 1 }).batchSize(40).toArray();
    expect(all.map((d) => d['i'])).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const getMores = started.filter((e) => e.commandName === 'getMore');
    expect(getMores.length).toBeGreaterThanOrEqual(6);
  });

  it('closes an abandoned cursor with killCursors, after which getMore fails', async () => {
    const coll = db.collection<TestDoc>('abandoned');
    await coll.insertMany(Array.from({ length: 30 }, (_, i) => ({ i })));
    const cursor = coll.find({}).batchSize(10);
    await cursor.next();
    const id = cursor.id!;
    await cursor.close();
    expect(started.some((e) => e.commandName === 'killCursors')).toBe(true);
    await expect(db.command({ getMore: id, collection: 'abandoned' })).rejects.toMatchObject({ code: 43 });
  });
});

describe('update and delete', () => {
  it('applies operator updates to one or many documents and reports matched/modified counts', async () => {
    const coll = db.collection<{ sku: string; qty: number; warehouses: string[]; flagged?: boolean }>('stock');
    await coll.insertMany([
      { sku: 'A', qty: 1, warehouses: ['DE'] },
      { sku: 'B', qty: 5, warehouses: ['FR'] },
      { sku: 'C', qty: 5, warehouses: [] },
    ]);
    const one = await coll.updateOne({ sku: 'A' }, { $inc: { qty: 2 }, $push: { warehouses: 'PL' } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await coll.findOne({ sku: 'A' }, { projection: { _id: 0 } })).toEqual({ sku: 'A', qty: 3, warehouses: ['DE', 'PL'] });
    const many = await coll.updateMany({ qty: 5 }, { $set: { qty: 5, flagged: true } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const unchanged = await coll.updateMany({ qty: 5 }, { $set: { flagged: true } });
    expect(unchanged).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
  });

  it('upserts from the filter equality fields and reports the upserted id', async () => {
    const coll = db.collection<TestDoc>('upserts');
    const result = await coll.updateOne(
      { sku: 'NEW', country: 'DE' },
      { $set: { price: 10 }, $setOnInsert: { createdBy: 'seed' } },
      { upsert: true },
    );
    expect(result.upsertedCount).toBe(1);
    expect(result.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await coll.findOne({ _id: result.upsertedId! }, { projection: { _id: 0 } });
    expect(doc).toEqual({ sku: 'NEW', country: 'DE', price: 10, createdBy: 'seed' });
    const again = await coll.updateOne(
      { sku: 'NEW', country: 'DE' },
      { $set: { price: 11 }, $setOnInsert: { createdBy: 'other' } },
      { upsert: true },
    );
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect((await coll.findOne({ sku: 'NEW' }))!['createdBy']).toBe('seed');
  });

  it('replaces a whole document but keeps its _id, and refuses to change _id', async () => {
    const coll = db.collection<TestDoc>('replace');
    await coll.insertOne({ _id: 'r1', a: 1, b: 2 });
    await coll.replaceOne({ _id: 'r1' }, { c: 3 });
    expect(await coll.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', c: 3 });
    await expect(coll.updateOne({ _id: 'r1' }, { $set: { _id: 'other' } })).rejects.toMatchObject({ code: 66 });
  });

  it('updates only the array elements selected by arrayFilters', async () => {
    const coll = db.collection<TestDoc>('arrayFilters');
    await coll.insertOne({
      _id: 1,
      lines: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 8 },
        { sku: 'C', qty: 9 },
      ],
    });
    await coll.updateOne({ _id: 1 }, { $set: { 'lines.$[big].bulky': true } }, { arrayFilters: [{ 'big.qty': { $gte: 8 } }] });
    const doc = await coll.findOne({ _id: 1 });
    expect(doc!['lines']).toEqual([
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 8, bulky: true },
      { sku: 'C', qty: 9, bulky: true },
    ]);
  });

  it('updates the array element matched by the query with the positional $ operator', async () => {
    const coll = db.collection<TestDoc>('positional');
    await coll.insertOne({
      _id: 1,
      lines: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2 },
      ],
    });
    await coll.updateOne({ _id: 1, 'lines.sku': 'B' }, { $inc: { 'lines.$.qty': 10 } });
    expect((await coll.findOne({ _id: 1 }))!['lines']).toEqual([
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 12 },
    ]);
  });

  it('fails $inc on a non-numeric field instead of ignoring it', async () => {
    const coll = db.collection<TestDoc>('incString');
    await coll.insertOne({ _id: 1, qty: 'three' });
    await expect(coll.updateOne({ _id: 1 }, { $inc: { qty: 1 } })).rejects.toMatchObject({ code: 14 });
  });

  it('increments Doubles and large integers keeping their BSON types', async () => {
    const coll = db.collection<TestDoc>('incTypes');
    await coll.insertOne({ _id: 1, ratio: new Double(5), big: 3_000_000_000, small: 1 });
    await coll.updateOne({ _id: 1 }, { $inc: { ratio: 1, big: 1, small: 1 } });
    const raw = await coll.findOne({ _id: 1 }, { promoteValues: false });
    expect(raw!['ratio']).toBeInstanceOf(Double);
    expect(raw!['ratio'].valueOf()).toBe(6);
    expect(raw!['big']).toBeInstanceOf(Double);
    expect(raw!['big'].valueOf()).toBe(3_000_000_001);
    expect(raw!['small']).toBeInstanceOf(Int32);
    expect(raw!['small'].valueOf()).toBe(2);
  });

  it('runs pipeline-style updates', async () => {
    const coll = db.collection<TestDoc>('pipelineUpdate');
    await coll.insertOne({ _id: 1, net: 100, rate: 19 });
    await coll.updateOne({ _id: 1 }, [{ $set: { gross: { $add: ['$net', '$rate'] } } }]);
    expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, net: 100, rate: 19, gross: 119 });
  });

  it('findOneAndUpdate returns the document before or after, and upserts', async () => {
    const coll = db.collection<TestDoc>('fam');
    await coll.insertMany([
      { k: 'a', v: 1 },
      { k: 'a', v: 2 },
    ]);
    const before = await coll.findOneAndUpdate({ k: 'a' }, { $set: { seen: true } }, { sort: { v: -1 }, returnDocument: 'before' });
    expect(before).toMatchObject({ k: 'a', v: 2 });
    expect(before!['seen']).toBeUndefined();
    const after = await coll.findOneAndUpdate({ k: 'a', v: 1 }, { $inc: { v: 10 } }, { returnDocument: 'after', projection: { _id: 0 } });
    expect(after).toEqual({ k: 'a', v: 11 });
    const upserted = await coll.findOneAndUpdate(
      { k: 'z' },
      { $set: { v: 0 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(upserted.value).toMatchObject({ k: 'z', v: 0 });
    expect(upserted.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    const removed = await coll.findOneAndDelete({ k: 'z' });
    expect(removed).toMatchObject({ k: 'z' });
    expect(await coll.countDocuments({ k: 'z' })).toBe(0);
  });

  it('deletes one or many', async () => {
    const coll = db.collection<TestDoc>('deletes');
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await coll.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('writes with w:0 (moreToCome, no reply) still apply', async () => {
    const coll = db.collection<TestDoc>('unacknowledged');
    await coll.insertOne({ _id: 'fire-and-forget' }, { writeConcern: { w: 0 } });
    let found = null;
    for (let i = 0; i < 50 && !found; i++) found = await coll.findOne({ _id: 'fire-and-forget' });
    expect(found).toEqual({ _id: 'fire-and-forget' });
  });
});

describe('counting and distinct values', () => {
  it('countDocuments, estimatedDocumentCount and distinct (array elements, equal numbers once)', async () => {
    const coll = db.collection<TestDoc>('catalogue');
    await coll.insertMany([
      { brand: 'Acme', tags: ['new', 'sale'], size: 5 },
      { brand: 'Acme', tags: ['sale'], size: Long.fromNumber(5) },
      { brand: 'Bolt', tags: [], size: 6.5 },
    ]);
    expect(await coll.countDocuments({ brand: 'Acme' })).toBe(2);
    expect(await coll.countDocuments({}, { skip: 1, limit: 1 })).toBe(1);
    expect(await coll.estimatedDocumentCount()).toBe(3);
    expect((await coll.distinct('brand')).sort()).toEqual(['Acme', 'Bolt']);
    expect((await coll.distinct('tags')).sort()).toEqual(['new', 'sale']);
    expect((await coll.distinct('size')).map(Number).sort()).toEqual([5, 6.5]);
    expect(await coll.distinct('brand', { size: { $gt: 6 } })).toEqual(['Bolt']);
  });
});
