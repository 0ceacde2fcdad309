import mongoose, { type Connection } from 'mongoose';
import { readPreferenceFromEnv } from './durability.ts';

/** Options of {@link connectDatabase}. */
export interface ConnectOptions {
  /** Let callers observe every command the driver sends (`commandStarted`). */
  monitorCommands?: boolean;
  /**
   * Let mongoose build each model's indexes when the model is compiled. Default: on, except in production
   * (`NODE_ENV=production`), where `npm run db:migrate` is the only thing that builds indexes.
   */
  autoIndex?: boolean;
}

/**
 * Opens a mongoose connection to one subgraph's own database. The same code serves real MongoDB
 * (`MONGODB_URI`) and the embedded dev database: the caller passes whichever URI it has. Writes are retried
 * once across a failover (retryable writes; money and security collections also ask for majority, see
 * durability.ts); reads follow `MERIDIAN_READ_PREFERENCE` except those of money and security collections.
 */
export async function connectDatabase(uri: string, dbName: string, options: ConnectOptions = {}): Promise<Connection> {
  const autoIndex = options.autoIndex ?? process.env.NODE_ENV !== 'production';
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex,
    autoCreate: autoIndex,
    retryWrites: true,
    readPreference: readPreferenceFromEnv(),
    // Lets callers observe every command the driver sends (`commandStarted`), on any server.
    monitorCommands: options.monitorCommands ?? false,
    // Fail fast on a wrong URI instead of hanging a request for 30 s.
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 20,
  });
  await connection.asPromise();
  return connection;
}

/** Builds every model's indexes so that no query path scans a collection. Idempotent. */
export async function ensureIndexes(connection: Connection): Promise<void> {
  await Promise.all(Object.values(connection.models).map((model) => model.createIndexes()));
}
