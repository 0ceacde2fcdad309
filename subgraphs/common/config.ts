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
  /** Gateway worker processes sharing its port (`GATEWAY_WORKERS`). Default 1. */
  gatewayWorkers: number;
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

function readWorkers(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new ConfigError('GATEWAY_WORKERS', `GATEWAY_WORKERS must be a whole number from 1 to 64, got "${raw}"`);
  }
  return workers;
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
    gatewayWorkers: readWorkers(env.GATEWAY_WORKERS),
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
