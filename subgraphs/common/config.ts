import { ConfigError } from './config-error.ts';

/**
 * Runtime configuration, read once from environment variables. Every value has a default that makes
 * `npm start` work on a fresh machine; production sets MONGODB_URI and NODE_ENV=production.
 */
export interface MeridianConfig {
  /** MongoDB connection string. Unset: the embedded dev database is started (development and tests only). */
  mongodbUri: string | undefined;
  /** Host every server binds to. Default `127.0.0.1`. */
  host: string;
  /** Gateway port. Default 4000 (`GATEWAY_PORT`). */
  gatewayPort: number;
  /** Subgraph ports: products 4001, pricing 4002, fulfillment 4003, localization 4004 (`<NAME>_PORT`). */
  subgraphPorts: Record<SubgraphName, number>;
  /** Include stack traces in error responses. Only with `MERIDIAN_DEBUG=1`; never in production. */
  exposeStackTraces: boolean;
  /**
   * Where the gateway reaches each subgraph (`<NAME>_URL`, e.g. `PRICING_URL=http://pricing:4002/graphql`).
   * Unset: the URL recorded in the supergraph (the default local ports).
   */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Gateway worker processes sharing its port, at most (`GATEWAY_WORKERS`). Default 1. */
  gatewayWorkers: number;
  /**
   * Gateway workers kept running at rest (`GATEWAY_MIN_WORKERS`, 1 to `GATEWAY_WORKERS`). Default 1: the others
   * start while the running ones are busy and are retired after `gatewayRetireQuietWorkerMs` of quiet.
   */
  gatewayMinWorkers: number;
  /** Quiet time after which a gateway worker above the minimum is retired (`GATEWAY_RETIRE_QUIET_WORKER_MS`). */
  gatewayRetireQuietWorkerMs: number;
}

export const SUBGRAPH_NAMES = ['products', 'pricing', 'fulfillment', 'localization'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_PORTS: Record<SubgraphName, number> = {
  products: 4001,
  pricing: 4002,
  fulfillment: 4003,
  localization: 4004,
};

function readPort(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(name, `${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return port;
}

function readUrl(name: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // fall through to the error below
  }
  throw new ConfigError(name, `${name} must be an http(s) URL such as http://127.0.0.1:4002/graphql, got "${raw}"`);
}

function readWorkers(name: string, raw: string | undefined, fallback: number, most: number): number {
  if (raw === undefined || raw === '') return fallback;
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > most) {
    throw new ConfigError(name, `${name} must be a whole number from 1 to ${most}, got "${raw}"`);
  }
  return workers;
}

const DEFAULT_RETIRE_QUIET_WORKER_MS = 5 * 60_000;

function readRetireQuietWorkerMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_RETIRE_QUIET_WORKER_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1_000) {
    throw new ConfigError(
      'GATEWAY_RETIRE_QUIET_WORKER_MS',
      `GATEWAY_RETIRE_QUIET_WORKER_MS must be a whole number of milliseconds, at least 1000, got "${raw}"`,
    );
  }
  return ms;
}

/**
 * Reads the configuration from `env` (default: `process.env`). Throws on malformed values, naming them, and
 * when production (`NODE_ENV=production`) has no `MONGODB_URI`.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): MeridianConfig {
  const subgraphPorts = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, readPort(`${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], env)]),
  ) as Record<SubgraphName, number>;
  const mongodbUri = env.MONGODB_URI || undefined;
  const gatewayWorkers = readWorkers('GATEWAY_WORKERS', env.GATEWAY_WORKERS, 1, 64);
  if (!mongodbUri && env.NODE_ENV === 'production') {
    throw new ConfigError(
      'MONGODB_URI',
      'MONGODB_URI is required when NODE_ENV=production: the embedded dev database is for development and tests only',
    );
  }
  return {
    mongodbUri,
    host: env.HOST || '127.0.0.1',
    gatewayPort: readPort('GATEWAY_PORT', 4000, env),
    subgraphPorts,
    exposeStackTraces: env.MERIDIAN_DEBUG === '1' && env.NODE_ENV !== 'production',
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.flatMap((name) => {
        const url = env[`${name.toUpperCase()}_URL`];
        return url ? [[name, readUrl(`${name.toUpperCase()}_URL`, url)]] : [];
      }),
    ),
    gatewayWorkers,
    gatewayMinWorkers: readWorkers('GATEWAY_MIN_WORKERS', env.GATEWAY_MIN_WORKERS, 1, gatewayWorkers),
    gatewayRetireQuietWorkerMs: readRetireQuietWorkerMs(env.GATEWAY_RETIRE_QUIET_WORKER_MS),
  };
}

/**
 * The MongoDB database each part owns, `<MERIDIAN_DB_PREFIX or meridian>_<part>`: a subgraph's, or the gateway's
 * own (API keys, trusted documents, usage, rate limits). Parts never read each other's databases.
 */
export function databaseNameOf(part: SubgraphName | 'gateway', env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.MERIDIAN_DB_PREFIX || 'meridian';
  return `${prefix}_${part}`;
}
