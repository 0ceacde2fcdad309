import { Long, serialize } from 'bson';
import type { Doc } from './bson-values.ts';
import { encodesAsInt32, isPlainObject } from './bson-values.ts';

/** `undefined` (a missing value in mingo's output) is left out, as MongoDB leaves out missing fields. */
export const encodeOptions = { ignoreUndefined: true } as const;

/**
 * The BSON bytes of stored documents, encoded on their first read and then kept, as MongoDB keeps
 * documents as BSON: a stored document is never mutated (writes replace it, see Collection), so its
 * bytes cannot go stale, and they go with the document when it is garbage. Only documents a
 * collection stores are registered (`undefined` until first encoded): a fresh object (a projection, an
 * aggregation result) is encoded per reply, since nothing promises it stays unchanged.
 */
const storedBson = new WeakMap<Doc, StoredEncoding | undefined>();

/** A stored document's bytes, and (once a projection asked) where its top-level elements lie in them. */
type StoredEncoding = { readonly bytes: Uint8Array; layout?: Layout | null };

/**
 * The top-level elements of a stored document's bytes: `keys[i]` is the name of element i, which spans
 * `offsets[i]` to `offsets[i + 1]` (type byte, name, value). Derived only from those bytes, and dropped
 * with them when the document is replaced: a storage detail, like the bytes themselves.
 */
type Layout = { readonly keys: readonly string[]; readonly offsets: readonly number[] };

/** Registers a document as stored (immutable from now on), so its encoding may be kept. */
export function markStored(doc: Doc): void {
  storedBson.set(doc, undefined);
}

/** A document's BSON bytes (exactly what `serialize` gives), kept for stored documents. */
export function bsonOf(doc: Doc): Uint8Array {
  const kept = storedBson.get(doc);
  if (kept !== undefined) return kept.bytes;
  const bytes = serialize(doc, encodeOptions);
  if (storedBson.has(doc)) storedBson.set(doc, { bytes });
  return bytes;
}

/** The kept encoding of a stored document (encoding it now if it was not yet read); undefined for any other. */
function storedEncodingOf(doc: Doc): StoredEncoding | undefined {
  const kept = storedBson.get(doc);
  if (kept !== undefined) return kept;
  if (!storedBson.has(doc)) return undefined;
  bsonOf(doc);
  return storedBson.get(doc);
}

/**
 * Documents of one collection mostly share their field names in the same order: such layouts share one
 * `keys` array, so a projection decides which elements to keep once per shape, not per document. At most
 * this many shapes are shared; documents of further shapes keep their own names.
 */
const MAX_SHARED_SHAPES = 1024;
const sharedShapes = new Map<string, readonly string[]>();

function sharedKeys(keys: string[]): readonly string[] {
  const shape = keys.join('\0'); // a field name is a C string: it holds no NUL
  const shared = sharedShapes.get(shape);
  if (shared) return shared;
  if (sharedShapes.size < MAX_SHARED_SHAPES) sharedShapes.set(shape, keys);
  return keys;
}

/** Reads a stored encoding's layout; null when a value's BSON type is not one this walk knows. */
function layoutOf(encoding: StoredEncoding): Layout | null {
  if (encoding.layout !== undefined) return encoding.layout;
  const { bytes } = encoding;
  const keys: string[] = [];
  const offsets: number[] = [];
  const end = bytes.length - 1;
  let at = 4;
  let layout: Layout | null = null;
  for (;;) {
    if (at >= end) {
      offsets.push(at);
      layout = { keys: sharedKeys(keys), offsets };
      break;
    }
    offsets.push(at);
    let keyEnd = at + 1;
    let ascii = true;
    while (bytes[keyEnd] !== 0) {
      if (bytes[keyEnd]! >= 0x80) ascii = false;
      keyEnd++;
    }
    // A short ASCII name is read without a decoder call; any other (a long one would be too many arguments) is decoded.
    const key =
      ascii && keyEnd - at - 1 <= 64
        ? String.fromCharCode(...bytes.subarray(at + 1, keyEnd))
        : Buffer.from(bytes.buffer, bytes.byteOffset + at + 1, keyEnd - at - 1).toString('utf8');
    // `picked[key] = value` would set a prototype: such a document is projected the general way.
    if (key === '__proto__') break;
    const valueLength = bsonValueLength(bytes, bytes[at]!, keyEnd + 1);
    if (valueLength < 0) break;
    keys.push(key);
    at = keyEnd + 1 + valueLength;
  }
  encoding.layout = layout;
  return layout;
}

