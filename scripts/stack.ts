import { randomBytes } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { createGateway, type GatewayOptions } from '../gateway/gateway.ts';
import { startPartnerServices } from '../gateway/partners.ts';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/example-query.ts';
import { clockFromEnv, type Clock } from '../subgraphs/common/clock.ts';
import { SUBGRAPH_NAMES, databaseNameOf, readConfig, type SubgraphName } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { listenGraphQL, SUBGRAPH_MAX_BODY_BYTES, type RunningServer } from '../subgraphs/common/http.ts';
import { parseTrustedProxies } from '../subgraphs/common/client-address.ts';
import { GATEWAY_CONNECTION_LIMITS, SUBGRAPH_CONNECTION_LIMITS, type ConnectionLimits } from '../subgraphs/common/connection-guard.ts';
import { presentedApiKeyOf } from '../gateway/presented-api-key.ts';
import { logger } from '../subgraphs/common/logger.ts';
import { traceDatabaseCommands, tracingFromEnv } from '../subgraphs/common/telemetry.ts';
import type { SubgraphModule } from '../subgraphs/common/subgraph.ts';
import { gatewayReader, startPriceProjector, type PriceProjector } from '../subgraphs/pricing/price-projector.ts';
import { createPriceProjectionMarkModel, createPriceProjectionModel } from '../subgraphs/pricing/projection-models.ts';
import { SEEDERS, seedIfIncomplete } from './seed/index.ts';
import { SUBGRAPH_MODULES } from './subgraph-modules.ts';

/** Options of {@link startStack}. */
export interface StackOptions {
  /** MongoDB to use. Default: `MONGODB_URI`, else a fresh embedded dev database. */
  mongodbUri?: string;
  /** Port of the gateway (0 = free port). Default from config (4000). */
  gatewayPort?: number;
  /** Ports of the subgraphs (0 = free port). Default from config (4001–4004). */
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  /**
   * `ifIncomplete` (default): seed a subgraph when any collection its demo data fills is empty (a fresh or
   * half-seeded database is completed); `always`; `never`.
   */
  seed?: 'ifIncomplete' | 'always' | 'never';
  /** Clock of every subgraph. Default: `MERIDIAN_NOW` if set, else the system clock. */
  clock?: Clock;
  /**
   * Called with every command the subgraphs send to the database, seen through the driver's command
   * monitoring, so it works on the embedded database and real MongoDB alike (benchmarks and tests count round
   * trips with it).
   */
  onDatabaseCommand?: (command: Record<string, unknown>) => void;
  /** Freshness bound of reference data in every subgraph, in ms. Default `MERIDIAN_REFERENCE_TTL_MS`, else 60 s. */
  referenceTtlMs?: number;
  /** Prefix of the database names (each subgraph owns `<prefix>_<name>`). Default `meridian`. */
  databasePrefix?: string;
  /** The gateway's per-client rate limit (`false`: none). Default: the gateway's own (on, 50 000 cost units a minute). */
  rateLimit?: GatewayOptions['rateLimit'];
  /** How long shared caches may keep the gateway's cacheable answers. Default: the gateway's own. */
  cacheTiers?: GatewayOptions['cacheTiers'];
  /** The secret the gateway signs subgraph requests with. Default: a new random one per stack. */
  subgraphSecret?: string;
  /** The gateway's trusted proxies, as `GATEWAY_TRUSTED_PROXIES` lists them. Default: none. */
  trustedProxies?: string;
  /** The gateway's connection limits (tests shorten the timeouts). Default {@link GATEWAY_CONNECTION_LIMITS}. */
  gatewayLimits?: Partial<ConnectionLimits>;
  /** Every subgraph's connection limits. Default {@link SUBGRAPH_CONNECTION_LIMITS}. */
  subgraphLimits?: Partial<ConnectionLimits>;
  /**
   * Run pricing's price projector (the shown prices `Query.marketProducts` filters and sorts by), a pass every
   * `intervalMs`, reading through this stack's gateway, for every market or only `countries`. Default: not run.
   */
  priceProjection?: { intervalMs: number; countries?: readonly string[]; pollMs?: number };
}

/** A running stack: where to reach it and how to stop every part of it. */
export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  mongodbUri: string;
  usesEmbeddedDatabase: boolean;
  /** The secret subgraph requests are signed with (tests sign the requests they send to subgraphs directly). */
  subgraphSecret: string;
  /** The price projector, when `priceProjection` started one. */
  priceProjector?: PriceProjector;
  stop(): Promise<void>;
}

