import { deserialize, serialize } from 'bson';
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Doc } from './bson-values.ts';
import { fromWire } from './bson-values.ts';

/**
 * Optional persistence (`--dbpath`): an append-only journal of every change, replayed at start.
 *
 * Each record is `[length u32][crc32 u32][BSON document]`, written with a synchronous write before
 * the command's reply is sent, so an acknowledged write is in the file (the operating system's page
 * cache at least) when a `kill -9` strikes. At start the records are read back in order; the first
 * one that is cut short or fails its checksum — a torn tail from a crash mid-write — ends the replay,
 * and the file is truncated there so new records follow the last good one.
 *
 * Changes that must appear whole (a `$out` replacing a collection) are written as records tagged with
 * a `txn` number and a closing `commit` record; records of a transaction without its commit are
 * skipped on replay.
 */
export type JournalRecord = Doc & { op: string };

const HEADER = 8;
const FILE = 'journal.bson';

/** One record as written: length, CRC-32 of the BSON body, the body. */
function frame(record: JournalRecord): Buffer {
  const body = serialize(record, { ignoreUndefined: true });
  const head = Buffer.alloc(HEADER);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

/** A journal open for appending (see module comment). */
export class Journal {
  readonly file: string;
  #fd: number;
  #nextTxn = 1;

  private constructor(file: string, fd: number) {
    this.file = file;
    this.#fd = fd;
  }

  /**
   * Opens (creating) the journal in `directory`, hands every intact record to `replay` in order, drops
   * a torn tail, and returns the journal ready for appending plus what was read.
   */
  static open(directory: string, replay: (record: JournalRecord) => void): { journal: Journal; records: number; droppedBytes: number } {
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(directory, FILE);
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    let offset = 0;
    let records = 0;
    let maxTxn = 0;
    const pending = new Map<number, JournalRecord[]>();
    while (offset + HEADER <= bytes.length) {
      const length = bytes.readUInt32LE(offset);
      const checksum = bytes.readUInt32LE(offset + 4);
      const end = offset + HEADER + length;
      if (length < 5 || end > bytes.length) break;
      const body = bytes.subarray(offset + HEADER, end);
      if (crc32(body) !== checksum || body.readInt32LE(0) !== length) break;
      let record: JournalRecord;
      try {
        record = fromWire(deserialize(body, { promoteValues: false, promoteBuffers: false, bsonRegExp: false })) as JournalRecord;
      } catch {
        break;
      }
      offset = end;
      records += 1;
      const txn = typeof record['txn'] === 'number' ? record['txn'] : undefined;
      if (txn !== undefined) maxTxn = Math.max(maxTxn, txn);
      if (record.op === 'commit' && txn !== undefined) {
        for (const held of pending.get(txn) ?? []) replay(held);
        pending.delete(txn);
      } else if (txn !== undefined) {
        pending.set(txn, [...(pending.get(txn) ?? []), record]);
      } else {
        replay(record);
      }
    }
    const droppedBytes = bytes.length - offset;
    const fd = fs.openSync(file, 'a+');
    if (droppedBytes > 0) {
      fs.ftruncateSync(fd, offset);
      fs.fsyncSync(fd);
    }
    const journal = new Journal(file, fd);
    // Records of a transaction that never committed stay in the file; new ones must not commit them.
    journal.#nextTxn = maxTxn + 1;
    return { journal, records, droppedBytes };
  }

  /**
   * Replaces the journal by `records` (a snapshot of the current data), crash-safely: they are
   * written to a temporary file, flushed, and renamed over the journal, so a crash leaves either the
   * old journal or the new one. Returns the journal to append to from then on.
   */
  compact(records: Iterable<JournalRecord>): Journal {
    const directory = path.dirname(this.file);
    const temporary = `${this.file}.compacting`;
    const fd = fs.openSync(temporary, 'w');
    try {
      for (const record of records) fs.writeSync(fd, frame(record));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.closeSync(this.#fd);
    fs.renameSync(temporary, this.file);
    const dir = fs.openSync(directory, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    const compacted = new Journal(this.file, fs.openSync(this.file, 'a+'));
    compacted.#nextTxn = this.#nextTxn;
    return compacted;
  }

  /** Appends one record; returns when the bytes are written to the file. */
  append(record: JournalRecord): void {
    fs.writeSync(this.#fd, frame(record));
  }

  /** Appends records that replay only together: all of them or, if the process dies midway, none. */
  appendAtomically(records: Iterable<JournalRecord>): void {
    const txn = this.#nextTxn++;
    for (const record of records) this.append({ ...record, txn });
    this.append({ op: 'commit', txn });
  }

  /** Flushes to disk and closes the file. */
  close(): void {
    fs.fsyncSync(this.#fd);
    fs.closeSync(this.#fd);
  }
}
