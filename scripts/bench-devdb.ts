/**
 * Benchmark of the embedded devdb through the real mongodb driver (not a test).
 *
 * `--mode lookup` (default): insert 100k documents with insertMany in batches, build an index, then
 * time a 100-value `$in` lookup on the indexed field against the same lookup on an unindexed copy of
 * it (a full scan).
 *
 * `--mode page`: the products subgraph's keyset pagination (same filters, sorts, `$or` cursor shape
 * and indexes as subgraphs/products) at 51, 10 000 and 100 000 products: the median latency of a
 * 20-row page (limit 21) — first page, a page deep in the keyset, filtered by category and by brand —
 * and its ratio to the 51-product latency.
 *
 * `--mode memory`: what a stored row weighs: `--docs` rows shaped like pricing's price projection (ten fields,
 * its six secondary indexes, one multikey; ten markets sharing each product id), inserted in batches; the heap
 * after a full GC, per row, with and without the secondary indexes, then the microseconds per row of a projection
 * pass upserting every row again at a new price, and at the same price.
 *
 *   node scripts/bench-devdb.ts [--mode lookup|page|memory] [--docs 100000] [--batch 1000] [--runs 7]
 */
import { MongoClient } from 'mongodb';
import { parseArgs } from 'node:util';
import type { Collection, Document } from 'mongodb';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mongoose from 'mongoose';
import { createPriceProjectionModel } from '../subgraphs/pricing/projection-models.ts';
import { startDevDb } from './devdb/index.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'lookup' },
    sizes: { type: 'string', default: '51,10000,100000' },
    docs: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '7' },
  },
});
const totalDocs = Number(values.docs);
const batchSize = Number(values.batch);
const runs = Number(values.runs);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

/** A page query of the products subgraph: filter (with the keyset cursor folded in), sort, limit. */
type PageQuery = { label: string; filter: Document; sort: Record<string, 1 | -1> };

/** The same shapes subgraphs/products/loaders.ts sends, positioned at ~90% of the keyset. */
function pageQueries(count: number): PageQuery[] {
  const deep = Math.floor(count * 0.9);
  const deepSku = skuOf(deep);
  const deepBrand = brandOf(deep);
  const category = 'apparel.shoes';
  return [
    { label: 'first page, sort sku', filter: {}, sort: { sku: 1 } },
    {
      label: 'deep page, sort brand',
      filter: { $and: [{}, { $or: [{ brand: { $gt: deepBrand } }, { brand: deepBrand, sku: { $gt: deepSku } }] }] },
      sort: { brand: 1, sku: 1 },
    },
    {
      label: 'deep page, sort createdAt desc',
      filter: { $and: [{}, { $or: [{ createdAt: { $lt: createdAtOf(deep) } }, { createdAt: createdAtOf(deep), sku: { $lt: deepSku } }] }] },
      sort: { createdAt: -1, sku: -1 },
    },
    { label: 'category, first page, sort sku', filter: { categoryPath: category }, sort: { sku: 1 } },
    {
      label: 'category, deep page, sort brand',
      filter: { $and: [{ categoryPath: category }, { $or: [{ brand: { $gt: deepBrand } }, { brand: deepBrand, sku: { $gt: deepSku } }] }] },
      sort: { brand: 1, sku: 1 },
    },
    {
      label: 'brand, deep page, sort sku',
      filter: { $and: [{ brand: deepBrand }, { sku: { $gt: skuOf(Math.max(0, deep - 250 * 30)) } }] },
      sort: { sku: 1 },
    },
  ];
}

function skuOf(i: number): string {
  return `SKU-${String(i).padStart(7, '0')}`;
}
function brandOf(i: number): string {
  return `brand-${String(i % 250).padStart(3, '0')}`;
}
function createdAtOf(i: number): Date {
  return new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 60_000);
}

async function seedProducts(products: Collection, count: number): Promise<void> {
  const categories = [['apparel', 'apparel.shoes'], ['apparel', 'apparel.shirts'], ['home', 'home.kitchen'], ['toys']];
  for (let from = 0; from < count; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - from) }, (_, k) => {
      const i = from + k;
      return {
        sku: skuOf(i),
        brand: brandOf(i),
        categoryId: categories[i % 4]!.at(-1),
        categoryPath: categories[i % 4],
        hsCode: '640411',
        originCountry: 'VN',
        weightGrams: 100 + (i % 900),
        createdAt: createdAtOf(i),
        dimensions: { lengthCm: 30, widthCm: 20, heightCm: 10 },
        complianceTags: [],
        images: [],
        attributes: [],
      };
    });
    await products.insertMany(batch, { ordered: false });
  }
  // The products subgraph's indexes (subgraphs/products/models.ts).
  await products.createIndexes([
    { key: { sku: 1 }, unique: true },
    { key: { brand: 1, sku: 1 } },
    { key: { createdAt: 1, sku: 1 } },
    { key: { categoryPath: 1, sku: 1 } },
    { key: { categoryPath: 1, brand: 1, sku: 1 } },
    { key: { categoryPath: 1, createdAt: 1, sku: 1 } },
  ]);
}

