// Entry point that runs pricing's price projector alone (`node subgraphs/pricing/projector.ts`): it keeps
// `price_projections` in pricing's database current by reading product pages through the gateway
// (PRICE_PROJECTION_GATEWAY_URL, with PRICE_PROJECTION_API_KEY if the gateway needs keys): the products pricing's
// writes mark, every PRICE_PROJECTION_POLL_MS, and a full pass every PRICE_PROJECTION_INTERVAL_MS. Deployed beside the pricing service, one instance per deployment (the image's
// `projector` part: scripts/deploy/k8s/projector.yaml, the compose file's `projector` service).
import { readConfig } from '../common/config.ts';
import { connectDatabase } from '../common/database.ts';
import { databaseNameOf } from '../common/config.ts';
import { logger } from '../common/logger.ts';
import { prepareDatabase } from '../common/schema-version.ts';
import { returnMemoryWhenIdle } from '../common/idle-memory.ts';
import { stopWhenParentExits } from '../common/supervised.ts';
import { createFxLockModel, createPricingModels } from './models.ts';
import { DEFAULT_MARK_POLL_MS, DEFAULT_PROJECTION_INTERVAL_MS, gatewayReader, startPriceProjector } from './price-projector.ts';
import { clockFromEnv } from '../common/clock.ts';
import { createPriceProjectionModel } from './projection-models.ts';

const config = readConfig();
if (!config.mongodbUri) throw new Error('MONGODB_URI is required to run the price projector: it writes to the pricing database');
const milliseconds = (name: string, raw: string | undefined, fallback: number, least: number): number => {
  const value = Number(raw ?? fallback);
  if (!Number.isInteger(value) || value < least) {
    throw new Error(`${name} must be a whole number of milliseconds, at least ${least}, got "${raw}"`);
  }
  return value;
};
const intervalMs = milliseconds(
  'PRICE_PROJECTION_INTERVAL_MS',
  process.env.PRICE_PROJECTION_INTERVAL_MS,
  DEFAULT_PROJECTION_INTERVAL_MS,
  1_000,
);
const pollMs = milliseconds('PRICE_PROJECTION_POLL_MS', process.env.PRICE_PROJECTION_POLL_MS, DEFAULT_MARK_POLL_MS, 100);
const gatewayUrl = process.env.PRICE_PROJECTION_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const apiKey = process.env.PRICE_PROJECTION_API_KEY;
const connection = await connectDatabase(config.mongodbUri, databaseNameOf('pricing'));
// Every model the pricing server compiles, so that its database is checked as the server checks it: in production
// against the schema record db:migrate wrote (never building an index there), elsewhere by building the indexes.
const { PriceProjectionMark: marks } = createPricingModels(connection);
createFxLockModel(connection);
const model = createPriceProjectionModel(connection);
await prepareDatabase(connection);
const projector = startPriceProjector(model, gatewayReader(gatewayUrl, apiKey ? { 'x-api-key': apiKey } : {}), {
  intervalMs,
  pollMs,
  marks,
  clock: clockFromEnv(),
});
logger.info({ gatewayUrl, intervalMs, pollMs }, 'price projector running');
returnMemoryWhenIdle();
const shutdown = async () => {
  await projector.stop();
  await connection.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
// Under `npm start` it is a part like the others: it stops when `npm start` is gone, even killed outright.
stopWhenParentExits(shutdown);
process.once('SIGTERM', () => void shutdown());
