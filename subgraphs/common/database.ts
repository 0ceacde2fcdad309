import mongoose, { type Connection } from 'mongoose';

/**
 * Opens a mongoose connection to one subgraph's own database. The same code serves real MongoDB
 * (`MONGODB_URI`) and the embedded dev database: the caller passes whichever URI it has.
 */
export async function connectDatabase(uri: string, dbName: string, options: { monitorCommands?: boolean } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
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
