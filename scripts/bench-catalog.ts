// `npm run bench:catalog [-- --sizes 51,10000,100000 --requests 30]`: how a 20-product page scales with the size
// of the catalog, through the real stack (embedded database unless MONGODB_URI is set, four subgraphs and the
// gateway over HTTP). For each size it grows the seeded catalog (`scaleCatalog`, the same code as
// `npm run seed -- --products N`) and times sequential requests of: the first page, a page deep in the keyset
// pagination (after the middle product), a page filtered by category, and a page sorted by brand. Prints p50 per
// case and its ratio to the smallest catalog: the goal is ≤ 1.5× at 100 000 products.
// Not a test: it prints figures for humans. Bounded: a fixed number of requests, loopback only.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { encodeCursor } from '../subgraphs/products/domain/cursor.ts';
import { progressBar, scaleCatalog } from './seed/scale-catalog.ts';
import { startStack } from './stack.ts';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '51,10000,100000' }, requests: { type: 'string', default: '30' } },
});
const SIZES = values.sizes.split(',').map(Number);
const REQUESTS = Number(values.requests);
const PREFIX = `bench_catalog_${process.pid}`;

const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  seed: 'always',
  clock: fixedClock('2026-11-25T10:00:00Z'),
  databasePrefix: PREFIX,
});
const client = await MongoClient.connect(stack.mongodbUri);
const env = { MERIDIAN_DB_PREFIX: PREFIX };
const databases = {
  products: client.db(databaseNameOf('products', env)),
  pricing: client.db(databaseNameOf('pricing', env)),
  fulfillment: client.db(databaseNameOf('fulfillment', env)),
  localization: client.db(databaseNameOf('localization', env)),
};

async function post(query: string): Promise<void> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: { products?: { nodes?: unknown[] } } };
  if (body.errors || !body.data?.products?.nodes?.length) throw new Error(`page query failed: ${JSON.stringify(body).slice(0, 300)}`);
}

async function p50(query: string): Promise<number> {
  for (let warm = 0; warm < 5; warm++) await post(query);
  const times: number[] = [];
  for (let request = 0; request < REQUESTS; request++) {
    const started = performance.now();
    await post(query);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const results: { size: number; cases: Record<string, number> }[] = [];
try {
  for (const size of SIZES) {
    if (size > 51) await scaleCatalog(databases, size, progressBar(`catalog → ${size.toLocaleString('en')}`));
    const count = await databases.products.collection('products').countDocuments();
    const middle = await databases.products
      .collection('products')
      .find({}, { projection: { sku: 1 } })
      .sort({ sku: 1 })
      .skip(Math.floor(count / 2))
      .limit(1)
      .next();
    const deepCursor = encodeCursor({ value: null, sku: String(middle!.sku) });
    const cases = {
      'first page': '{ products(first: 20) { nodes { id sku } } }',
      'deep page': `{ products(first: 20, after: "${deepCursor}") { nodes { id sku } } }`,
      'by category': '{ products(first: 20, filter: { category: "apparel" }) { nodes { id sku } } }',
      'by brand sort': '{ products(first: 20, sort: { field: BRAND, direction: ASC }) { nodes { id sku } } }',
    };
    const timed: Record<string, number> = {};
    for (const [name, query] of Object.entries(cases)) timed[name] = await p50(query);
    results.push({ size: count, cases: timed });
    console.log(
      `${count.toLocaleString('en').padStart(9)} products: ${Object.entries(timed)
        .map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`)
        .join(' · ')}`,
    );
  }
  const base = results[0]!;
  console.log('\np50 of a 20-product page (id, sku), ratio to the smallest catalog:');
  for (const { size, cases } of results) {
    console.log(
      `${size.toLocaleString('en').padStart(9)}  ${Object.entries(cases)
        .map(([name, ms]) => `${name} ${(ms / base.cases[name]!).toFixed(2)}×`)
        .join('  ')}`,
    );
  }
} finally {
  for (const database of Object.values(databases)) await database.dropDatabase().catch(() => undefined);
  await client.close();
  await stack.stop();
}