/**
 * The BSON of a projection of a stored document, as runs of its stored bytes: `runs` holds pairs of
 * element numbers [from, to) of the document's layout, copied in order between a new length prefix and
 * the closing 0. Nothing is copied until the reply is written (see writeEncoded).
 */
export class ProjectedBson {
  readonly length: number;
  readonly #bytes: Uint8Array;
  readonly #offsets: readonly number[];
  readonly #runs: readonly number[];

  constructor(bytes: Uint8Array, offsets: readonly number[], runs: readonly number[]) {
    this.#bytes = bytes;
    this.#offsets = offsets;
    this.#runs = runs;
    let length = 4 + 1;
    for (let r = 0; r < runs.length; r += 2) length += offsets[runs[r + 1]!]! - offsets[runs[r]!]!;
    this.length = length;
  }

  /** Writes the projected document at `at` of `out`; returns where it ends. */
  writeTo(out: Uint8Array, at: number): number {
    const length = this.length;
    out[at] = length & 0xff;
    out[at + 1] = (length >>> 8) & 0xff;
    out[at + 2] = (length >>> 16) & 0xff;
    out[at + 3] = length >>> 24;
    let to = at + 4;
    const bytes = this.#bytes;
    const offsets = this.#offsets;
    const runs = this.#runs;
    for (let r = 0; r < runs.length; r += 2) {
      const from = offsets[runs[r]!]!;
      const until = offsets[runs[r + 1]!]!;
      // A native copy costs a call; a few bytes are copied faster here.
      if (until - from > 64) {
        out.set(bytes.subarray(from, until), to);
        to += until - from;
      } else {
        for (let i = from; i < until; i++) out[to++] = bytes[i]!;
      }
    }
    out[to] = 0;
    return to + 1;
  }

  /** The projected document's bytes on their own. */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    this.writeTo(out, 0);
    return out;
  }
}

/** A document's BSON as a reply carries it: whole bytes, or runs cut from a stored document's bytes. */
export type EncodedDocument = Uint8Array | ProjectedBson;

/**
 * A projection to top-level fields, applied to stored documents by their layouts: `keep(name)` says
 * whether a field is kept. `project` answers the projected document (its values shared with the stored
 * one, which is never mutated, fields in the stored order) and its bytes, or undefined for a document no
 * collection stores or whose bytes this walk cannot read (the caller then projects it the general way).
 */
export class TopLevelProjector {
  readonly #keep: (name: string) => boolean;
  /** The runs to keep for the last shape met (documents of one collection mostly share it). */
  #lastKeys: readonly string[] | undefined;
  #lastRuns: readonly number[] = [];

  constructor(keep: (name: string) => boolean) {
    this.#keep = keep;
  }

  project(doc: Doc): { picked: Doc; encoded: ProjectedBson } | undefined {
    const encoding = storedEncodingOf(doc);
    const layout = encoding && layoutOf(encoding);
    if (!layout) return undefined;
    const { keys } = layout;
    if (keys !== this.#lastKeys) {
      this.#lastRuns = this.#runsFor(keys);
      this.#lastKeys = keys;
    }
    const runs = this.#lastRuns;
    const picked: Doc = {};
    for (let r = 0; r < runs.length; r += 2) {
      for (let i = runs[r]!; i < runs[r + 1]!; i++) picked[keys[i]!] = doc[keys[i]!];
    }
    return { picked, encoded: new ProjectedBson(encoding.bytes, layout.offsets, runs) };
  }

