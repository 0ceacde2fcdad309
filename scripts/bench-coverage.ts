// `npm run bench:coverage [-- --products 100000 --requests 3]`: how long `translationCoverage` takes through the
// gateway over the translations of N products, on the real stack (embedded database unless MONGODB_URI is set,
// four subgraphs and the gateway over HTTP, in this process). It grows only what the report reads — product n's
// translations and translation shape are demo product n mod 51's, under the id `seed --products N` gives it — since
// the whole grown catalog (prices, stock, the search index) does not fit the embedded database in one process at
// 100,000. Not a test: it prints figures for humans. Bounded: a few sequential requests, loopback only.
import { parseArgs } from 'node:util';
import { MongoClient, type Db, type Document } from 'mongodb';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { stableObjectIdHex } from '../subgraphs/common/ids.ts';
import { seedProducts } from './seed/catalog.ts';
import { progressBar } from './seed/scale-catalog.ts';
import { startStack } from './stack.ts';

const { values } = parseArgs({ options: { products: { type: 'string', default: '100000' }, requests: { type: 'string', default: '3' } } });
const PRODUCTS = Number(values.products);
const REQUESTS = Number(values.requests);
const PREFIX = `bench_coverage_${process.pid}`;

const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  seed: 'always',
  clock: fixedClock('2026-11-25T10:00:00Z'),
  databasePrefix: PREFIX,
});
const client = await MongoClient.connect(stack.mongodbUri);
try {
  const env = { MERIDIAN_DB_PREFIX: PREFIX };
  const databases = {
    products: client.db(databaseNameOf('products', env)),
    pricing: client.db(databaseNameOf('pricing', env)),
    fulfillment: client.db(databaseNameOf('fulfillment', env)),
    localization: client.db(databaseNameOf('localization', env)),
  };
  await growTranslations(databases.localization, PRODUCTS, progressBar(`translations → ${PRODUCTS.toLocaleString('en')} products`));
  const translations = await databases.localization.collection('product_translations').estimatedDocumentCount();
  for (let request = 1; request <= REQUESTS; request++) {
    const started = performance.now();
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ translationCoverage { locale percentTranslated fullyTranslated fallingBack } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string }[]; data?: { translationCoverage?: unknown[] } };
    const elapsed = Math.round(performance.now() - started);
    const outcome = body.errors ? `errors: ${body.errors.map((error) => error.message).join('; ')}` : 'answered';
    console.log(
      `translationCoverage over ${PRODUCTS.toLocaleString('en')} products (${translations.toLocaleString('en')} translations): ${elapsed} ms, ${outcome}`,
    );
  }
} finally {
  for (const name of ['products', 'pricing', 'fulfillment', 'localization', 'gateway'] as const) {
    await client.db(databaseNameOf(name, { MERIDIAN_DB_PREFIX: PREFIX })).dropDatabase();
  }
  await client.close();
  await stack.stop();
}

/** Product n's translations and shape are demo product n mod 51's (in SKU order), as `seed --products N` copies them. */
async function growTranslations(localization: Db, target: number, onProgress: (done: number, total: number) => void) {
  const demo = seedProducts().sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const translations = localization.collection('product_translations');
  const shapes = localization.collection('translation_shapes');
  const rowsOf = new Map<string, Document[]>();
  for (const row of await translations.find({}, { projection: { _id: 0 } }).toArray()) {
    rowsOf.set(String(row.productId), [...(rowsOf.get(String(row.productId)) ?? []), row]);
  }
  const shapeOf = new Map((await shapes.find({}, { projection: { _id: 0 } }).toArray()).map((row) => [String(row.productId), row]));
  const BATCH = 5_000;
  for (let start = demo.length; start < target; start += BATCH) {
    const translationRows: Document[] = [];
    const shapeRows: Document[] = [];
    for (let n = start; n < Math.min(target, start + BATCH); n++) {
      const template = demo[n % demo.length]!;
      const productId = stableObjectIdHex(`${template.sku}-N${n}`);
      for (const row of rowsOf.get(template.id) ?? []) translationRows.push({ ...row, productId });
      const shape = shapeOf.get(template.id);
      if (shape) shapeRows.push({ ...shape, productId });
    }
    if (translationRows.length > 0) await translations.insertMany(translationRows, { ordered: false });
    if (shapeRows.length > 0) await shapes.insertMany(shapeRows, { ordered: false });
    onProgress(Math.min(target, start + BATCH), target);
  }
}
