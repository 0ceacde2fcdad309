import { Long, MongoNetworkError, MongoServerError, type Collection, type Document, type ReadPreferenceMode } from 'mongodb';
import type { Model } from 'mongoose';

/** What {@link findDocuments} reads: the `find` command's own fields. */
export interface FindDocumentsOptions {
  /** Fields to read (`{ name: 1 }`, or `{ _id: 0, … }`); default whole documents. */
  projection?: Document;
  /** Order of the documents, as the `find` command takes it (`{ sku: 1 }`). */
  sort?: Record<string, 1 | -1>;
  /** Most documents to read. */
  limit?: number;
  /** Documents per reply (the server's default first reply holds 101): set it to the expected count. */
  batchSize?: number;
}

// The server errors after which the retryable-reads specification has a driver read once more (a new server is
// selected for the retry, e.g. the new primary after an election):
// https://github.com/mongodb/specifications/blob/master/source/retryable-reads/retryable-reads.md#retryable-error
const RETRYABLE_READ_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  134, // ReadConcernMajorityNotAvailableYet
]);

/** Whether a failed read is retried once, as the driver's retryable reads would: a network error or one of those codes. */
export function isRetryableRead(error: unknown): boolean {
  return (
    error instanceof MongoNetworkError ||
    (error instanceof MongoServerError && typeof error.code === 'number' && RETRYABLE_READ_CODES.has(error.code))
  );
}

/** A cursor id as a reply carries it: bson promotes one that fits a double to a number. */
function isExhausted(id: unknown): boolean {
  return id === 0 || (id instanceof Long && id.isZero());
}

function asLong(id: unknown): Long {
  return typeof id === 'number' ? Long.fromNumber(id) : (id as Long);
}

/**
 * Every document a query on `model`'s collection matches, read straight through the driver with the `find` command
 * when its first reply holds them all (set `batchSize` to the expected count; the server's default first reply
 * holds 101) — the case of every per-request read. The command is the one `collection.find(filter, options)`
 * sends, on any MongoDB; what is left out is the driver's cursor machinery (cursor objects, option resolution,
 * per-document lazy parsing) and mongoose's query layer, a large share of the CPU of a listing's products or
 * localization fetch and most of its garbage.
 *
 * When more remain after the first reply, that cursor is closed and the query read again through the driver's
 * cursor, which keeps its getMores on the server that holds the cursor (a secondary, or one of several mongos)
 * — a second round trip for a rare read rather than a hand-written cursor. The filter goes to the server uncast
 * (callers build it from validated values), the client's read preference and read concern apply, and a dropped
 * connection or a retryable server error (an election, a shutdown) is retried once, as the driver retries reads.
 */
export function findDocuments<T>(model: Model<any>, filter: Document, options: FindDocumentsOptions = {}): Promise<T[]> {
  const command: Document = { find: model.collection.collectionName, filter };
  // Only the options given: bson would send an undefined field as null, which the server refuses.
  if (options.sort) command.sort = options.sort;
  if (options.projection) command.projection = options.projection;
  if (options.limit !== undefined) command.limit = options.limit;
  if (options.batchSize !== undefined) command.batchSize = options.batchSize;
  const { sort, projection, limit, batchSize } = options;
  return readInOneReply<T>(model, command, (collection) =>
    collection
      .find(filter, {
        ...(sort && { sort }),
        ...(projection && { projection }),
        ...(limit !== undefined && { limit }),
        ...(batchSize !== undefined && { batchSize }),
      })
      .toArray(),
  );
}

/**
 * Every document an aggregation pipeline on `model`'s collection yields, the same way as {@link findDocuments}: the
 * `aggregate` command `collection.aggregate(pipeline, { batchSize })` sends, read from its first reply when that
 * holds them all, else read again through the driver's cursor.
 */
export function aggregateDocuments<T>(model: Model<any>, pipeline: Document[], options: { batchSize?: number } = {}): Promise<T[]> {
  const { batchSize } = options;
  const command: Document = { aggregate: model.collection.collectionName, pipeline, cursor: batchSize !== undefined ? { batchSize } : {} };
  return readInOneReply<T>(model, command, (collection) =>
    collection.aggregate(pipeline, batchSize !== undefined ? { batchSize } : {}).toArray(),
  );
}

/** Sends a cursor-opening read command; its first batch when the cursor is exhausted, else `readAgain`'s answer. */
async function readInOneReply<T>(
  model: Model<any>,
  command: Document,
  readAgain: (collection: Collection) => Promise<Document[]>,
): Promise<T[]> {
  const connection = model.db;
  // A connection still opening has no driver database yet: wait for it, as mongoose's own queries do.
  const db = connection.db ?? (await connection.asPromise()).db!;
  const collection = model.collection.collectionName;
  if (db.readConcern?.level) command.readConcern = { level: db.readConcern.level };
  // Explicit, so that a cursor left open can be closed in the session that opened it.
  const session = connection.getClient().startSession();
  // A money or security collection pins its reads to the primary (durability.ts); others follow the connection.
  // mongoose answers null for a schema that sets no read preference. The mode goes as a string, which the driver
  // resolves itself.
  const pinned = model.schema.get('read') as ReadPreferenceMode | null | undefined;
  const commandOptions = { session, readPreference: pinned || db.readPreference };
  try {
    let reply: Document;
    try {
      reply = await db.command(command, commandOptions);
    } catch (error) {
      if (!isRetryableRead(error)) throw error;
      reply = await db.command(command, commandOptions);
    }
    if (isExhausted(reply.cursor.id)) return reply.cursor.firstBatch as T[];
    await db.command({ killCursors: collection, cursors: [asLong(reply.cursor.id)] }, commandOptions).catch(() => undefined);
  } finally {
    await session.endSession();
  }
  return (await readAgain(db.collection(collection))) as T[];
}