/** One timed operation of the page benchmark at one collection size. */
type Probe = { label: string; run: (products: Collection) => Promise<number> };

function probesFor(size: number): Probe[] {
  // The page's total (loaders.ts runs countDocuments(base) beside every page), then the pages.
  const counts: Probe[] = [
    { label: 'countDocuments, no filter', run: (products) => products.countDocuments({}) },
    { label: 'countDocuments, category', run: (products) => products.countDocuments({ categoryPath: 'apparel.shoes' }) },
  ];
  const pages = pageQueries(size).map(
    ({ label, filter, sort }): Probe => ({
      label,
      run: async (products) => {
        const rows = await products.find(filter).sort(sort).limit(21).toArray();
        if (rows.length === 0) throw new Error(`${label} found nothing at ${size}`);
        return rows.length;
      },
    }),
  );
  return [...counts, ...pages];
}

/**
 * Seeds one database per size, then measures in rounds that visit every size in turn, so that the
 * noise of a shared machine (other processes, garbage collection) falls on all sizes alike.
 */
async function pageBench(client: MongoClient, uri: string): Promise<void> {
  const sizes = values.sizes.split(',').map(Number);
  const collections = new Map<number, Collection>();
  for (const size of sizes) {
    const products = client.db(`bench_page_${size}`).collection('products');
    await products.drop().catch(() => undefined);
    await seedProducts(products, size);
    collections.set(size, products);
  }
  const labels = probesFor(sizes[0]!).map((probe) => probe.label);
  const samples = new Map<string, number[]>(); // `${label}@${size}` → ms
  for (let round = 0; round < runs + 5; round++) {
    for (const size of sizes) {
      for (const probe of probesFor(size)) {
        const { ms } = await timed(() => probe.run(collections.get(size)!));
        if (round >= 5) samples.set(`${probe.label}@${size}`, [...(samples.get(`${probe.label}@${size}`) ?? []), ms]);
      }
    }
  }
  const largest = sizes.at(-1)!;
  const plans = new Map<string, string>();
  for (const { label, filter, sort } of pageQueries(largest)) {
    const explain = await collections.get(largest)!.find(filter).sort(sort).limit(21).explain('executionStats');
    const scan = findStage(explain.queryPlanner.winningPlan, 'IXSCAN') ?? findStage(explain.queryPlanner.winningPlan, 'COLLSCAN');
    plans.set(
      label,
      `${scan?.['stage']}${scan?.['indexName'] ? ` ${scan['indexName']}` : ''}, keys ${explain.executionStats.totalKeysExamined}, docs ${explain.executionStats.totalDocsExamined}`,
    );
  }
  for (const products of collections.values()) await products.drop();

  console.log(
    `devdb page benchmark (node ${process.version}, mongodb driver, ${uri}), median of ${runs} interleaved runs, ms per operation`,
  );
  const width = Math.max(...labels.map((label) => label.length));
  console.log(`  ${'query'.padEnd(width)}  ${sizes.map((size) => String(size).padStart(9)).join('')}   ratio  plan at ${largest}`);
  for (const label of labels) {
    const medians = sizes.map((size) => median(samples.get(`${label}@${size}`)!));
    const ratio = medians.at(-1)! / medians[0]!;
    console.log(
      `  ${label.padEnd(width)}  ${medians.map((ms) => ms.toFixed(2).padStart(9)).join('')}  ${ratio.toFixed(2).padStart(5)}x  ${plans.get(label) ?? 'count'}`,
    );
  }
}

function findStage(tree: Document | undefined, stage: string): Document | undefined {
  if (!tree) return undefined;
  if (tree['stage'] === stage) return tree;
  return findStage(tree['inputStage'], stage);
}

/** The price projection's indexes, as its schema declares them (subgraphs/pricing/projection-models.ts). */
const PROJECTION_INDEXES = createPriceProjectionModel(mongoose.createConnection()).schema.indexes();
const MARKETS = ['DE', 'FR', 'JP', 'US', 'NL', 'CH', 'GB', 'IT', 'ES', 'SE'];

const devdb = await startDevDb({ port: 0 });
const client = await new MongoClient(devdb.uri).connect();
try {
  if (values.mode === 'page') {
    await pageBench(client, devdb.uri);
  } else if (values.mode === 'memory') {
    await memoryBench();
  } else {
    await lookupBench();
  }
} finally {
  await client.close();
  await devdb.stop();
}