  /** Pairs [from, to) of consecutive kept elements. */
  #runsFor(keys: readonly string[]): number[] {
    const runs: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (!this.#keep(keys[i]!)) continue;
      if (runs.length > 0 && runs[runs.length - 1] === i) runs[runs.length - 1] = i + 1;
      else runs.push(i, i + 1);
    }
    return runs;
  }
}

function int32At(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

/** Bytes of an element's value of BSON `type` starting at `at`; -1 for a type not walked here. */
function bsonValueLength(bytes: Uint8Array, type: number, at: number): number {
  switch (type) {
    case 0x01:
    case 0x09:
    case 0x11:
    case 0x12:
      return 8; // double, date, timestamp, int64
    case 0x02:
    case 0x0d:
    case 0x0e:
      return 4 + int32At(bytes, at); // string, code, symbol
    case 0x03:
    case 0x04:
    case 0x0f:
      return int32At(bytes, at); // document, array, code with scope
    case 0x05:
      return 4 + 1 + int32At(bytes, at); // binary
    case 0x06:
    case 0x0a:
    case 0xff:
    case 0x7f:
      return 0; // undefined, null, MinKey, MaxKey
    case 0x07:
      return 12; // ObjectId
    case 0x08:
      return 1; // boolean
    case 0x10:
      return 4; // int32
    case 0x13:
      return 16; // decimal128
    case 0x0b: {
      // regex: pattern and options, two C strings
      const patternEnd = bytes.indexOf(0, at);
      const optionsEnd = patternEnd < 0 ? -1 : bytes.indexOf(0, patternEnd + 1);
      return optionsEnd < 0 ? -1 : optionsEnd + 1 - at;
    }
    default:
      return -1;
  }
}

/**
 * The encoded documents of the cursor batch taken last (the cursor measured each one's size with them).
 * A command's reply is encoded right after it runs, on the same turn, so one slot serves it; any other
 * batch is encoded document by document. (Not a WeakMap: an entry per command is work for the GC.)
 */
let lastBatch: { batch: readonly Doc[]; bytes: readonly EncodedDocument[] } | undefined;

/** Remembers the bytes of a batch's documents, for the reply encoder; the batch array must not change after. */
export function rememberBatchBytes(batch: readonly Doc[], bytes: readonly EncodedDocument[]): void {
  lastBatch = { batch, bytes };
}

function batchBytesOf(batch: readonly unknown[]): readonly (EncodedDocument | undefined)[] {
  if (lastBatch?.batch === batch) {
    const { bytes } = lastBatch;
    lastBatch = undefined;
    return bytes;
  }
  return batch.map((doc) => (isPlainObject(doc) ? bsonOf(doc) : undefined));
}

/**
 * The largest reply assembled from encoded parts; anything larger goes through bson's `serialize`,
 * which refuses it as before (a batch holds at most 16 MiB of documents, so only a single huge
 * document gets there).
 */
const MAX_ASSEMBLED_BYTES = 16 * 1024 * 1024;

/**
 * The elements of a document as a reply writes them (its bytes without the length prefix and the closing
 * 0): the size of its simple elements, written later straight into the reply (see simpleElementsSize), or
 * the elements `serialize` gives for anything else.
 */
function elementsOf(doc: Doc): number | Uint8Array {
  const simple = simpleElementsSize(doc);
  if (simple !== undefined) return simple;
  const bytes = serialize(doc, encodeOptions);
  return bytes.subarray(4, bytes.length - 1);
}

/** Writes a document's elements (see elementsOf) at `at` of `out`; returns where they end. */
function writeElements(out: Buffer, doc: Doc, elements: number | Uint8Array, at: number): number {
  if (typeof elements === 'number') return writeSimpleElements(out, doc, at);
  out.set(elements, at);
  return at + elements.length;
}

/** True for text of ASCII characters other than NUL (one byte each in UTF-8 and in a C string). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code >= 0x80) return false;
  }
  return true;
}

function writeAscii(out: Uint8Array, text: string, at: number): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/**
 * The bytes of the elements of a cursor reply's small fields (`id: Long`, `ns`, `ok: 1`) as bson writes
 * them: ASCII names, ASCII strings, Longs and numbers bson encodes as Int32. Undefined for anything else,
 * which `serialize` then encodes.
 */
function simpleElementsSize(doc: Doc): number | undefined {
  let size = 0;
  for (const key in doc) {
    const value = doc[key];
    if (!isAscii(key)) return undefined;
    if (typeof value === 'string' && isAscii(value)) size += 1 + key.length + 1 + 4 + value.length + 1;
    else if (value instanceof Long) size += 1 + key.length + 1 + 8;
    else if (typeof value === 'number' && encodesAsInt32(value)) size += 1 + key.length + 1 + 4;
    else return undefined;
  }
  return size;
}

/** Writes the elements simpleElementsSize measured, at `at` of `out`; returns where they end. */
function writeSimpleElements(out: Buffer, doc: Doc, at: number): number {
  for (const key in doc) {
    const value = doc[key];
    out[at++] = typeof value === 'string' ? 0x02 : value instanceof Long ? 0x12 : 0x10;
    at = writeAscii(out, key, at);
    out[at++] = 0;
    if (typeof value === 'string') {
      at = out.writeInt32LE(value.length + 1, at);
      at = writeAscii(out, value, at);
      out[at++] = 0;
    } else if (value instanceof Long) {
      at = out.writeInt32LE(value.low, at);
      at = out.writeInt32LE(value.high, at);
    } else {
      at = out.writeInt32LE(value as number, at);
    }
  }
  return at;
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
  const docs = batchBytesOf(batch);
  let arrayBytes = 4 + 1;
  for (let i = 0; i < docs.length; i++) {
    const bytes = docs[i];
    if (bytes === undefined) return undefined; // not a document: bson's serialize knows the type
    arrayBytes += 1 + decimalDigits(i) + 1 + bytes.length;
  }
  const headElements = elementsOf(head);
  const restElements = elementsOf(rest);
  const headBytes = typeof headElements === 'number' ? headElements : headElements.length;
  const restBytes = typeof restElements === 'number' ? restElements : restElements.length;
  const cursorBytes = 4 + headBytes + 1 + batchKey.length + 1 + arrayBytes + 1;
  const replyBytes = 4 + 1 + 'cursor'.length + 1 + cursorBytes + restBytes + 1;
  if (replyBytes > MAX_ASSEMBLED_BYTES) return undefined;

  const out = Buffer.allocUnsafe(prefixBytes + replyBytes);
  let at = prefixBytes;
  out.writeInt32LE(replyBytes, at);
  at += 4;
  out[at++] = 0x03; // embedded document
  at = writeAscii(out, 'cursor', at);
  out[at++] = 0;
  out.writeInt32LE(cursorBytes, at);
  at += 4;
  at = writeElements(out, head, headElements, at);
  out[at++] = 0x04; // array
  at = writeAscii(out, batchKey, at);
  out[at++] = 0;
  out.writeInt32LE(arrayBytes, at);
  at += 4;
  for (let i = 0; i < docs.length; i++) {
    const bytes = docs[i]!;
    out[at++] = 0x03;
    at = writeIndex(out, i, at);
    out[at++] = 0;
    if (bytes instanceof ProjectedBson) {
      at = bytes.writeTo(out, at);
    } else {
      out.set(bytes, at);
      at += bytes.length;
    }
  }
  out[at++] = 0; // end of the array
  out[at++] = 0; // end of the cursor
  at = writeElements(out, rest, restElements, at);
  out[at++] = 0; // end of the reply
  return out;
}

/** An array index as its decimal digits. */
function writeIndex(out: Uint8Array, index: number, at: number): number {
  if (index < 10) {
    out[at] = 0x30 + index;
    return at + 1;
  }
  return writeAscii(out, String(index), at);
}

function decimalDigits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length;
}
