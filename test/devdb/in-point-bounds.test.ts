import type { Collection, Db, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { stagesOf, useTestDatabase } from './server.ts';

/**
 * `$in` on the leading field of a compound index reads only the entries of the values asked for (one
 * interval per value), as MongoDB does: the subgraphs' batched lookups (stock by productId on
 * {productId, warehouseId}, translations on {productId, locale}) examine as many keys as they return.
 * Answers are what an unindexed copy of the collection gives.
 */

let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

const PRODUCTS = 200;
const WAREHOUSES = ['DE-1', 'FR-1', 'US-1', 'US-2'];
const LOCALES = ['de-DE', 'en-GB', 'fr-FR'];

let stock: Collection<TestDoc>;
let unindexedStock: Collection<TestDoc>;

function productId(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

beforeAll(async () => {
  const rows: TestDoc[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    WAREHOUSES.forEach((warehouseId, w) => {
      if ((i + w) % 3 !== 0) rows.push({ productId: productId(i), warehouseId, units: (i * 7 + w) % 11, locale: LOCALES[(i + w) % 3] });
    });
  }
  stock = db.collection<TestDoc>('stock');
  unindexedStock = db.collection<TestDoc>('stock_unindexed');
  await stock.insertMany(rows.map((row) => ({ ...row })));
  await unindexedStock.insertMany(rows.map((row) => ({ ...row })));
  await stock.createIndexes([{ key: { productId: 1, warehouseId: 1 } }, { key: { locale: -1, units: 1 } }]);
});

async function examined(filter: Document, sort?: Document): Promise<{ keys: number; docs: number; stages: string[] }> {
  const explain = await stock.find(filter, sort ? { sort } : {}).explain('executionStats');
  return {
    keys: explain['executionStats'].totalKeysExamined,
    docs: explain['executionStats'].totalDocsExamined,
    stages: stagesOf(explain['queryPlanner']),
  };
}

async function expectSameAnswer(filter: Document, sort: Document = { productId: 1, warehouseId: 1 }): Promise<TestDoc[]> {
  const projection = { _id: 0 };
  const answer = await stock.find(filter, { sort, projection }).toArray();
  expect(answer).toEqual(await unindexedStock.find(filter, { sort, projection }).toArray());
  return answer;
}

describe('$in on the leading field of a compound index', () => {
  it('reads only the entries of the values asked for (a page of 20 products out of 200)', async () => {
    const ids = Array.from({ length: 20 }, (_, k) => productId(k * 9 + 3)).reverse();
    const filter = { productId: { $in: ids } };
    const answer = await expectSameAnswer(filter);
    expect(answer).toHaveLength(40); // two warehouses each
    const { keys, docs, stages } = await examined(filter);
    expect(stages).toContain('IXSCAN');
    expect(docs).toBe(answer.length);
    expect(keys).toBeLessThanOrEqual(answer.length + 20); // one step past each value's last entry at most
  });

  it('answers repeated values once and values with no entries with nothing', async () => {
    const filter = { productId: { $in: [productId(5), productId(5), 'missing', productId(6)] } };
    const answer = await expectSameAnswer(filter);
    expect(answer.every((row) => row['productId'] === productId(5) || row['productId'] === productId(6))).toBe(true);
    expect((await examined(filter)).docs).toBe(answer.length);
  });

  it('combines with a range and with a second field’s $in, keeping only what both allow', async () => {
    await expectSameAnswer({ productId: { $in: [productId(1), productId(50), productId(150)], $gte: productId(40) } });
    await expectSameAnswer({ productId: { $in: [productId(1), productId(2)], $gt: productId(100) } });
    await expectSameAnswer({
      $and: [
        { productId: { $in: [productId(1), productId(2), productId(3)] } },
        { productId: { $in: [productId(2), productId(3), productId(4)] } },
      ],
    });
    const both = { productId: { $in: [productId(10), productId(11), productId(12)] }, warehouseId: { $in: ['US-2', 'DE-1'] } };
    const answer = await expectSameAnswer(both);
    expect((await examined(both)).docs).toBe(answer.length);
  });

  it('keeps the index order for a sort on the indexed fields, also through $or branches', async () => {
    const ids = [productId(30), productId(3), productId(130)];
    const sorted = { productId: { $in: ids } };
    expect((await examined(sorted, { productId: -1, warehouseId: -1 })).stages).not.toContain('SORT');
    await expectSameAnswer(sorted, { productId: -1, warehouseId: -1 });
    const either = { $or: [{ productId: { $in: ids }, warehouseId: 'US-1' }, { productId: productId(7) }] };
    const answer = await expectSameAnswer(either);
    expect(answer).toHaveLength(5);
    // Each branch reads its own points of the index (four values in all), in index order: no scan, no sort.
    const { keys, docs, stages } = await examined(either, { productId: 1, warehouseId: 1 });
    expect(stages).toContain('IXSCAN');
    expect(stages).not.toContain('COLLSCAN');
    expect(stages).not.toContain('SORT');
    expect(docs).toBe(answer.length);
    expect(keys).toBeLessThanOrEqual(answer.length + 4); // one step past each value's last entry at most
  });

  it('works on a descending first field', async () => {
    const filter = { locale: { $in: ['fr-FR', 'de-DE'] }, units: { $in: [3, 4, 9] } };
    const answer = await expectSameAnswer(filter);
    const { docs, stages } = await examined(filter);
    expect(stages).toContain('IXSCAN');
    expect(docs).toBe(answer.length);
  });
});