/**
 * Starts the whole graph in this process, each part on its own HTTP port: the database (embedded unless a URI
 * is given), the four subgraphs over their own databases, then the gateway over the committed supergraph.
 * Used by the end-to-end tests and the benchmarks (`npm start` runs each part as its own process: scripts/start.ts).
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const config = readConfig();
  const clock = options.clock ?? clockFromEnv();
  const subgraphSecret = options.subgraphSecret ?? randomBytes(32).toString('base64url');
  const trustedProxies = parseTrustedProxies(options.trustedProxies);
  const stopActions: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const action of stopActions.reverse()) {
      await action().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
    }
  };

  try {
    let mongodbUri = options.mongodbUri ?? config.mongodbUri;
    const usesEmbeddedDatabase = !mongodbUri;
    if (!mongodbUri) {
      // Loaded only when needed: a production install (`npm ci --omit=dev`) has no dev database.
      const { startDevDb } = await import('./devdb/index.ts');
      const devDb = await startDevDb({ port: 0 });
      stopActions.push(() => devDb.stop());
      mongodbUri = devDb.uri;
    }

    const subgraphUrls = {} as Record<SubgraphName, string>;
    const connections = {} as Record<SubgraphName, Connection>;
    // One process here: the gateway's tracer provider (set up with the partner services) records these spans too.
    const tracing = tracingFromEnv();
    const env = options.databasePrefix ? { MERIDIAN_DB_PREFIX: options.databasePrefix } : process.env;
    for (const name of SUBGRAPH_NAMES) {
      const module: SubgraphModule<any, unknown> = SUBGRAPH_MODULES[name];
      const onCommand = options.onDatabaseCommand;
      const connection: Connection = await connectDatabase(mongodbUri!, databaseNameOf(name, env), {
        monitorCommands: Boolean(onCommand) || tracing,
      });
      if (tracing) traceDatabaseCommands(connection);
      if (onCommand) connection.getClient().on('commandStarted', (event: CommandStartedEvent) => onCommand(event.command));
      stopActions.push(() => connection.close());
      connections[name] = connection;
      const built = module.create(connection, {
        clock,
        exposeStackTraces: config.exposeStackTraces,
        referenceTtlMs: options.referenceTtlMs,
      });
      await ensureIndexes(connection);
      const seedMode = options.seed ?? 'ifIncomplete';
      const counts =
        seedMode === 'always'
          ? await SEEDERS[name].seed(connection, clock())
          : seedMode === 'ifIncomplete'
            ? await seedIfIncomplete(name, connection, clock())
            : null;
      if (counts) logger.info({ subgraph: name, ...counts }, 'seeded');
      const running: RunningServer = await listenGraphQL(built.server, {
        fastPath: built.fastPath,
        traceRequests: tracing,
        port: options.subgraphPorts?.[name] ?? config.subgraphPorts[name],
        host: config.host,
        context: built.context,
        limits: { ...SUBGRAPH_CONNECTION_LIMITS, ...options.subgraphLimits },
        requestSecret: subgraphSecret,
        maxBodyBytes: SUBGRAPH_MAX_BODY_BYTES,
        health: async () => {
          await connection.db!.admin().ping();
          return { subgraph: name };
        },
      });
      stopActions.push(() => running.stop());
      subgraphUrls[name] = running.url;
    }

    // Keys, trusted documents, explorer, metrics and usage live in the gateway's own database.
    const partners = await startPartnerServices({
      mongodbUri: mongodbUri!,
      env,
      explorer: { defaultOperation: EXAMPLE_QUERY, defaultVariables: EXAMPLE_VARIABLES },
    });
    stopActions.push(() => partners.stop());
    const gateway = createGateway({
      subgraphUrls,
      exposeStackTraces: config.exposeStackTraces,
      partners: partners.edge,
      trustedProxies,
      subgraphSecret,
      ...(options.rateLimit !== undefined && { rateLimit: options.rateLimit }),
      ...(options.cacheTiers && { cacheTiers: options.cacheTiers }),
    });
    const runningGateway = await listenGraphQL(gateway.server, {
      port: options.gatewayPort ?? config.gatewayPort,
      host: config.host,
      context: gateway.context,
      extraRoutes: gateway.extraRoutes,
      limits: { ...GATEWAY_CONNECTION_LIMITS, ...options.gatewayLimits },
      trustedProxies,
      clientKeyOf: presentedApiKeyOf,
    });
    stopActions.push(() => runningGateway.stop());

    let priceProjector: PriceProjector | undefined;
    if (options.priceProjection) {
      const model = connections.pricing.models.PriceProjection ?? createPriceProjectionModel(connections.pricing);
      const marks = connections.pricing.models.PriceProjectionMark ?? createPriceProjectionMarkModel(connections.pricing);
      const projector = startPriceProjector(model as ReturnType<typeof createPriceProjectionModel>, gatewayReader(runningGateway.url), {
        ...options.priceProjection,
        marks: marks as ReturnType<typeof createPriceProjectionMarkModel>,
        clock,
      });
      stopActions.push(() => projector.stop());
      priceProjector = projector;
    }

    return {
      gatewayUrl: runningGateway.url,
      subgraphUrls,
      mongodbUri: mongodbUri!,
      usesEmbeddedDatabase,
      subgraphSecret,
      priceProjector,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