async function lookupBench(): Promise<void> {
  const products = client.db('bench').collection('products');

  const insert = await timed(async () => {
    for (let from = 0; from < totalDocs; from += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, totalDocs - from) }, (_, k) => {
        const i = from + k;
        const sku = `SKU-${String(i).padStart(7, '0')}`;
        return { sku, skuCopy: sku, brand: `brand-${i % 250}`, weightGrams: (i * 37) % 5000, tags: ['bench', `t${i % 7}`] };
      });
      await products.insertMany(batch, { ordered: false });
    }
  });
  const index = await timed(() => products.createIndex({ sku: 1 }, { unique: true }));

  // 100 distinct SKUs spread over the whole collection.
  const wanted = Array.from({ length: 100 }, (_, k) => `SKU-${String(Math.floor((k * totalDocs) / 100) + 7).padStart(7, '0')}`);
  const lookup = async (field: 'sku' | 'skuCopy'): Promise<number[]> => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { ms, result } = await timed(() => products.find({ [field]: { $in: wanted } }).toArray());
      if (result.length !== wanted.length) throw new Error(`${field} lookup found ${result.length} of ${wanted.length}`);
      samples.push(ms);
    }
    return samples;
  };
  const indexed = await lookup('sku');
  const scanned = await lookup('skuCopy');
  const plan = await products.find({ sku: { $in: wanted } }).explain('queryPlanner');

  const rows: Array<[string, string]> = [
    ['documents inserted', totalDocs.toLocaleString('en-US')],
    [
      `insertMany (batches of ${batchSize})`,
      `${(insert.ms / 1000).toFixed(2)} s = ${Math.round(totalDocs / (insert.ms / 1000)).toLocaleString('en-US')} inserts/s`,
    ],
    ['createIndex { sku: 1 } unique', `${index.ms.toFixed(0)} ms`],
    [
      `$in x100 on indexed sku (median of ${runs})`,
      `${median(indexed).toFixed(2)} ms  (${plan.queryPlanner.winningPlan.inputStage?.stage ?? plan.queryPlanner.winningPlan.stage})`,
    ],
    [`$in x100 on unindexed skuCopy (median of ${runs})`, `${median(scanned).toFixed(2)} ms  (COLLSCAN)`],
    ['speed-up from the index', `${(median(scanned) / median(indexed)).toFixed(0)}x`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`devdb benchmark (node ${process.version}, mongodb driver, ${devdb.uri})`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

function projectionRow(i: number, pass: string, priceShift: number): Document {
  return {
    country: MARKETS[i % MARKETS.length],
    productId: Math.floor(i / MARKETS.length)
      .toString(16)
      .padStart(24, '0'),
    currency: 'EUR',
    amountMinor: 1000 + ((i * 37 + priceShift) % 50_000),
    brand: `Brand ${i % 40}`,
    categoryPath: ['apparel', 'apparel.shoes', 'apparel.shoes.running'].slice(0, 1 + (i % 3)),
    shippable: i % 5 !== 0,
    inStock: i % 7 !== 0,
    pass,
    refreshedAt: new Date(),
  };
}

async function memoryBench(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const heapAfterGc = () => {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  const rowsAt = async (name: string, indexed: boolean) => {
    const rows = client.db('bench').collection(name);
    if (indexed)
      for (const [key, options] of PROJECTION_INDEXES)
        await rows.createIndex(key as Record<string, 1>, { unique: options['unique'] === true });
    const before = heapAfterGc();
    for (let start = 0; start < totalDocs; start += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, totalDocs - start) }, (_, k) => projectionRow(start + k, 'first', 0));
      await rows.insertMany(batch);
    }
    return { rows, bytesPerRow: (heapAfterGc() - before) / totalDocs };
  };
  const bare = await rowsAt('projection_unindexed', false);
  await bare.rows.drop();
  const indexed = await rowsAt('projection', true);
  const pass = async (label: string, priceShift: number) => {
    const started = performance.now();
    for (let start = 0; start < totalDocs; start += 500) {
      const batch = Array.from({ length: Math.min(500, totalDocs - start) }, (_, k) => projectionRow(start + k, label, priceShift));
      await indexed.rows.bulkWrite(
        batch.map((row) => ({
          replaceOne: { filter: { country: row['country'], productId: row['productId'] }, replacement: row, upsert: true },
        })),
        { ordered: false },
      );
    }
    return ((performance.now() - started) * 1000) / totalDocs;
  };
  const newPrices = await pass('second', 1);
  const samePrices = await pass('third', 1);
  console.log(`devdb memory benchmark (node ${process.version}, mongodb driver, ${devdb.uri})`);
  console.log(`  rows (projection-shaped, ${MARKETS.length} markets)     ${totalDocs.toLocaleString('en-US')}`);
  console.log(`  heap per row, no secondary index          ${bare.bytesPerRow.toFixed(0)} bytes`);
  console.log(`  heap per row, the projection's 6 indexes  ${indexed.bytesPerRow.toFixed(0)} bytes`);
  console.log(`  pass upserting every row, new prices      ${newPrices.toFixed(0)} us a row`);
  console.log(`  pass upserting every row, same prices     ${samePrices.toFixed(0)} us a row`);
}
