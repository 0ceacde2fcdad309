import { clockFromEnv } from './clock.ts';
import { databaseNameOf, readConfig } from './config.ts';
import { connectDatabase } from './database.ts';
import { listenGraphQL, SUBGRAPH_MAX_BODY_BYTES } from './http.ts';
import { connectionLimitsFromEnv, SUBGRAPH_CONNECTION_LIMITS } from './connection-guard.ts';
import { subgraphSecretFromEnv } from './request-signature.ts';
import { logger } from './logger.ts';
import { prepareDatabase } from './schema-version.ts';
import { initTelemetry, traceDatabaseCommands, tracingFromEnv } from './telemetry.ts';
import type { SubgraphModule } from './subgraph.ts';
import { ConfigError } from './config-error.ts';
import { runTokenField } from './run-token.ts';
import { reportStartupErrors } from './startup-errors.ts';
import { returnMemoryWhenIdle } from './idle-memory.ts';
import { stopWhenParentExits } from './supervised.ts';

/**
 * Runs one subgraph as its own process (how production deploys them): connects to `MONGODB_URI`, checks the
 * database's schema version in production (`npm run db:migrate` builds the indexes there; elsewhere the process
 * builds them), listens on `<NAME>_PORT`, and stops cleanly on SIGINT/SIGTERM. Seeding is `npm run seed`'s job.
 */
export async function runSubgraph(module: SubgraphModule<any, any>): Promise<void> {
  reportStartupErrors(module.name);
  const config = readConfig();
  if (!config.mongodbUri) {
    throw new ConfigError(
      'MONGODB_URI',
      `MONGODB_URI is required to run the ${module.name} subgraph alone; "npm start" runs the whole graph on the embedded database`,
    );
  }
  const limits = connectionLimitsFromEnv(SUBGRAPH_CONNECTION_LIMITS);
  // A subgraph answers only its gateway: without the shared secret it would answer anyone who reaches it.
  const requestSecret = subgraphSecretFromEnv();
  // Traced (an OTLP endpoint configured, or MERIDIAN_TRACING=on): a span per request continuing the gateway's
  // trace, and a span per MongoDB command under it.
  const tracing = tracingFromEnv();
  if (tracing) initTelemetry(`meridian-${module.name}`);
  const connection = await connectDatabase(config.mongodbUri, databaseNameOf(module.name), { monitorCommands: tracing });
  if (tracing) traceDatabaseCommands(connection);
  const built = module.create(connection, { clock: clockFromEnv(), exposeStackTraces: config.exposeStackTraces });
  try {
    await prepareDatabase(connection);
  } catch (error) {
    // Production on an unmigrated or older database: say what to run, and stop before listening.
    logger.fatal({ subgraph: module.name, err: error }, error instanceof Error ? error.message : String(error));
    await connection.close();
    process.exit(1);
  }
  const running = await listenGraphQL(built.server, {
    fastPath: built.fastPath,
    traceRequests: tracing,
    port: config.subgraphPorts[module.name],
    host: config.host,
    context: built.context,
    limits,
    requestSecret,
    maxBodyBytes: SUBGRAPH_MAX_BODY_BYTES,
    // Alive is the process answering; ready is the database answering a ping within the probe deadline (1 s),
    // so neither hangs when the database is paused.
    health: async () => ({ subgraph: module.name, ...runTokenField() }),
    ready: async () => {
      await connection.db!.admin().ping({ maxTimeMS: 1_000 });
      return { subgraph: module.name, database: 'reachable' };
    },
  });
  // How long the process took to listen, from its start: `npm start` reports its parts' start-up from these.
  logger.info({ subgraph: module.name, url: running.url, startupMs: Math.round(performance.now()) }, 'subgraph listening');
  returnMemoryWhenIdle();
  const shutdown = async () => {
    await running.stop();
    await connection.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  stopWhenParentExits(shutdown);
}
