import { serialize } from 'bson';
import type { Doc } from './bsonValues.ts';
import { isPlainObject } from './bsonValues.ts';

/** `undefined` (a missing value in mingo's output) is left out, as MongoDB leaves out missing fields. */
export const encodeOptions = { ignoreUndefined: true } as const;

/**
 * The BSON bytes of stored documents, encoded on their first read and then kept, as MongoDB keeps
 * documents as BSON: a stored document is never mutated (writes replace it, see Collection), so its
 * bytes cannot go stale, and they go with the document when it is garbage. Only documents a
 * collection stores are registered (`undefined` until first encoded): a fresh object (a projection, an
 * aggregation result) is encoded per reply, since nothing promises it stays unchanged.
 */
const storedBson = new WeakMap<Doc, Uint8Array | undefined>();

/** Registers a document as stored (immutable from now on), so its encoding may be kept. */
export function markStored(doc: Doc): void {
  storedBson.set(doc, undefined);
}

/** A document's BSON bytes (exactly what `serialize` gives), kept for stored documents. */
export function bsonOf(doc: Doc): Uint8Array {
  const kept = storedBson.get(doc);
  if (kept !== undefined) return kept;
  const bytes = serialize(doc, encodeOptions);
  if (storedBson.has(doc)) storedBson.set(doc, bytes);
  return bytes;
}

/** The encoded documents of a cursor batch (the cursor measured each one's size with them), by batch array. */
const batchBytes = new WeakMap<readonly Doc[], readonly Uint8Array[]>();

/** Remembers the bytes of a batch's documents, for the reply encoder; the batch array must not change after. */
export function rememberBatchBytes(batch: readonly Doc[], bytes: readonly Uint8Array[]): void {
  batchBytes.set(batch, bytes);
}

/**
 * The largest reply assembled from encoded parts; anything larger goes through bson's `serialize`,
 * which refuses it as before (a batch holds at most 16 MiB of documents, so only a single huge
 * document gets there).
 */
const MAX_ASSEMBLED_BYTES = 16 * 1024 * 1024;

/** The elements of an encoded document: its bytes without the length prefix and the closing 0. */
function elementsOf(doc: Doc): Uint8Array {
  const bytes = serialize(doc, encodeOptions);
  return bytes.subarray(4, bytes.length - 1);
}

/**
 * Encodes a reply document into a new buffer after `prefixBytes` bytes left for the caller (the message
 * header), the same bytes as `serialize(reply)`. A cursor reply (`{cursor: {…, firstBatch|nextBatch: [docs]},
 * …}`, the batch last in the cursor and the cursor first in the reply) is assembled from each document's
 * kept bytes instead of encoding the documents again; anything else is serialised whole.
 */
export function encodeReplyAfter(reply: Doc, prefixBytes: number): Buffer {
  const assembled = assembleCursorReply(reply, prefixBytes);
  if (assembled) return assembled;
  const body = serialize(reply, encodeOptions);
  const out = Buffer.allocUnsafe(prefixBytes + body.length);
  out.set(body, prefixBytes);
  return out;
}

function assembleCursorReply(reply: Doc, prefixBytes: number): Buffer | undefined {
  const cursor = reply['cursor'];
  if (!isPlainObject(cursor)) return undefined;
  let first = true;
  const rest: Doc = {};
  for (const key in reply) {
    if (first) {
      if (key !== 'cursor') return undefined;
      first = false;
    } else {
      rest[key] = reply[key];
    }
  }
  let batchKey: string | undefined;
  const head: Doc = {};
  for (const key in cursor) {
    if (batchKey !== undefined) return undefined; // the batch is not the cursor's last field
    if (key === 'firstBatch' || key === 'nextBatch') batchKey = key;
    else head[key] = cursor[key];
  }
  if (batchKey === undefined) return undefined;
  const batch = cursor[batchKey];
  if (!Array.isArray(batch)) return undefined;
  const docs = batchBytes.get(batch) ?? batch.map((doc) => (isPlainObject(doc) ? bsonOf(doc) : undefined));
  let arrayBytes = 4 + 1;
  for (let i = 0; i < docs.length; i++) {
    const bytes = docs[i];
    if (bytes === undefined) return undefined; // not a document: bson's serialize knows the type
    arrayBytes += 1 + decimalDigits(i) + 1 + bytes.length;
  }
  const headElements = elementsOf(head);
  const restElements = elementsOf(rest);
  const cursorBytes = 4 + headElements.length + 1 + batchKey.length + 1 + arrayBytes + 1;
  const replyBytes = 4 + 1 + 'cursor'.length + 1 + cursorBytes + restElements.length + 1;
  if (replyBytes > MAX_ASSEMBLED_BYTES) return undefined;

  const out = Buffer.allocUnsafe(prefixBytes + replyBytes);
  let at = prefixBytes;
  out.writeInt32LE(replyBytes, at);
  at += 4;
  out[at++] = 0x03; // embedded document
  at += out.write('cursor', at, 'latin1');
  out[at++] = 0;
  out.writeInt32LE(cursorBytes, at);
  at += 4;
  out.set(headElements, at);
  at += headElements.length;
  out[at++] = 0x04; // array
  at += out.write(batchKey, at, 'latin1');
  out[at++] = 0;
  out.writeInt32LE(arrayBytes, at);
  at += 4;
  for (let i = 0; i < docs.length; i++) {
    const bytes = docs[i]!;
    out[at++] = 0x03;
    at += out.write(String(i), at, 'latin1');
    out[at++] = 0;
    out.set(bytes, at);
    at += bytes.length;
  }
  out[at++] = 0; // end of the array
  out[at++] = 0; // end of the cursor
  out.set(restElements, at);
  at += restElements.length;
  out[at++] = 0; // end of the reply
  return out;
}

function decimalDigits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length;
}
