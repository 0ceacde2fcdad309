import net from 'node:net';
import { once } from 'node:events';
import { MongoClient } from 'mongodb';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevDb } from '../../scripts/devdb/index.ts';
import type { DevDb } from '../../scripts/devdb/index.ts';
import type { TestDoc, TestServer } from './server.ts';
import { serverErrorOf, useTestDatabase } from './server.ts';

/**
 * A client cannot hold the server's memory or thread: incomplete messages are capped and timed out,
 * connections are capped, and operations have a time budget (`maxTimeMS`, and a default that stops
 * runaway regular expressions).
 */

let server: TestServer;
let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ server, db } = connected));

describe('time budget', () => {
  it('stops an operation past its maxTimeMS with MaxTimeMSExpired (50)', async () => {
    const coll = db.collection<TestDoc>('slow');
    const docs = Array.from({ length: 20_000 }, (_, i) => ({ i, s: `value-${i}-${'x'.repeat(i % 50)}` }));
    for (let from = 0; from < docs.length; from += 5000) await coll.insertMany(docs.slice(from, from + 5000));
    // Many regular expressions per document: a full scan that takes far longer than 2 ms.
    const filter = { $or: Array.from({ length: 40 }, (_, k) => ({ s: { $regex: `^value-${k}\\d*-x{3,}y` } })) };
    const error = await serverErrorOf(coll.find(filter).maxTimeMS(2).toArray());
    expect(error.code).toBe(50);
    expect(error.codeName).toBe('MaxTimeMSExpired');
    // The same query with room to finish answers normally.
    expect(await coll.find(filter).maxTimeMS(60_000).toArray()).toEqual([]);
  });

  it('refuses a catastrophic regular expression at once instead of blocking the server (devdb)', async ({ skip }) => {
    if (!server.isDevDb) skip('MongoDB has no default time budget; this is the devdb guarding its single thread');
    const coll = db.collection<TestDoc>('redos');
    await coll.insertOne({ s: `${'a'.repeat(27)}!` });
    const started = performance.now();
    for (const filter of [{ s: { $regex: '^(a+)+$' } }, { s: /^(a+)+$/ }, { s: { $in: [/^(a|a+)+$/, /(x+x+)+y/] } }]) {
      const error = await serverErrorOf(coll.find(filter).toArray());
      expect(error.code).toBe(50);
      expect(error.message).toContain('regular expression');
    }
    const inPipeline = await serverErrorOf(
      coll.aggregate([{ $project: { bad: { $regexMatch: { input: '$s', regex: '^(a+)+$' } } } }]).toArray(),
    );
    expect(inPipeline.code).toBe(50);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await coll.countDocuments({ s: { $regex: '^a+!$' } })).toBe(1);
  });
});

describe('connection limits (devdb)', () => {
  let devdb: DevDb;

  beforeAll(async () => {
    devdb = await startDevDb({ port: 0, maxConnections: 3, maxBufferedBytes: 1024 * 1024, incompleteMessageTimeoutMs: 300 });
  });

  afterAll(async () => {
    await devdb?.stop();
  });

  /** Resolves when the socket is closed (a reset counts: events.once would reject on its 'error'). */
  function closed(socket: net.Socket): Promise<void> {
    return new Promise((resolve) => (socket.closed ? resolve() : socket.on('close', () => resolve())));
  }

  async function connect(): Promise<net.Socket> {
    const socket = net.connect(devdb.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    return socket;
  }

  /** The start of an OP_MSG that declares 47 MB, followed by `bytes` of its body. */
  function partialMessage(bytes: number): Buffer {
    const buffer = Buffer.alloc(16 + bytes);
    buffer.writeInt32LE(47_000_000, 0);
    buffer.writeInt32LE(2013, 12);
    return buffer;
  }

  it('closes a connection whose message does not arrive in full in time', async () => {
    const socket = await connect();
    socket.write(partialMessage(100_000));
    const started = performance.now();
    await closed(socket);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('closes the connection that would buffer more than the server-wide cap, and serves others', async () => {
    const first = await connect();
    const firstClosed = closed(first);
    first.write(partialMessage(700_000));
    const second = await connect();
    const secondClosed = closed(second);
    second.write(partialMessage(700_000));
    await secondClosed;
    expect(first.destroyed).toBe(false);
    const other = new MongoClient(devdb.uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 1 });
    try {
      expect(await other.db('x').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await other.close();
    }
    await firstClosed; // timed out, which releases its bytes
  });

  it('refuses connections beyond the cap and accepts new ones once others close', async () => {
    const sockets = await Promise.all([connect(), connect(), connect()]);
    const extra = net.connect(devdb.port, '127.0.0.1');
    extra.on('error', () => undefined);
    await closed(extra);
    for (const socket of sockets) socket.destroy();
    await Promise.all(sockets.map(closed));
    const again = new MongoClient(devdb.uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 1 });
    try {
      expect(await again.db('x').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await again.close();
    }
  });
});
