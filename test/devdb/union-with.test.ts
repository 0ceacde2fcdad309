import { beforeAll, describe, expect, it } from 'vitest';
import { Long, type Collection, type Db, type Document } from 'mongodb';
import { stagesOf, useTestDatabase } from './server.ts';

// `$unionWith` reads its collection as MongoDB does: the sub-pipeline's leading $match through that collection's
// indexes (never a scan of it), and the two reads come back in order: the outer collection's rows, then the other's.
let db: Db;
let bases: Collection;
let books: Collection;

useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

beforeAll(async () => {
  bases = db.collection('bases');
  books = db.collection('books');
  await bases.createIndex({ productId: 1 }, { unique: true });
  await books.createIndex({ productId: 1, market: 1 }, { unique: true });
  await bases.insertMany([
    { _id: 1 as never, productId: 'p1', amount: 100, tax: 'standard' },
    { _id: 2 as never, productId: 'p2', amount: Long.fromNumber(250), tax: 'reduced' },
    { _id: 3 as never, productId: 'p3', amount: 300, tax: 'zero' },
  ]);
  await books.insertMany([
    { _id: 11 as never, productId: 'p1', market: 'DE', amount: 119 },
    { _id: 12 as never, productId: 'p1', market: 'CH', amount: 120 },
    { _id: 13 as never, productId: 'p3', market: 'DE', amount: 357 },
    { _id: 14 as never, productId: 'p4', market: 'DE', amount: 1 },
  ]);
});

const both = (ids: string[]): Document[] => [
  { $match: { productId: { $in: ids } } },
  { $project: { _id: 0, productId: 1, amount: 1 } },
  {
    $unionWith: {
      coll: 'books',
      pipeline: [{ $match: { productId: { $in: ids } } }, { $project: { _id: 0, productId: 1, market: 1, amount: 1 } }],
    },
  },
];

describe('$unionWith', () => {
  it('returns the outer rows, then the other collection rows its sub-pipeline selects, projected, with stored types', async () => {
    const rows = await bases.aggregate(both(['p1', 'p2', 'p3'])).toArray();
    expect(rows).toEqual([
      { productId: 'p1', amount: 100 },
      { productId: 'p2', amount: 250 },
      { productId: 'p3', amount: 300 },
      { productId: 'p1', market: 'CH', amount: 120 },
      { productId: 'p1', market: 'DE', amount: 119 },
      { productId: 'p3', market: 'DE', amount: 357 },
    ]);
    const asLong = await bases.aggregate(both(['p2']), { promoteLongs: false }).toArray();
    expect(asLong[0]!['amount']).toBeInstanceOf(Long);
  });

  it('runs stages after the union over both inputs, and a union without a pipeline reads the whole collection', async () => {
    const sorted = await bases.aggregate([...both(['p1', 'p3']), { $sort: { amount: -1 } }, { $limit: 2 }]).toArray();
    expect(sorted).toEqual([
      { productId: 'p3', market: 'DE', amount: 357 },
      { productId: 'p3', amount: 300 },
    ]);
    const all = await bases.aggregate([{ $match: { productId: 'p2' } }, { $unionWith: 'books' }, { $count: 'n' }]).toArray();
    expect(all).toEqual([{ n: 5 }]);
  });

  it('plans both $match stages on their own collection index, with no collection scan', async () => {
    const explain = await bases.aggregate(both(['p1', 'p2'])).explain();
    const [outer, ...after] = (explain as { stages: Document[] }).stages;
    expect(stagesOf(outer)).toContain('IXSCAN');
    const union = after.find((stage) => '$unionWith' in stage)!['$unionWith'];
    expect(union.coll).toBe('books');
    expect(stagesOf(union.pipeline[0])).toContain('IXSCAN');
    expect(JSON.stringify(union.pipeline[0])).toContain('productId_1_market_1');
    expect(union.pipeline[0].$cursor.executionStats.nReturned).toBe(2);
    expect(stagesOf(explain)).not.toContain('COLLSCAN');
  });
});
