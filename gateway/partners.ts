import cluster from 'node:cluster';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { tracingFromEnv } from '../subgraphs/common/telemetry.ts';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../subgraphs/common/database.ts';
import { prepareDatabase } from '../subgraphs/common/schema-version.ts';
import { RATE_LIMIT_INDEXES } from './mongo-rate-limiter.ts';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { apiKeyModel, createApiKeyAuthenticator, type ApiKeyAuthenticator, type ClientIdentity } from './api-keys.ts';
import { createEdgeLookups, EdgeLookupRefusal } from './edge-lookups.ts';
import type { ExplorerOptions } from './explorer.ts';
import { clusterMetricsReader } from './cluster-metrics.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import { createTraceLogPlugin, initTelemetry, traceSubgraphFetch, type Telemetry } from './telemetry.ts';
import { createUsageRecorder, fieldUsageModel, type UsageRecorder } from './usage-recorder.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { clockFromEnv } from '../subgraphs/common/clock.ts';
import { createFeedRoute } from './feeds/feed-route.ts';
import type { PartnerEdgeOptions } from './partner-server.ts';
import { presentedApiKey } from './presented-api-key.ts';
import { createLayeredTrustedDocuments, migrateDocumentClients, trustedDocumentModel } from './trusted-document-store.ts';
import { loadTrustedDocuments, manifestPathsFromEnv } from './trusted-documents.ts';

/** How long `/metrics` waits for its key check, in ms (a scrape has no request deadline of its own). */
const METRICS_LOOKUP_MS = 2_000;

/** Who may read `/metrics`: anyone in development; in production a key with the `metrics` scope (bearer token or x-api-key). */
async function authorizeMetrics(
  req: IncomingMessage,
  authenticate: ApiKeyAuthenticator,
  requireKey: boolean,
): Promise<{ status: number; message: string } | null> {
  if (!requireKey) return null;
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const key = presentedApiKey(headers);
  let client: ClientIdentity | null = null;
  try {
    client = key ? await authenticate(key, { address: req.socket.remoteAddress, deadline: performance.now() + METRICS_LOOKUP_MS }) : null;
  } catch (error) {
    if (error instanceof EdgeLookupRefusal) return { status: error.status, message: error.message };
    throw error;
  }
  if (!client) return { status: 401, message: 'Metrics need an API key with the "metrics" scope (bearer token or x-api-key).' };
  if (!client.scopes.includes('metrics')) return { status: 403, message: `Client "${client.client}" has no "metrics" scope.` };
  return null;
}

/** Options of {@link startPartnerServices}. */
export interface PartnerServicesOptions {
  mongodbUri: string;
  /** Environment to read `MERIDIAN_DB_PREFIX` from. Default `process.env` (which always gives the other settings). */
  env?: NodeJS.ProcessEnv;
  /** What the explorer opens with. */
  explorer?: ExplorerOptions;
  /** Record field usage per client and hour. Default true unless `MERIDIAN_USAGE=off`. */
  usage?: boolean;
  /** Prometheus metrics at `/metrics`. Default true unless `MERIDIAN_METRICS=off`. */
  metrics?: boolean;
  /** `/metrics` only for keys with the `metrics` scope. Default: true when `NODE_ENV=production`. */
  metricsRequireKey?: boolean;
  /** `/feeds/…` only for keys with the `feeds` scope. Default: true when `NODE_ENV=production` or `MERIDIAN_REQUIRE_API_KEY=1`. */
  feedsRequireKey?: boolean;
  /**
   * OpenTelemetry spans and `traceparent` to subgraphs. Default: on when spans have somewhere to go (an OTLP
   * endpoint is configured) or `MERIDIAN_TRACING=on`; recording spans nobody exports costs the gateway much of
   * its CPU per request, so it is off otherwise (`MERIDIAN_TRACING=off` forces off).
   */
  tracing?: boolean;
}

/** The partner edge's options for `createGateway({ partners })`, and how to stop what backs them. */
export interface PartnerServices {
  edge: PartnerEdgeOptions;
  connection: Connection;
  /** Present unless usage recording is off. */
  usage: UsageRecorder | undefined;
  /** Present unless metrics are off. */
  metrics: GatewayMetrics | undefined;
  /** Present unless tracing is off. */
  telemetry: Telemetry | undefined;
  stop(): Promise<void>;
}

