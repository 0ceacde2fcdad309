// `npm run seed [-- --products N]`: upserts the demo data of every subgraph into its own database at MONGODB_URI
// (for the embedded database: start it with `npm run devdb` and pass the URI it prints). Idempotent: running it
// twice leaves the same data. `--products N` then grows the catalog to N products for scale tests, with a
// progress bar. (`npm start` seeds by itself when any collection of a subgraph is empty.)
import { parseArgs } from 'node:util';
import { SUBGRAPH_NAMES, databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { reportStartupErrors } from '../subgraphs/common/startup-errors.ts';
import { SEEDERS } from './seed/index.ts';
import { progressBar, scaleCatalog } from './seed/scale-catalog.ts';

reportStartupErrors('seed');
let values: { products?: string | undefined };
try {
  ({ values } = parseArgs({ options: { products: { type: 'string' } } }));
} catch (error) {
  console.error(`${(error as Error).message}; usage: npm run seed [-- --products N]`);
  process.exit(2);
}
const target = values.products === undefined ? undefined : Number(values.products);
if (target !== undefined && (!Number.isSafeInteger(target) || target < 1 || target > 10_000_000)) {
  console.error(`--products must be a whole number from 1 to 10000000, got "${values.products}"`);
  process.exit(2);
}
const { mongodbUri } = readConfig();
if (!mongodbUri) {
  console.error('Set MONGODB_URI (e.g. the URI `npm run devdb` prints, or a real MongoDB) to seed it.');
  process.exit(2);
}
const connections = [];
for (const name of SUBGRAPH_NAMES) {
  const connection = await connectDatabase(mongodbUri, databaseNameOf(name));
  connections.push(connection);
  SEEDERS[name].registerModels(connection);
  await ensureIndexes(connection);
  console.log(name, await SEEDERS[name].seed(connection));
}
try {
  if (target !== undefined) {
    const [products, pricing, fulfillment, localization] = connections.map((connection) => connection.db!);
    const written = await scaleCatalog(
      { products: products!, pricing: pricing!, fulfillment: fulfillment!, localization: localization! },
      target,
      progressBar('products'),
    );
    console.log(`catalog: ${written.toLocaleString('en')} products`);
  }
} finally {
  await Promise.all(connections.map((connection) => connection.close()));
}
