import { Decimal128 } from 'mongodb';
import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { useTestDatabase } from './server.ts';

let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

beforeAll(async () => {
  await db.collection<TestDoc>('orders').insertMany([
    {
      _id: 1,
      customer: 'c1',
      country: 'DE',
      lines: [
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 1 },
      ],
      total: 30,
    },
    { _id: 2, customer: 'c2', country: 'FR', lines: [{ sku: 'A', qty: 1 }], total: 10 },
    { _id: 3, customer: 'c1', country: 'DE', lines: [{ sku: 'C', qty: 5 }], total: 50 },
    { _id: 4, customer: 'c3', country: 'PL', lines: [], total: 0 },
  ]);
  await db.collection<TestDoc>('customers').insertMany([
    { _id: 'c1', name: 'Ada', credit: Decimal128.fromString('100.50') },
    { _id: 'c2', name: 'Bob', credit: Decimal128.fromString('9.50') },
    { _id: 'c9', name: 'Eve', credit: Decimal128.fromString('0.10') },
  ]);
});

describe('aggregation stages', () => {
  it('$match, $group, $sort', async () => {
    const totals = await db
      .collection<TestDoc>('orders')
      .aggregate([
        { $match: { total: { $gt: 0 } } },
        { $group: { _id: '$country', revenue: { $sum: '$total' }, orders: { $sum: 1 } } },
        { $sort: { revenue: -1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { _id: 'DE', revenue: 80, orders: 2 },
      { _id: 'FR', revenue: 10, orders: 1 },
    ]);
  });

  it('$skip, $limit, $project, $addFields and $set', async () => {
    const rows = await db
      .collection<TestDoc>('orders')
      .aggregate([
        { $sort: { _id: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $addFields: { lineCount: { $size: '$lines' } } },
        { $set: { big: { $gte: ['$total', 50] } } },
        { $project: { _id: 1, lineCount: 1, big: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 2, lineCount: 1, big: false },
      { _id: 3, lineCount: 1, big: true },
    ]);
  });

  it('$unwind and $count', async () => {
    const quantities = await db
      .collection<TestDoc>('orders')
      .aggregate([{ $unwind: '$lines' }, { $group: { _id: '$lines.sku', qty: { $sum: '$lines.qty' } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(quantities).toEqual([
      { _id: 'A', qty: 3 },
      { _id: 'B', qty: 1 },
      { _id: 'C', qty: 5 },
    ]);
    const [counted] = await db
      .collection<TestDoc>('orders')
      .aggregate([{ $unwind: '$lines' }, { $count: 'lines' }])
      .toArray();
    expect(counted).toEqual({ lines: 4 });
  });

  it('$lookup joins a collection of the same database and keeps its BSON types', async () => {
    const joined = await db
      .collection<TestDoc>('orders')
      .aggregate([
        { $match: { _id: { $in: [1, 2, 4] } } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'buyer' } },
        { $project: { _id: 1, buyer: 1 } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(joined.map((o) => [o._id, o['buyer'].map((b: { name: string }) => b.name)])).toEqual([
      [1, ['Ada']],
      [2, ['Bob']],
      [4, []],
    ]);
    expect(joined[0]!['buyer'][0].credit).toBeInstanceOf(Decimal128);
    expect(joined[0]!['buyer'][0].credit.toString()).toBe('100.50');
  });

  it('$facet runs sub-pipelines side by side', async () => {
    const [facets] = await db
      .collection<TestDoc>('orders')
      .aggregate([
        {
          $facet: {
            byCountry: [{ $group: { _id: '$country', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      byCountry: [
        { _id: 'DE', n: 2 },
        { _id: 'FR', n: 1 },
        { _id: 'PL', n: 1 },
      ],
      top: [{ _id: 3 }],
    });
  });

  it('filters and sorts Decimal128 values by numeric value and returns them as Decimal128', async () => {
    const rich = await db
      .collection<TestDoc>('customers')
      .aggregate([{ $match: { credit: { $gt: Decimal128.fromString('5') } } }, { $sort: { credit: -1 } }])
      .toArray();
    expect(rich.map((c) => c._id)).toEqual(['c1', 'c2']);
    expect(rich.map((c) => c['credit'].toString())).toEqual(['100.50', '9.50']);
    expect(rich[0]!['credit']).toBeInstanceOf(Decimal128);
  });

  it('serves aggregation results through a cursor in batches', async () => {
    const many = db.collection<TestDoc>('many');
    await many.insertMany(Array.from({ length: 120 }, (_, i) => ({ i })));
    const rows = await many.aggregate([{ $sort: { i: -1 } }], { batchSize: 25 }).toArray();
    expect(rows.map((r) => r['i'])).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
  });
});
