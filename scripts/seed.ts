// `npm run seed`: upserts the demo data of every subgraph into its own database at MONGODB_URI. Idempotent:
// running it twice leaves the same data. (`npm start` seeds the embedded database by itself when it is empty.)
import { SUBGRAPH_NAMES, databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { systemClock } from '../subgraphs/common/clock.ts';
import { SUBGRAPH_MODULES } from './subgraph-modules.ts';

const { mongodbUri } = readConfig();
if (!mongodbUri) {
  console.error('Set MONGODB_URI (e.g. the URI `npm run devdb` prints, or a real MongoDB) to seed it.');
  process.exit(2);
}
for (const name of SUBGRAPH_NAMES) {
  const connection = await connectDatabase(mongodbUri, databaseNameOf(name));
  try {
    const built = SUBGRAPH_MODULES[name].create(connection, { clock: systemClock });
    await ensureIndexes(connection);
    console.log(name, await SUBGRAPH_MODULES[name].seed(built.models));
  } finally {
    await connection.close();
  }
}
