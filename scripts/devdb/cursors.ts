import { Long } from 'bson';
import { randomInt } from 'node:crypto';
import type { Doc } from './bson-values.ts';
import { CommandError, ErrorCode } from './errors.ts';
import type { EncodedDocument } from './reply-encoding.ts';
import { bsonOf, rememberBatchBytes } from './reply-encoding.ts';

/** MongoDB's first-batch default for find/aggregate when the client sets no batchSize. */
export const DEFAULT_FIRST_BATCH = 101;
/** A batch never exceeds 16 MiB of documents (MongoDB's limit, below maxMessageSizeBytes). */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
/** Idle cursors are closed after 10 minutes, like MongoDB's cursorTimeoutMillis. */
export const CURSOR_IDLE_MS = 10 * 60 * 1000;

type OpenCursor = {
  readonly namespace: string;
  readonly results: readonly Doc[];
  /** The results' BSON bytes where the query already has them (projections cut from stored bytes). */
  readonly encoded: readonly (EncodedDocument | undefined)[] | undefined;
  readonly transform: (doc: Doc) => Doc;
  position: number;
  lastUsed: number;
};

/** A cursor sub-document as find/aggregate/getMore replies carry it. */
export type CursorReply = { id: Long; ns: string; firstBatch?: Doc[]; nextBatch?: Doc[] };

function parseBatchSize(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CommandError(ErrorCode.BadValue, `batchSize must be a non-negative integer, got ${String(value)}`);
  }
  return value === 0 ? fallback : value;
}

/**
 * Server-side cursors: a query's results are fixed when it runs and handed out in batches by id
 * across getMore calls (and connections), until exhausted, killed or idle for 10 minutes.
 */
export class CursorRegistry {
  readonly #cursors = new Map<string, OpenCursor>();

  /**
   * Returns the first batch; keeps a cursor open (non-zero id) only if results remain and the
   * client did not ask for a single batch.
   */
  open(
    namespace: string,
    results: readonly Doc[],
    options: {
      batchSize?: unknown;
      singleBatch?: boolean;
      transform?: (doc: Doc) => Doc;
      encoded?: readonly (EncodedDocument | undefined)[];
    },
  ): CursorReply {
    const cursor: OpenCursor = {
      namespace,
      results,
      encoded: options.transform ? undefined : options.encoded,
      transform: options.transform ?? ((doc) => doc),
      position: 0,
      lastUsed: Date.now(),
    };
    const batchSize = options.batchSize === 0 ? 0 : parseBatchSize(options.batchSize, DEFAULT_FIRST_BATCH);
    const firstBatch = this.#take(cursor, batchSize);
    if (options.singleBatch || cursor.position >= results.length) {
      return { id: Long.ZERO, ns: namespace, firstBatch };
    }
    const id = Long.fromNumber(randomInt(1, 2 ** 47));
    this.#cursors.set(id.toString(), cursor);
    return { id, ns: namespace, firstBatch };
  }

  /** The next batch of an open cursor (`getMore`); closes it when exhausted. */
  more(id: Long, namespace: string, batchSize: unknown): CursorReply {
    const cursor = this.#cursors.get(id.toString());
    if (!cursor) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id.toString()} not found`);
    if (cursor.namespace !== namespace) {
      throw new CommandError(ErrorCode.BadValue, `cursor id ${id.toString()} belongs to ${cursor.namespace}, not ${namespace}`);
    }
    cursor.lastUsed = Date.now();
    const nextBatch = this.#take(cursor, parseBatchSize(batchSize, Number.MAX_SAFE_INTEGER));
    if (cursor.position >= cursor.results.length) {
      this.#cursors.delete(id.toString());
      return { id: Long.ZERO, ns: namespace, nextBatch };
    }
    return { id, ns: namespace, nextBatch };
  }

  /** Closes cursors by id (`killCursors`), reporting which existed. */
  kill(ids: readonly Long[]): { cursorsKilled: Long[]; cursorsNotFound: Long[] } {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const id of ids) (this.#cursors.delete(id.toString()) ? cursorsKilled : cursorsNotFound).push(id);
    return { cursorsKilled, cursorsNotFound };
  }

  /** Closes cursors idle longer than `idleMs`. */
  sweep(now: number, idleMs = CURSOR_IDLE_MS): void {
    for (const [id, cursor] of this.#cursors) if (now - cursor.lastUsed > idleMs) this.#cursors.delete(id);
  }

  get openCount(): number {
    return this.#cursors.size;
  }

  clear(): void {
    this.#cursors.clear();
  }

  #take(cursor: OpenCursor, count: number): Doc[] {
    const batch: Doc[] = [];
    // Each document is encoded once here, to measure the batch, and the reply is assembled from these bytes.
    const encoded: EncodedDocument[] = [];
    let bytes = 0;
    while (batch.length < count && cursor.position < cursor.results.length) {
      const doc = cursor.transform(cursor.results[cursor.position]!);
      const docBytes = cursor.encoded?.[cursor.position] ?? bsonOf(doc);
      bytes += docBytes.length;
      if (batch.length > 0 && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      encoded.push(docBytes);
      cursor.position += 1;
    }
    rememberBatchBytes(batch, encoded);
    return batch;
  }
}
