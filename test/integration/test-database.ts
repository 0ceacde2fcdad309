import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { startDevDb } from '../../scripts/devdb/index.ts';
import { connectDatabase } from '../../subgraphs/common/database.ts';

/** A connection to a fresh database of this test file's own, and how to drop it and stop what was started. */
export interface TestDatabase {
  connection: Connection;
  /** Drops the database, closes the connection and stops the embedded database if one was started. */
  stop(): Promise<void>;
}

/**
 * Connects to a new database named `<prefix>_<pid>_<random>`: on `MONGODB_URI` when it is set (the same tests
 * against a real MongoDB), else on an embedded dev database started for this file.
 */
export async function connectTestDatabase(prefix: string, options: { monitorCommands?: boolean } = {}): Promise<TestDatabase> {
  let uri = process.env['MONGODB_URI'] || undefined;
  let stopDevDb: (() => Promise<void>) | undefined;
  if (!uri) {
    const devDb = await startDevDb({ port: 0 });
    stopDevDb = () => devDb.stop();
    uri = devDb.uri;
  }
  const connection = await connectDatabase(uri, `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`, options);
  return {
    connection,
    async stop() {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await stopDevDb?.();
    },
  };
}
