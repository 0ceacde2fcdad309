import { beforeAll, describe, expect, it } from 'vitest';
import { Long, ObjectId, type Collection, type Db } from 'mongodb';
import { useTestDatabase } from './server.ts';

// The shapes every DataLoader batch sends — `{field: {$in: [ids]}}` on an indexed field, a plain top-level
// projection — take short paths in the devdb (a Set for the list, no query re-test of exact index lookups,
// fields picked without a projection engine). These answers are MongoDB's, whichever path gives them.
let db: Db;
let rows: Collection;

useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

beforeAll(async () => {
  rows = db.collection('rows');
  await rows.createIndex({ productId: 1 });
  await rows.insertMany([
    { _id: new ObjectId('000000000000000000000001'), productId: 'p1', units: 3, warehouseId: 'w1', note: { a: 1 } },
    { _id: new ObjectId('000000000000000000000002'), warehouseId: 'w2', productId: 'p2', units: 0 },
    { _id: new ObjectId('000000000000000000000003'), productId: ['p3', 'p9'], units: 1 },
    { _id: new ObjectId('000000000000000000000004'), productId: 7, units: 2 },
    { _id: new ObjectId('000000000000000000000005'), productId: null, units: 4 },
    { _id: new ObjectId('000000000000000000000006'), units: 5 },
    { _id: new ObjectId('000000000000000000000007'), productId: { id: 'p1' }, units: 6 },
  ]);
});

const unitsOf = async (filter: object) => (await rows.find(filter).sort({ units: 1 }).toArray()).map((row) => row.units);

describe('batched lookups by $in', () => {
  it('finds exactly the rows holding one of the strings, as a value or an array element, never another type', async () => {
    expect(await unitsOf({ productId: { $in: ['p1', 'p2', 'p9', '7'] } })).toEqual([0, 1, 3]);
    expect(await unitsOf({ productId: 'p3' })).toEqual([1]);
    expect(await unitsOf({ productId: { $eq: 'p2' } })).toEqual([0]);
    expect(await unitsOf({ productId: { $in: [] } })).toEqual([]);
  });

  it('matches numbers across numeric types, and a missing field only through null', async () => {
    expect(await unitsOf({ productId: { $in: [7.0, 'p2'] } })).toEqual([0, 2]);
    expect(await unitsOf({ productId: { $in: [Long.fromNumber(7)] } })).toEqual([2]);
    expect(await unitsOf({ productId: { $in: [null] } })).toEqual([4, 5]);
    expect(await unitsOf({ units: { $in: [true, 3, 'p1'] } })).toEqual([3]);
  });

  it('still tests every other condition next to the $in', async () => {
    expect(await unitsOf({ productId: { $in: ['p1', 'p2'] }, units: { $gt: 0 } })).toEqual([3]);
    expect(await unitsOf({ productId: { $in: ['p1', 'p2'], $ne: 'p1' } })).toEqual([0]);
    expect(await unitsOf({ productId: { $nin: ['p1', 'p2', 'p3'] } })).toEqual([2, 4, 5, 6]);
  });
});

describe('string lookups without a one-field index', () => {
  it('answers the same through a compound index, with no index at all, and on a collection that does not exist', async () => {
    const pairs = db.collection('pairs');
    await pairs.createIndex({ productId: 1, locale: 1 }, { unique: true });
    await pairs.insertMany([
      { productId: 'p1', locale: 'de', title: 'A' },
      { productId: 'p1', locale: 'en', title: 'B' },
      { productId: 'p2', locale: 'de', title: 'C' },
      { productId: 'p10', locale: 'de', title: 'D' },
    ]);
    const titles = async (filter: object) => (await pairs.find(filter).sort({ title: 1 }).toArray()).map((row) => row.title);
    expect(await titles({ productId: { $in: ['p1', 'p2'] } })).toEqual(['A', 'B', 'C']);
    expect(await titles({ locale: { $in: ['en'] } })).toEqual(['B']);
    expect(await titles({ title: 'D' })).toEqual(['D']);
    expect(await unitsOf({ warehouseId: { $in: ['w1', 'w3'] } })).toEqual([3]);
    const missing = db.collection('never_created');
    expect(await missing.find({ productId: { $in: ['p1'] } }).toArray()).toEqual([]);
    await expect(missing.find({ productId: { $bogus: 1 } }).toArray()).rejects.toThrow(/\$bogus/);
  });
});

describe('top-level inclusion projections', () => {
  it('keeps the named fields in the document’s own order, with _id unless excluded', async () => {
    const projected = await rows
      .find({ productId: { $in: ['p1', 'p2'] } }, { projection: { _id: 0, units: 1, productId: 1, warehouseId: 1, missing: 1 } })
      .sort({ units: 1 })
      .toArray();
    expect(projected.map((row) => Object.keys(row))).toEqual([
      ['warehouseId', 'productId', 'units'],
      ['productId', 'units', 'warehouseId'],
    ]);
    expect(projected).toEqual([
      { warehouseId: 'w2', productId: 'p2', units: 0 },
      { productId: 'p1', units: 3, warehouseId: 'w1' },
    ]);
    expect(await rows.findOne({ productId: 'p1' }, { projection: { note: true } })).toEqual({
      _id: new ObjectId('000000000000000000000001'),
      note: { a: 1 },
    });
    expect(await rows.findOne({ productId: 'p1' }, { projection: { _id: 1 } })).toEqual({ _id: new ObjectId('000000000000000000000001') });
  });

  it('returns copies: a later update does not change rows already read', async () => {
    const before = await rows.findOne({ productId: 'p1' }, { projection: { _id: 0, note: 1 } });
    await rows.updateOne({ productId: 'p1' }, { $set: { 'note.a': 2 } });
    expect(before).toEqual({ note: { a: 1 } });
    expect(await rows.findOne({ productId: 'p1' }, { projection: { _id: 0, note: 1 } })).toEqual({ note: { a: 2 } });
  });
});
