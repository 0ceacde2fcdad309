import { ConfigError } from './config-error.ts';
import { SUBGRAPH_NAMES } from './config.ts';

/** Exit code of a process stopped by its configuration or its environment (a bad value, a dead database, a busy port). */
export const CONFIG_EXIT_CODE = 2;

/** Names of the driver's errors meaning the database could not be reached or its URI read. */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
]);

/** MONGODB_URI as it may be printed: without its password. */
export function redactedUri(uri: string | undefined): string {
  if (!uri) return '(unset)';
  return uri.replace(/\/\/([^@/]*)@/, (_, credentials: string) => `//${credentials.split(':')[0]}:***@`);
}

/** The variable that sets a port the graph listens on, by the port's number (defaults included). */
export function portVariableOf(port: number, env: NodeJS.ProcessEnv = process.env): string | null {
  const variables = ['GATEWAY_PORT', ...SUBGRAPH_NAMES.map((name) => `${name.toUpperCase()}_PORT`), 'DEVDB_PORT'];
  const defaults: Record<string, number> = {
    GATEWAY_PORT: 4000,
    PRODUCTS_PORT: 4001,
    PRICING_PORT: 4002,
    FULFILLMENT_PORT: 4003,
    LOCALIZATION_PORT: 4004,
  };
  for (const variable of variables) {
    const raw = env[variable];
    const value = raw === undefined || raw === '' ? defaults[variable] : Number(raw);
    if (value === port) return variable;
  }
  return null;
}

/** The one line that says which port is busy and what to change; null when `error` is not a busy port. */
export function busyPortLine(error: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code !== 'EADDRINUSE' || typeof port !== 'number') return null;
  const variable = portVariableOf(port, env);
  return `port ${port} is in use by another process: stop that process${variable ? `, or set ${variable} to a free port` : ''}`;
}

/**
 * The one line a person needs for an error that stops a process before it can serve — a bad configuration
 * value, a database that cannot be reached, a busy port — or null for anything else (a bug, reported in full).
 */
export function startupErrorLine(error: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  if (error instanceof ConfigError) return error.message;
  const busy = busyPortLine(error, env);
  if (busy) return busy;
  const name = (error as { name?: unknown } | null)?.name;
  const message = String((error as { message?: unknown } | null)?.message ?? '')
    .split('\n')[0]!
    .slice(0, 200);
  if (name === 'MongoParseError' || name === 'MongoInvalidArgumentError' || /^Invalid (scheme|connection string)/.test(message)) {
    return `MONGODB_URI is not a usable MongoDB connection string (${redactedUri(env.MONGODB_URI)}): ${message}`;
  }
  if (typeof name === 'string' && UNREACHABLE.has(name)) {
    return `cannot reach the database at MONGODB_URI=${redactedUri(env.MONGODB_URI)} (${message}): start it, or set MONGODB_URI to one that runs`;
  }
  return null;
}

/**
 * Makes this process (an entry point: `npm start`, a server, a script) report start-up errors as one line
 * prefixed with `part` and exit with {@link CONFIG_EXIT_CODE}; anything else is printed in full and exits 1.
 */
export function reportStartupErrors(part: string, separator = ': '): void {
  process.on('uncaughtException', (error) => {
    const line = startupErrorLine(error);
    if (line === null) {
      console.error(error);
      process.exit(1);
    }
    process.stderr.write(`${part}${separator}${line}\n`);
    process.exit(CONFIG_EXIT_CODE);
  });
}
