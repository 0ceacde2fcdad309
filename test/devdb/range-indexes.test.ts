import { Decimal128, Double, Long } from 'mongodb';
import type { Collection, Db, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { useTestDatabase, stagesOf } from './server.ts';

/**
 * Ranges and sorts served by indexes: the keyset pagination of the products subgraph reads about as
 * many index keys as it returns rows, whatever the collection size, and answers exactly what a full
 * scan answers.
 */

let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

/** Every IXSCAN's index name in an explain output. */
function indexNamesOf(explain: unknown): string[] {
  if (Array.isArray(explain)) return explain.flatMap(indexNamesOf);
  if (explain === null || typeof explain !== 'object') return [];
  const node = explain as Document;
  const own = node['stage'] === 'IXSCAN' && typeof node['indexName'] === 'string' ? [node['indexName'] as string] : [];
  return [
    ...own,
    ...Object.entries(node)
      .filter(([k]) => k !== 'rejectedPlans')
      .flatMap(([, v]) => indexNamesOf(v)),
  ];
}

const CATEGORIES = [['apparel', 'apparel.shoes'], ['apparel', 'apparel.shirts'], ['home', 'home.kitchen'], ['toys']];
const PRODUCTS = 3000;

function product(i: number): TestDoc {
  return {
    _id: i,
    sku: `SKU-${String((i * 7919) % PRODUCTS).padStart(5, '0')}`,
    brand: `brand-${String(i % 40).padStart(2, '0')}`,
    categoryPath: CATEGORIES[i % 4],
    createdAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 3_600_000),
  };
}

/** The products subgraph's indexes (subgraphs/products/models.ts). */
async function createProductIndexes(coll: Collection<TestDoc>): Promise<void> {
  await coll.createIndexes([
    { key: { sku: 1 }, unique: true },
    { key: { brand: 1, sku: 1 } },
    { key: { createdAt: 1, sku: 1 } },
    { key: { categoryPath: 1, sku: 1 } },
    { key: { categoryPath: 1, brand: 1, sku: 1 } },
    { key: { categoryPath: 1, createdAt: 1, sku: 1 } },
  ]);
}

let products: Collection<TestDoc>;
let all: TestDoc[];

beforeAll(async () => {
  products = db.collection<TestDoc>('products');
  all = Array.from({ length: PRODUCTS }, (_, i) => product(i));
  await products.insertMany(all);
  await createProductIndexes(products);
});

type Field = 'sku' | 'brand' | 'createdAt';

/** The page filter loaders.ts builds: "sort value beyond the cursor's, or equal and SKU beyond". */
function pageFilter(base: Document, field: Field, direction: 1 | -1, after: TestDoc | undefined): Document {
  if (!after) return base;
  const beyond = direction === 1 ? '$gt' : '$lt';
  const keyset =
    field === 'sku'
      ? { sku: { [beyond]: after['sku'] } }
      : { $or: [{ [field]: { [beyond]: after[field] } }, { [field]: after[field], sku: { [beyond]: after['sku'] } }] };
  return { $and: [base, keyset] };
}

function compareBy(field: Field, direction: 1 | -1) {
  const value = (doc: TestDoc) => (field === 'createdAt' ? (doc['createdAt'] as Date).getTime() : doc[field]);
  return (a: TestDoc, b: TestDoc) => {
    const first = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
    const tie = a['sku'] < b['sku'] ? -1 : a['sku'] > b['sku'] ? 1 : 0;
    return direction * (first || tie);
  };
}

