// `npm run seed`: upserts the demo data of every subgraph into its own database at MONGODB_URI. Idempotent:
// running it twice leaves the same data. (`npm start` seeds by itself when any collection of a subgraph is empty.)
import { SUBGRAPH_NAMES, databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { SEEDERS } from './seed/index.ts';

const { mongodbUri } = readConfig();
if (!mongodbUri) {
  console.error('Set MONGODB_URI (e.g. the URI `npm run devdb` prints, or a real MongoDB) to seed it.');
  process.exit(2);
}
for (const name of SUBGRAPH_NAMES) {
  const connection = await connectDatabase(mongodbUri, databaseNameOf(name));
  try {
    SEEDERS[name].registerModels(connection);
    await ensureIndexes(connection);
    console.log(name, await SEEDERS[name].seed(connection));
  } finally {
    await connection.close();
  }
}
