import type { CreateIndexesOptions } from 'mongodb';
import type { Connection } from 'mongoose';
import {
  DATABASE_SCHEMA_VERSION,
  indexFingerprint,
  readSchemaVersion,
  recordSchemaVersion,
  type ExtraIndexes,
} from '../../subgraphs/common/schema-version.ts';
import { MAJORITY_JOURNALED } from '../../subgraphs/common/durability.ts';

/** Options of {@link migrateDatabase}. */
export interface MigrateOptions {
  /** Indexes built outside the models (the gateway's rate-limit buckets). */
  extra?: ExtraIndexes;
  /**
   * How many data-bearing members must finish an index build before it is committed (`majority`, a number, or
   * `votingMembers`: MongoDB's default). Replica sets only; unset on a standalone.
   */
  commitQuorum?: string | number | undefined;
  /** The version to record. Default: this release's {@link DATABASE_SCHEMA_VERSION}. */
  version?: number;
}

/** What one database's migration did. */
export interface MigrationResult {
  previousVersion: number | null;
  version: number;
  indexes: number;
  fingerprint: string;
}

/**
 * Builds every index the connection's models (and `extra`) declare, then records the schema version. Building an
 * index that exists with the same definition changes nothing, so running it again is harmless; a database that
 * records a newer version than this release's is refused before anything is built.
 */
export async function migrateDatabase(connection: Connection, options: MigrateOptions = {}): Promise<MigrationResult> {
  const version = options.version ?? DATABASE_SCHEMA_VERSION;
  const extra = options.extra ?? [];
  const previous = await readSchemaVersion(connection);
  if (previous && previous.version > version) {
    throw new Error(
      `database ${connection.name} is at schema version ${previous.version}, newer than this release's ${version}: run the newer release's migration, not this one`,
    );
  }
  const deployment = {
    writeConcern: MAJORITY_JOURNALED,
    ...(options.commitQuorum !== undefined ? { commitQuorum: options.commitQuorum } : {}),
  };
  const db = connection.db!;
  let built = 0;
  for (const model of Object.values(connection.models)) {
    for (const [keys, indexOptions] of model.schema.indexes()) {
      await db
        .collection(model.collection.collectionName)
        .createIndex(keys as Record<string, 1>, { ...indexOptions, ...deployment } as CreateIndexesOptions);
      built += 1;
    }
  }
  for (const { collection, keys, options: indexOptions } of extra) {
    await db.collection(collection).createIndex(keys, { ...indexOptions, ...deployment });
    built += 1;
  }
  const fingerprint = indexFingerprint(connection, extra);
  await recordSchemaVersion(connection, version, fingerprint);
  return { previousVersion: previous?.version ?? null, version, indexes: built, fingerprint };
}