/** Walks every page of 20, checking each page's plan; returns the SKUs in page order. */
async function walkPages(base: Document, field: Field, direction: 1 | -1, maxPages: number): Promise<string[]> {
  const sort: Record<string, 1 | -1> = field === 'sku' ? { sku: direction } : { [field]: direction, sku: direction };
  const skus: string[] = [];
  let after: TestDoc | undefined;
  for (let page = 0; page < maxPages; page++) {
    const filter = pageFilter(base, field, direction, after);
    const rows = await products.find(filter).sort(sort).limit(21).toArray();
    const explain = await products.find(filter).sort(sort).limit(21).explain('executionStats');
    const stages = stagesOf(explain['queryPlanner']);
    expect(stages).toContain('IXSCAN');
    expect(stages).not.toContain('COLLSCAN');
    expect(stages).not.toContain('SORT');
    expect(explain['executionStats'].totalKeysExamined).toBeLessThanOrEqual(50);
    expect(explain['executionStats'].totalDocsExamined).toBeLessThanOrEqual(45);
    skus.push(...rows.slice(0, 20).map((row) => row['sku'] as string));
    if (rows.length <= 20) break;
    after = rows[19];
  }
  return skus;
}

describe('keyset pagination served by an index', () => {
  it('pages by SKU through the whole catalog, each page reading about 21 index keys', async () => {
    const skus = await walkPages({}, 'sku', 1, 200);
    expect(skus).toEqual(all.map((p) => p['sku']).sort());
  });

  it('pages by brand with the SKU tie-break ($or keyset) and finds every product once, in order', async () => {
    const skus = await walkPages({}, 'brand', 1, 200);
    expect(skus).toEqual([...all].sort(compareBy('brand', 1)).map((p) => p['sku']));
  });

  it('pages newest first (descending dates) through an ascending index walked backwards', async () => {
    const skus = await walkPages({}, 'createdAt', -1, 200);
    expect(skus).toEqual([...all].sort(compareBy('createdAt', -1)).map((p) => p['sku']));
  });

  it('pages within a category (an array field, multikey) sorted by brand', async () => {
    const skus = await walkPages({ categoryPath: 'apparel' }, 'brand', 1, 200);
    const expected = all.filter((p) => (p['categoryPath'] as string[]).includes('apparel')).sort(compareBy('brand', 1));
    expect(skus).toEqual(expected.map((p) => p['sku']));
  });

  it('pages within a brand by SKU, descending', async () => {
    const skus = await walkPages({ brand: 'brand-07' }, 'sku', -1, 200);
    const expected = all
      .filter((p) => p['brand'] === 'brand-07')
      .map((p) => p['sku'])
      .sort()
      .reverse();
    expect(skus).toEqual(expected);
  });

  it('answers a deep page from the index named for its filter and sort', async () => {
    const after = [...all].sort(compareBy('createdAt', 1))[2500]!;
    const filter = pageFilter({ categoryPath: 'home' }, 'createdAt', 1, after);
    const explain = await products.find(filter).sort({ createdAt: 1, sku: 1 }).limit(21).explain('executionStats');
    expect(indexNamesOf(explain['queryPlanner'])).toContain('categoryPath_1_createdAt_1_sku_1');
    expect(explain['executionStats'].nReturned).toBeGreaterThan(0);
    expect(explain['executionStats'].totalDocsExamined).toBe(explain['executionStats'].nReturned);
  });

  it('serves the same page through aggregate ($match, $sort, $limit) from the index', async () => {
    const pipeline = [{ $match: { brand: 'brand-03' } }, { $sort: { sku: -1 } }, { $limit: 5 }, { $project: { _id: 0, sku: 1 } }];
    const rows = await products.aggregate(pipeline).toArray();
    const expected = all
      .filter((p) => p['brand'] === 'brand-03')
      .map((p) => p['sku'])
      .sort()
      .reverse()
      .slice(0, 5);
    expect(rows).toEqual(expected.map((sku) => ({ sku })));
    const explain = await products.aggregate(pipeline).explain('queryPlanner');
    expect(stagesOf(explain)).toContain('IXSCAN');
    expect(stagesOf(explain)).not.toContain('COLLSCAN');
  });

  it('counts the catalog and its filters exactly (the page total), with skip and limit', async () => {
    expect(await products.countDocuments({})).toBe(PRODUCTS);
    expect(await products.countDocuments({ categoryPath: 'apparel' })).toBe(
      all.filter((p) => (p['categoryPath'] as string[]).includes('apparel')).length,
    );
    expect(await products.countDocuments({ categoryPath: 'apparel.shoes', brand: 'brand-04' })).toBe(
      all.filter((p) => (p['categoryPath'] as string[]).includes('apparel.shoes') && p['brand'] === 'brand-04').length,
    );
    expect(await products.countDocuments({ brand: 'brand-07' }, { skip: 70, limit: 20 })).toBe(5);
    expect(await products.countDocuments({}, { skip: PRODUCTS - 3 })).toBe(3);
    expect(await products.countDocuments({ brand: 'nobody' })).toBe(0);
    expect(await products.countDocuments({ sku: all[5]!['sku'] })).toBe(1);
  });

  it('counts equalities with a range on the next field of an index exactly (a price filter’s total)', async () => {
    const count = (test: (p: TestDoc) => boolean) => all.filter(test).length;
    const sku = (p: TestDoc) => p['sku'] as string;
    expect(await products.countDocuments({ brand: 'brand-03', sku: { $gte: 'SKU-01000', $lt: 'SKU-02000' } })).toBe(
      count((p) => p['brand'] === 'brand-03' && sku(p) >= 'SKU-01000' && sku(p) < 'SKU-02000'),
    );
    expect(await products.countDocuments({ brand: 'brand-03', sku: { $gt: 'SKU-01000' } })).toBe(
      count((p) => p['brand'] === 'brand-03' && sku(p) > 'SKU-01000'),
    );
    const at = new Date(Date.UTC(2025, 0, 20));
    const createdAt = (p: TestDoc) => (p['createdAt'] as Date).getTime();
    expect(await products.countDocuments({ createdAt: { $lte: at } })).toBe(count((p) => createdAt(p) <= at.getTime()));
    // The equality on an array field (categoryPath), the range on a plain one.
    expect(await products.countDocuments({ categoryPath: 'apparel', createdAt: { $gt: at } })).toBe(
      count((p) => (p['categoryPath'] as string[]).includes('apparel') && createdAt(p) > at.getTime()),
    );
    // A range on an array field counts documents, not elements: `categoryPath` between two values.
    expect(await products.countDocuments({ categoryPath: { $gt: 'apparel', $lt: 'home' } })).toBe(
      count((p) => (p['categoryPath'] as string[]).some((c) => c > 'apparel') && (p['categoryPath'] as string[]).some((c) => c < 'home')),
    );
    expect(await products.countDocuments({ brand: 'brand-03', sku: { $lt: 'SKU-00000' } })).toBe(0);
  });

  it('says COLLSCAN when no index can serve the filter or the sort', async () => {
    const explain = await products.find({ categoryId: 'x' }).sort({ weight: -1 }).explain('executionStats');
    expect(stagesOf(explain['queryPlanner'])).toContain('COLLSCAN');
    expect(explain['executionStats'].totalDocsExamined).toBe(PRODUCTS);
  });
});

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('indexed and unindexed answers agree', () => {
  // Values of every kind an index must order like MongoDB: numbers of four BSON types, strings,
  // dates, booleans, null, missing, arrays (multikey) and embedded documents.
  const pool: unknown[] = [
    -5,
    0,
    3,
    3.5,
    new Double(4),
    Long.fromNumber(7),
    Decimal128.fromString('7.5'),
    12,
    'a',
    'b',
    'B',
    'ab',
    '',
    new Date(Date.UTC(2025, 0, 1)),
    new Date(Date.UTC(2026, 0, 1)),
    true,
    false,
    null,
    undefined,
    [3, 'b'],
    [],
    { x: 1 },
  ];
  const constants: unknown[] = [0, 3, 3.5, 7, 7.5, 12, 'a', 'ab', 'b', new Date(Date.UTC(2025, 6, 1)), true, null];

  let indexed: Collection<TestDoc>;
  let plain: Collection<TestDoc>;

  beforeAll(async () => {
    const next = random(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const docs: TestDoc[] = Array.from({ length: 400 }, (_, i) => {
      const doc: TestDoc = { _id: i };
      for (const field of ['a', 'b', 'c']) {
        const value = pick(pool);
        if (value !== undefined) doc[field] = value;
      }
      return doc;
    });
    indexed = db.collection<TestDoc>('fuzzIndexed');
    plain = db.collection<TestDoc>('fuzzPlain');
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await plain.insertMany(docs.map((d) => ({ ...d })));
    await indexed.createIndexes([{ key: { a: 1 } }, { key: { b: -1, a: 1 } }, { key: { a: 1, c: -1, b: 1 } }]);
  });

  it('returns the same documents in the same order for ranges, $in, $or keysets, sorts and limits', async () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const condition = (): unknown => {
      const op = pick(['$eq', '$gt', '$gte', '$lt', '$lte', '$in', 'value', 'range']);
      if (op === 'value') return pick(constants);
      if (op === '$in') return { $in: [pick(constants), pick(constants)] };
      if (op === 'range') return { $gte: pick(constants), $lt: pick(constants) };
      return { [op]: pick(constants) };
    };
    const clause = (): Document => ({ [pick(['a', 'b', 'c'])]: condition() });
    for (let round = 0; round < 150; round++) {
      const shape = pick(['one', 'and', 'or', 'keyset']);
      const filter: Document =
        shape === 'one'
          ? clause()
          : shape === 'and'
            ? { $and: [clause(), clause()] }
            : shape === 'or'
              ? { $or: [clause(), clause()] }
              : { $and: [clause(), { $or: [{ a: { $gt: pick(constants) } }, { a: pick(constants), b: { $gt: pick(constants) } }] }] };
      const sortField = pick(['a', 'b', 'c', 'none']);
      const sort: Record<string, 1 | -1> = sortField === 'none' ? { _id: 1 } : { [sortField]: pick([1, -1] as const), _id: 1 };
      const limit = pick([0, 1, 5, 20]);
      const viaIndex = await indexed.find(filter).sort(sort).limit(limit).project({ _id: 1 }).toArray();
      const viaScan = await plain.find(filter).sort(sort).limit(limit).project({ _id: 1 }).toArray();
      expect({ filter, sort, limit, ids: viaIndex.map((d) => d['_id']) }).toEqual({
        filter,
        sort,
        limit,
        ids: viaScan.map((d) => d['_id']),
      });
    }
  });

  it('counts equalities the same with and without indexes', async () => {
    for (const value of constants) {
      for (const field of ['a', 'b']) {
        const filter = { [field]: value };
        expect({ filter, n: await indexed.countDocuments(filter) }).toEqual({ filter, n: await plain.countDocuments(filter) });
      }
    }
  });

  it('keeps answers right after updates and deletes move documents within the index', async () => {
    for (const coll of [indexed, plain]) {
      await coll.updateMany({ a: { $gte: 3, $lte: 7 } }, { $set: { a: 'moved' } });
      await coll.deleteMany({ b: { $lt: 'b' } });
    }
    for (const filter of [{ a: 'moved' }, { a: { $gt: 'a' } }, { b: { $lte: 'b' } }, { a: { $gte: 0 } }]) {
      const viaIndex = await indexed.find(filter).sort({ a: 1, _id: 1 }).project({ _id: 1 }).toArray();
      const viaScan = await plain.find(filter).sort({ a: 1, _id: 1 }).project({ _id: 1 }).toArray();
      expect(viaIndex).toEqual(viaScan);
    }
    expect(await indexed.countDocuments({ a: 'moved' })).toBeGreaterThan(0);
  });
});
