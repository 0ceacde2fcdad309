/**
 * Benchmark of the embedded devdb through the real mongodb driver (not a test):
 * insert 100k documents with insertMany in batches, build an index, then time a 100-value `$in`
 * lookup on the indexed field against the same lookup on an unindexed copy of it (a full scan).
 *
 *   node scripts/bench-devdb.ts [--docs 100000] [--batch 1000] [--runs 7]
 */
import { MongoClient } from 'mongodb';
import { parseArgs } from 'node:util';
import { startDevDb } from './devdb/index.ts';

const { values } = parseArgs({
  options: {
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

const devdb = await startDevDb({ port: 0 });
const client = await new MongoClient(devdb.uri).connect();
try {
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
    [`insertMany (batches of ${batchSize})`, `${(insert.ms / 1000).toFixed(2)} s = ${Math.round(totalDocs / (insert.ms / 1000)).toLocaleString('en-US')} inserts/s`],
    ['createIndex { sku: 1 } unique', `${index.ms.toFixed(0)} ms`],
    [`$in x100 on indexed sku (median of ${runs})`, `${median(indexed).toFixed(2)} ms  (${plan.queryPlanner.winningPlan.inputStage?.stage ?? plan.queryPlanner.winningPlan.stage})`],
    [`$in x100 on unindexed skuCopy (median of ${runs})`, `${median(scanned).toFixed(2)} ms  (COLLSCAN)`],
    ['speed-up from the index', `${(median(scanned) / median(indexed)).toFixed(0)}x`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`devdb benchmark (node ${process.version}, mongodb driver, ${devdb.uri})`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
} finally {
  await client.close();
  await devdb.stop();
}
