import { Long } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { useTestDatabase } from './server.ts';

/**
 * An index range is read at once when the caller reads every candidate (no limit) or, with no filter, the
 * first skip + limit of them; otherwise lazily. Either way a find answers the same documents in the same
 * order as an unindexed copy, and explain counts the keys a lazy walk reads: a page reads as many keys as
 * it returns, a full walk also the first entry past each interval.
 */

let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

let items: Collection<TestDoc>;
let unindexed: Collection<TestDoc>;

beforeAll(async () => {
  const rows: TestDoc[] = Array.from({ length: 60 }, (_, i) => ({
    sku: `S${String((i * 37) % 60).padStart(2, '0')}`,
    group: `g${i % 4}`,
    tags: i % 5 === 0 ? ['x', 'y', `t${i % 3}`] : [`t${i % 3}`],
  }));
  items = db.collection<TestDoc>('items');
  unindexed = db.collection<TestDoc>('items_unindexed');
  await items.insertMany(rows.map((row) => ({ ...row })));
  await unindexed.insertMany(rows.map((row) => ({ ...row })));
  await items.createIndexes([{ key: { sku: 1 } }, { key: { group: 1, sku: -1 } }, { key: { tags: 1 } }]);
});

async function keysExamined(filter: Document, options: { sort?: Document; skip?: number; limit?: number }): Promise<number> {
  const explain = await items.find(filter, options).explain('executionStats');
  return explain['executionStats'].totalKeysExamined;
}

async function expectSameAnswer(filter: Document, options: { sort?: Document; skip?: number; limit?: number }): Promise<TestDoc[]> {
  const answer = await items.find(filter, { ...options, projection: { _id: 0 } }).toArray();
  expect(answer).toEqual(await unindexed.find(filter, { ...options, projection: { _id: 0 } }).toArray());
  return answer;
}

describe('index reads', () => {
  it('a page with no filter reads as many keys as it returns, skipped ones included', async () => {
    for (const [skip, limit] of [
      [0, 21],
      [5, 10],
      [55, 10],
      [0, 1],
    ] as const) {
      const answer = await expectSameAnswer({}, { sort: { sku: 1 }, skip, limit });
      expect(answer).toHaveLength(Math.min(limit, 60 - skip));
      expect(await keysExamined({}, { sort: { sku: 1 }, skip, limit })).toBe(Math.min(skip + limit, 60));
    }
    expect(await keysExamined({}, { sort: { sku: -1 }, limit: 3 })).toBe(3);
  });

  it('without a limit reads every entry of each interval and the first past it', async () => {
    await expectSameAnswer({ group: { $in: ['g1', 'g3'] } }, { sort: { sku: 1 } });
    // 15 entries each, plus the entry after g1's (g2); none follows g3's.
    expect(await keysExamined({ group: { $in: ['g1', 'g3'] } }, {})).toBe(31);
  });

  it('a multikey index hands each document out once, and a page counts the keys read to fill it', async () => {
    const all = await expectSameAnswer({}, { sort: { tags: 1 } });
    expect(all).toHaveLength(60);
    await expectSameAnswer({}, { sort: { tags: 1, sku: 1 }, limit: 7 });
    await expectSameAnswer({ tags: { $in: ['x', 't1'] } }, { sort: { sku: 1 } });
  });
});

describe('index entries after replaces', () => {
  it('a replace that keeps an index key, changes it, or changes only its numeric type answers as an unindexed copy', async () => {
    const prices = db.collection<TestDoc>('replaced_prices');
    const plain = db.collection<TestDoc>('replaced_prices_unindexed');
    await prices.createIndexes([{ key: { country: 1, amount: 1, sku: 1 } }, { key: { country: 1, sku: 1 }, unique: true }]);
    const rows = ['A', 'B', 'C', 'D'].map((sku, i) => ({ country: 'DE', sku, amount: 100 * (i + 1), pass: 'p1' }));
    for (const collection of [prices, plain]) {
      await collection.insertMany(rows.map((row) => ({ ...row })));
      // A: same key, other fields; B: a new amount; C: the same amount as a Long; D: a new country.
      await collection.replaceOne({ country: 'DE', sku: 'A' }, { country: 'DE', sku: 'A', amount: 100, pass: 'p2' });
      await collection.replaceOne({ country: 'DE', sku: 'B' }, { country: 'DE', sku: 'B', amount: 450, pass: 'p2' });
      await collection.replaceOne({ country: 'DE', sku: 'C' }, { country: 'DE', sku: 'C', amount: Long.fromNumber(300), pass: 'p2' });
      await collection.replaceOne({ country: 'DE', sku: 'D' }, { country: 'FR', sku: 'D', amount: 400, pass: 'p2' });
    }
    const page = (collection: Collection<TestDoc>, filter: Document) =>
      collection.find(filter, { sort: { amount: 1, sku: 1 }, projection: { _id: 0, sku: 1, amount: 1 } }).toArray();
    for (const filter of [{ country: 'DE' }, { country: 'DE', amount: { $gte: 300 } }, { country: 'FR' }, { country: 'DE', amount: 200 }]) {
      expect(await page(prices, filter)).toEqual(await page(plain, filter));
    }
    expect((await page(prices, { country: 'DE' })).map((row) => row['sku'])).toEqual(['A', 'C', 'B']);
    expect(await prices.countDocuments({ country: 'DE', amount: 200 })).toBe(0);
    const plan = await prices
      .find({ country: 'DE', amount: { $gte: 300 } })
      .sort({ amount: 1, sku: 1 })
      .explain('executionStats');
    expect(JSON.stringify(plan['queryPlanner'])).toContain('country_1_amount_1_sku_1');
  });
});