/** A gateway worker's reader of the whole gateway's metrics, set up on the first `/metrics` request. */
let readClusterMetrics: (() => Promise<string>) | undefined;

/**
 * Connects the gateway to its own database and assembles the partner edge: API keys, trusted documents from the
 * manifests, the explorer, field usage recording and Prometheus metrics. Stop it after the gateway (the gateway's
 * stop flushes the last usage counters into this connection).
 */
export async function startPartnerServices(options: PartnerServicesOptions): Promise<PartnerServices> {
  const env = options.env ?? process.env;
  const connection = await connectDatabase(options.mongodbUri, databaseNameOf('gateway', env));
  const keys = apiKeyModel(connection);
  const usageModel = fieldUsageModel(connection);
  const documents = trustedDocumentModel(connection);
  await prepareDatabase(connection, RATE_LIMIT_INDEXES);
  await migrateDocumentClients(documents);
  // One per-address budget of database reads for unknown keys and document ids alike.
  const lookups = createEdgeLookups();
  // Manifest files, then documents registered in MongoDB (`npm run documents -- register`).
  const trustedDocuments = createLayeredTrustedDocuments(loadTrustedDocuments(manifestPathsFromEnv(process.env)), documents, { lookups });
  const usage =
    (options.usage ?? process.env.MERIDIAN_USAGE !== 'off')
      ? createUsageRecorder({ model: usageModel, onError: (error) => logger.warn({ err: error }, 'usage flush failed; retrying') })
      : undefined;
  const authenticate = createApiKeyAuthenticator(keys, { lookups });
  const metrics =
    (options.metrics ?? process.env.MERIDIAN_METRICS !== 'off')
      ? createGatewayMetrics({
          authorize: (req) => authorizeMetrics(req, authenticate, options.metricsRequireKey ?? process.env.NODE_ENV === 'production'),
          // In a gateway worker, /metrics answers for every worker (the primary aggregates).
          ...(cluster.isWorker ? { collect: (registry) => (readClusterMetrics ??= clusterMetricsReader(registry))() } : {}),
        })
      : undefined;
  // Every worker joins the aggregation from the start, so the first /metrics answer already counts them all.
  if (metrics && cluster.isWorker) readClusterMetrics ??= clusterMetricsReader(metrics.registry);
  const telemetry = (options.tracing ?? tracingFromEnv(process.env)) ? initTelemetry() : undefined;
  const edge: PartnerEdgeOptions = {
    authenticate,
    trustedDocuments,
    // Default: keys required in production only; MERIDIAN_REQUIRE_API_KEY=1/0 decides explicitly.
    ...(process.env.MERIDIAN_REQUIRE_API_KEY ? { requireApiKey: process.env.MERIDIAN_REQUIRE_API_KEY === '1' } : {}),
    explorer: options.explorer ?? {},
    plugins: [...(usage ? [usage.plugin] : []), ...(metrics ? [metrics.plugin] : []), ...(telemetry ? [createTraceLogPlugin()] : [])],
    routes: [
      ...(metrics ? [metrics.route] : []),
      createFeedRoute({
        authenticate,
        requireKey: options.feedsRequireKey ?? (process.env.NODE_ENV === 'production' || process.env.MERIDIAN_REQUIRE_API_KEY === '1'),
        now: clockFromEnv(),
      }),
    ],
    tracing: Boolean(telemetry),
    // Metrics time the whole fetch; tracing adds `traceparent` to it.
    wrapSubgraphFetch: <TFetcher>(name: string, fetcher: TFetcher): TFetcher => {
      const traced = telemetry ? traceSubgraphFetch(name, fetcher) : fetcher;
      return metrics ? metrics.wrapSubgraphFetch(name, traced) : traced;
    },
    ...(metrics ? { onEdgeError: metrics.countEdgeError } : {}),
  };
  return {
    edge,
    connection,
    usage,
    metrics,
    telemetry,
    async stop() {
      await connection.close();
    },
  };
}
