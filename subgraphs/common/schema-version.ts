import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { ensureIndexes } from './database.ts';
import { MAJORITY_JOURNALED } from './durability.ts';

/**
 * The version of the databases' layout (collections and indexes) this release needs. Raise it with any index
 * change: `npm run db:migrate` records it in each database it prepares, production servers refuse to start on
 * a database that records an older one, and the migration refuses a database that records a newer one.
 * 3: localization's search index as posting lists (`search_posting_lists`, terms in `search_products`).
 */
export const DATABASE_SCHEMA_VERSION = 3;

/** The collection, in each part's own database, holding the one record of what `db:migrate` prepared. */
export const SCHEMA_VERSION_COLLECTION = 'meridian_schema';

/** What `db:migrate` records in a database. */
export interface SchemaVersionRecord {
  _id: 'schema';
  version: number;
  /** Fingerprint of the index definitions it built ({@link indexFingerprint}). */
  indexes: string;
  migratedAt: Date;
}

/** Extra indexes a part builds outside its mongoose models (the gateway's rate-limit buckets). */
export type ExtraIndexes = ReadonlyArray<{ collection: string; keys: Record<string, 1 | -1>; options: Record<string, unknown> }>;

/** Every index the connection's models declare, plus `extra`, in a stable order. */
export function declaredIndexes(connection: Connection, extra: ExtraIndexes = []): string[] {
  const fromModels = Object.values(connection.models).flatMap((model) =>
    model.schema.indexes().map(([keys, options]) => JSON.stringify([model.collection.collectionName, keys, options])),
  );
  return [...fromModels, ...extra.map(({ collection, keys, options }) => JSON.stringify([collection, keys, options]))].sort();
}

/** A short hash of {@link declaredIndexes}: two releases with the same one need the same indexes. */
export function indexFingerprint(connection: Connection, extra: ExtraIndexes = []): string {
  return createHash('sha256').update(declaredIndexes(connection, extra).join('\n')).digest('hex').slice(0, 16);
}

/** The record `db:migrate` left in this connection's database, if any. */
export async function readSchemaVersion(connection: Connection): Promise<SchemaVersionRecord | null> {
  const db = connection.db ?? (await connection.asPromise()).db!;
  return db.collection<SchemaVersionRecord>(SCHEMA_VERSION_COLLECTION).findOne({ _id: 'schema' }, { readPreference: 'primary' });
}

/** Records what was prepared, durably (a failover must not make a migrated database look unmigrated). */
export async function recordSchemaVersion(connection: Connection, version: number, indexes: string, now = new Date()): Promise<void> {
  const db = connection.db ?? (await connection.asPromise()).db!;
  await db
    .collection<SchemaVersionRecord>(SCHEMA_VERSION_COLLECTION)
    .replaceOne({ _id: 'schema' }, { version, indexes, migratedAt: now }, { upsert: true, writeConcern: MAJORITY_JOURNALED });
}

/**
 * Why a server of this release must not start on this database, or null when it may: never migrated, migrated
 * by an older release, or migrated by this release's version with other indexes than this code declares.
 * A newer record is accepted: during a roll-out the previous release keeps serving after the migration ran.
 */
export function schemaVersionProblem(record: SchemaVersionRecord | null, database: string, fingerprint: string): string | null {
  const fix = 'run `npm run db:migrate` with this release first (see README, Deploying)';
  if (!record) return `database ${database} has no schema version: ${fix}`;
  if (record.version < DATABASE_SCHEMA_VERSION) {
    return `database ${database} is at schema version ${record.version}, this release needs ${DATABASE_SCHEMA_VERSION}: ${fix}`;
  }
  if (record.version === DATABASE_SCHEMA_VERSION && record.indexes !== fingerprint) {
    return `database ${database} was migrated with other indexes than this release declares (${record.indexes}, here ${fingerprint}): ${fix}`;
  }
  return null;
}

/**
 * Gets a part's database ready to serve. In production (`NODE_ENV=production`) it only checks the schema version
 * `db:migrate` recorded and throws when the database is not ready: servers never build indexes there, so ten
 * replicas starting at once do not each ask the cluster for every index. Elsewhere (`npm start`, tests) it
 * builds the indexes itself, as the migration would.
 */
export async function prepareDatabase(
  connection: Connection,
  extra: ExtraIndexes = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (env.NODE_ENV !== 'production') {
    await ensureIndexes(connection);
    return;
  }
  const problem = schemaVersionProblem(await readSchemaVersion(connection), connection.name, indexFingerprint(connection, extra));
  if (problem) throw new Error(problem);
}
