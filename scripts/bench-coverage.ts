// `npm run bench:coverage [-- --products 100000 --requests 3]`: how long `translationCoverage` takes through the
// gateway over a catalog grown to N products (`scaleCatalog`, as `npm run seed -- --products N`), on the real stack
// (embedded database unless MONGODB_URI is set, four subgraphs and the gateway over HTTP, in this process).
// Not a test: it prints figures for humans. Bounded: a few sequential requests, loopback only.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { progressBar, scaleCatalog } from './seed/scale-catalog.ts';
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
  await scaleCatalog(databases, PRODUCTS, progressBar(`catalog → ${PRODUCTS.toLocaleString('en')}`));
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
