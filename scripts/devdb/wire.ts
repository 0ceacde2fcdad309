import { deserialize, serialize } from 'bson';
import type { Doc } from './bson-values.ts';
import { fromWire } from './bson-values.ts';
import { encodeOptions, encodeReplyAfter } from './reply-encoding.ts';

/** Wire protocol opcodes the devdb reads or writes. */
export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

/** OP_MSG flag bits (MongoDB wire protocol spec). Bits 0–15 are "required": unknown ones must be rejected. */
export const MsgFlag = { checksumPresent: 1 << 0, moreToCome: 1 << 1, exhaustAllowed: 1 << 16 } as const;

/** The largest message we accept or send; also advertised to drivers as `maxMessageSizeBytes`. */
export const MAX_MESSAGE_SIZE = 48_000_000;
const HEADER_SIZE = 16;

/** Thrown for bytes that are not a well-formed message; the connection is closed in response. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** One command extracted from an OP_MSG or a legacy OP_QUERY on `<db>.$cmd`. */
export type IncomingCommand = {
  readonly requestId: number;
  readonly opCode: typeof OpCode.MSG | typeof OpCode.QUERY;
  /** The command document, with kind-1 document sequences merged in as arrays. */
  readonly body: Doc;
  /** OP_QUERY only: database taken from the collection name. */
  readonly database?: string;
  /** OP_MSG moreToCome: the client expects no reply. */
  readonly moreToCome: boolean;
};

/**
 * Decoding keeps Int32/Double/Long as classes (`promoteValues: false`) and then normalises with
 * `fromWire`, so an integral Double or a Long survives a round trip with its BSON type.
 */
const decodeOptions = { promoteValues: false, promoteBuffers: false, bsonRegExp: false } as const;

function readDocument(buffer: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buffer.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`invalid BSON document size ${size}`);
  const doc = deserialize(buffer.subarray(offset, offset + size), decodeOptions);
  return { doc: fromWire(doc) as Doc, next: offset + size };
}

function readCString(buffer: Buffer, offset: number, end: number): { text: string; next: number } {
  const zero = buffer.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new ProtocolError('unterminated C string');
  return { text: buffer.toString('utf8', offset, zero), next: zero + 1 };
}

function parseOpMsg(message: Buffer, requestId: number): IncomingCommand {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const knownRequired = MsgFlag.checksumPresent | MsgFlag.moreToCome;
  if ((flags & 0xffff & ~knownRequired) !== 0) throw new ProtocolError(`unsupported OP_MSG flag bits ${flags}`);
  // The CRC-32C trailer is optional and only guards against corruption on the wire; drivers do not
  // send it. We skip it rather than verify it (a dev server over loopback).
  const end = message.length - ((flags & MsgFlag.checksumPresent) !== 0 ? 4 : 0);
  let offset = HEADER_SIZE + 4;
  let body: Doc | undefined;
  const sequences: Array<{ identifier: string; docs: Doc[] }> = [];
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new ProtocolError('OP_MSG with more than one body section');
      const read = readDocument(message, offset, end);
      body = read.doc;
      offset = read.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
      const sectionEnd = offset + message.readInt32LE(offset);
      if (sectionEnd > end || sectionEnd <= offset + 4) throw new ProtocolError('invalid document sequence size');
      const name = readCString(message, offset + 4, sectionEnd);
      const docs: Doc[] = [];
      for (let at = name.next; at < sectionEnd; ) {
        const read = readDocument(message, at, sectionEnd);
        docs.push(read.doc);
        at = read.next;
      }
      sequences.push({ identifier: name.text, docs });
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError('OP_MSG without a body section');
  for (const { identifier, docs } of sequences) body[identifier] = docs;
  return { requestId, opCode: OpCode.MSG, body, moreToCome: (flags & MsgFlag.moreToCome) !== 0 };
}

function parseOpQuery(message: Buffer, requestId: number): IncomingCommand {
  const collection = readCString(message, HEADER_SIZE + 4, message.length);
  const database = collection.text.endsWith('.$cmd') ? collection.text.slice(0, -'.$cmd'.length) : undefined;
  if (!database) throw new ProtocolError(`legacy OP_QUERY on ${collection.text} is not supported (only <db>.$cmd)`);
  // skip numberToSkip and numberToReturn
  const read = readDocument(message, collection.next + 8, message.length);
  // Legacy drivers may wrap the command as { $query: {...}, $readPreference: ... }.
  const wrapped = read.doc['$query'];
  const body = wrapped !== null && typeof wrapped === 'object' ? (wrapped as Doc) : read.doc;
  return { requestId, opCode: OpCode.QUERY, body, database, moreToCome: false };
}

/** Decodes one complete message (header included). Throws ProtocolError for anything malformed. */
export function parseMessage(message: Buffer): IncomingCommand {
  if (message.length < HEADER_SIZE + 4) throw new ProtocolError('message shorter than its header');
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OpCode.MSG) return parseOpMsg(message, requestId);
  if (opCode === OpCode.QUERY) return parseOpQuery(message, requestId);
  throw new ProtocolError(`unsupported opcode ${opCode}`);
}

function writeHeader(out: Buffer, requestId: number, responseTo: number, opCode: number): void {
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
}

/** Encodes a reply as OP_MSG: no flags, one kind-0 section (the reply written once, right after the header). */
export function encodeOpMsg(reply: Doc, requestId: number, responseTo: number): Buffer {
  const out = encodeReplyAfter(reply, HEADER_SIZE + 5);
  writeHeader(out, requestId, responseTo, OpCode.MSG);
  out.writeUInt32LE(0, HEADER_SIZE); // flagBits
  out[HEADER_SIZE + 4] = 0; // section kind 0
  return out;
}

/** Encodes a reply to a legacy OP_QUERY command as OP_REPLY with one document and no cursor. */
export function encodeOpReply(reply: Doc, requestId: number, responseTo: number): Buffer {
  const body = serialize(reply, encodeOptions);
  const length = HEADER_SIZE + 20 + body.length;
  const out = Buffer.alloc(length); // responseFlags 0, cursorID 0 (int64), startingFrom 0
  writeHeader(out, requestId, responseTo, OpCode.REPLY);
  out.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  out.set(body, HEADER_SIZE + 20);
  return out;
}

/**
 * Splits a TCP byte stream into whole messages by their length prefix. `push` returns the
 * messages completed by a chunk and throws ProtocolError on an impossible length.
 */
export class FrameReader {
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  /** Bytes received but not yet part of a whole message. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  push(chunk: Buffer): Buffer[] {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    const frames: Buffer[] = [];
    while (this.#pendingBytes >= 4) {
      let first = this.#pending[0]!;
      if (first.length < 4) {
        first = Buffer.concat(this.#pending);
        this.#pending = [first];
      }
      const length = first.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${length}`);
      // Wait for the whole message before joining chunks, so a large insert is copied once.
      if (this.#pendingBytes < length) break;
      const joined = this.#pending.length === 1 ? first : Buffer.concat(this.#pending, this.#pendingBytes);
      frames.push(joined.subarray(0, length));
      const rest = joined.subarray(length);
      this.#pending = rest.length > 0 ? [rest] : [];
      this.#pendingBytes = rest.length;
    }
    return frames;
  }
}
