// One gateway process serving the graph: `node gateway/server.ts` runs it alone, or in each of its
// GATEWAY_WORKERS workers. Loaded only where it serves, so a primary that only forks and supervises its workers
// does not hold the gateway's code.
import cluster from 'node:cluster';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { listenGraphQL } from '../subgraphs/common/http.ts';
import type { ConnectionLimits } from '../subgraphs/common/connection-guard.ts';
import type { TrustedProxies } from '../subgraphs/common/client-address.ts';
import { presentedApiKeyOf } from './presented-api-key.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { runTokenField } from '../subgraphs/common/run-token.ts';
import { returnMemoryWhenIdle } from '../subgraphs/common/idle-memory.ts';
import { reportLoadToPrimary } from './worker-scaling.ts';
import { stopWhenParentExits } from '../subgraphs/common/supervised.ts';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from './example-query.ts';
import { createGateway, disableApolloTelemetryByDefault, type GatewayOptions } from './gateway.ts';
import { startPartnerServices } from './partners.ts';
import type { gatewayOptionsFromEnv } from './gateway-env.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { createMongoRateLimiter } from './mongo-rate-limiter.ts';
import { installIdleTracer } from './telemetry.ts';

/** What server.ts reads (and checks) from the environment before forking. */
export interface GatewaySettings {
  limits: ReturnType<typeof gatewayOptionsFromEnv>;
  connectionLimits: ConnectionLimits;
  trustedProxies: TrustedProxies;
  subgraphSecret: string;
}

disableApolloTelemetryByDefault();
const config = readConfig();

/**
 * With `MONGODB_URI`, the rate limit's buckets live in the gateway's own database (`<prefix>_gateway`), shared
 * by every worker and every gateway process; without it (development), each process counts in memory. A
 * database unreachable at start-up leaves the in-memory limiter in place rather than keeping the gateway down.
 */
async function sharedRateLimit(rateLimit: GatewayOptions['rateLimit']): Promise<GatewayOptions['rateLimit']> {
  if (rateLimit === false || !config.mongodbUri) return rateLimit;
  const { unitsPerWindow, windowMs } = rateLimit ?? { unitsPerWindow: 50_000, windowMs: 60_000 };
  try {
    const connection = await connectDatabase(config.mongodbUri, databaseNameOf('gateway'));
    const limiter = createMongoRateLimiter({ connection, unitsPerWindow, windowMs });
    // In production `db:migrate` built it, and the partner services checked the database's schema version.
    if (process.env.NODE_ENV !== 'production') await limiter.ensureIndexes();
    return { unitsPerWindow, windowMs, limiter };
  } catch (error) {
    logger.error({ err: error }, 'rate limit store unreachable at start-up; counting in memory in this process');
    return { unitsPerWindow, windowMs };
  }
}

/** Serves the graph on GATEWAY_PORT until SIGINT/SIGTERM, its primary's 'stop', or its parent's exit. */
export async function serveGateway({ limits, connectionLimits, trustedProxies, subgraphSecret }: GatewaySettings): Promise<void> {
  // Keys, trusted documents, usage and metrics live in the gateway's own database (MONGODB_URI); without one
  // (development only: production requires it) the gateway serves the explorer and the graph, nothing else.
  const partners = config.mongodbUri
    ? await startPartnerServices({
        mongodbUri: config.mongodbUri,
        explorer: { defaultOperation: EXAMPLE_QUERY, defaultVariables: EXAMPLE_VARIABLES },
      })
    : undefined;
  // A process that does not trace gets spans that cost nothing (see installIdleTracer).
  if (!partners?.telemetry) installIdleTracer();

  const gateway = createGateway({
    ...limits,
    rateLimit: await sharedRateLimit(limits.rateLimit),
    subgraphUrls: config.subgraphUrls,
    exposeStackTraces: config.exposeStackTraces,
    trustedProxies,
    subgraphSecret,
    ...(partners ? { partners: partners.edge } : {}),
  });
  const running = await listenGraphQL(gateway.server, {
    port: config.gatewayPort,
    host: config.host,
    context: gateway.context,
    extraRoutes: gateway.extraRoutes,
    health: async () => ({ ...runTokenField() }),
    limits: connectionLimits,
    trustedProxies,
    clientKeyOf: presentedApiKeyOf,
    // Listening means the supergraph is loaded (the server starts before it listens); an open circuit is
    // reported, not failed: the gateway still serves every other subgraph's fields.
    ready: async () => ({ supergraph: 'loaded', circuits: gateway.circuits() }),
  });
  // How long the process took to listen, from its start (`npm start`'s parts report their start-up this way).
  logger.info({ url: running.url, pid: process.pid, startupMs: Math.round(performance.now()) }, 'gateway listening');
  returnMemoryWhenIdle();
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    await partners?.stop();
    process.exit(0);
  };
  if (cluster.isWorker) {
    // The primary asks its workers to stop; a worker whose primary is gone stops too.
    process.on('message', (message) => message === 'stop' && void shutdown());
    stopWhenParentExits(shutdown);
    reportLoadToPrimary((message) => process.send?.(message));
  } else {
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
    stopWhenParentExits(shutdown);
  }
}
