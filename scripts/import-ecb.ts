// `npm run import:ecb -- FILE.xml`: loads an ECB daily reference-rate file (as published at the ECB's
// eurofxref-daily.xml) into the pricing database at MONGODB_URI.
import { readFileSync } from 'node:fs';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { createPricingModels } from '../subgraphs/pricing/models.ts';
import { importEcbRates } from '../subgraphs/pricing/import-ecb.ts';

const file = process.argv[2];
const { mongodbUri } = readConfig();
if (!file || !mongodbUri) {
  console.error('Usage: MONGODB_URI=mongodb://… npm run import:ecb -- eurofxref-daily.xml');
  process.exit(2);
}
const connection = await connectDatabase(mongodbUri, databaseNameOf('pricing'));
try {
  const { asOf, rates } = await importEcbRates(createPricingModels(connection), readFileSync(file, 'utf8'));
  console.log(`Imported ${rates} ECB reference rates of ${asOf.toISOString()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await connection.close();
}
