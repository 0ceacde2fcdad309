// Entry point that runs the gateway alone (production deploys it as its own service; `npm start` runs it as a
// child process). Subgraph URLs come from `<NAME>_URL` (default: the supergraph's), the port from
// `GATEWAY_PORT`; `GATEWAY_WORKERS=N` runs N worker processes sharing that port, so the gateway — the part
// that plans every request and merges every response — can use more than one core.
import cluster from 'node:cluster';
import { databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { listenGraphQL } from '../subgraphs/common/http.ts';
import { parseTrustedProxies } from '../subgraphs/common/client-address.ts';
import { connectionLimitsFromEnv, GATEWAY_CONNECTION_LIMITS } from '../subgraphs/common/connection-guard.ts';
import { subgraphSecretFromEnv } from '../subgraphs/common/request-signature.ts';
import { presentedApiKeyOf } from './presented-api-key.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { stopWhenParentExits } from '../subgraphs/common/supervised.ts';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from './example-query.ts';
import { serveClusterMetrics } from './cluster-metrics.ts';
import { createGateway, disableApolloTelemetryByDefault } from './gateway.ts';
import { startPartnerServices } from './partners.ts';
import { gatewayOptionsFromEnv } from './gateway-env.ts';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { createMongoRateLimiter } from './mongo-rate-limiter.ts';
import { installIdleTracer } from './telemetry.ts';
import type { GatewayOptions } from './gateway.ts';

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
// Read before forking, so a malformed limit stops the gateway at once with its name.
const limits = gatewayOptionsFromEnv();
const connectionLimits = connectionLimitsFromEnv(GATEWAY_CONNECTION_LIMITS);
const trustedProxies = parseTrustedProxies(process.env.GATEWAY_TRUSTED_PROXIES);
const subgraphSecret = subgraphSecretFromEnv();

if (cluster.isPrimary && config.gatewayWorkers > 1) {
  const workers = Array.from({ length: config.gatewayWorkers }, () => cluster.fork());
  serveClusterMetrics();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of workers) if (worker.isConnected()) worker.send('stop');
    // A worker that cannot stop gracefully within the grace period is ended.
    setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, 5_000).unref();
  };
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; stopping the gateway');
      stop();
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenParentExits(stop);
} else {
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
    limits: connectionLimits,
    trustedProxies,
    clientKeyOf: presentedApiKeyOf,
    // Listening means the supergraph is loaded (the server starts before it listens); an open circuit is
    // reported, not failed: the gateway still serves every other subgraph's fields.
    ready: async () => ({ supergraph: 'loaded', circuits: gateway.circuits() }),
  });
  logger.info({ url: running.url, pid: process.pid }, 'gateway listening');
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
  } else {
    process.once('SIGINT', () => void shutdown());
    process.once('SIGTERM', () => void shutdown());
    stopWhenParentExits(shutdown);
  }
}
