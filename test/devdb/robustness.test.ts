import net from 'node:net';
import { BSON, MongoClient } from 'mongodb';
import type { Db, Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { TestDoc, TestServer } from './server.ts';
import { startDevDb } from '../../scripts/devdb/index.ts';
import { useTestDatabase } from './server.ts';

let server: TestServer;
let db: Db;
useTestDatabase(import.meta.filename, (connected) => ({ server, db } = connected), { maxPoolSize: 20 });

/** Sends raw bytes on a fresh socket and resolves once the server closes it (or after a timeout). */
function sendRaw(bytes: Buffer): Promise<'closed' | 'open'> {
  const { hostname, port } = new URL(server.uri);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 27017), hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('open');
    }, 3000);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

describe('robustness', () => {
  it('closes a connection that sends a malformed message and keeps serving everyone else', async () => {
    const garbage = Buffer.alloc(64, 0xab);
    garbage.writeInt32LE(64, 0); // plausible length, nonsense opcode and body
    expect(await sendRaw(garbage)).toBe('closed');
    const badBson = Buffer.alloc(30);
    badBson.writeInt32LE(30, 0);
    badBson.writeInt32LE(2013, 12); // OP_MSG …
    badBson.writeInt32LE(999, 21); // … whose body claims 999 bytes
    expect(await sendRaw(badBson)).toBe('closed');
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('serves many concurrent operations over a pool of connections', async () => {
    const coll = db.collection<TestDoc>('concurrent');
    await Promise.all(Array.from({ length: 200 }, (_, i) => coll.insertOne({ i })));
    const counts = await Promise.all(Array.from({ length: 50 }, (_, i) => coll.countDocuments({ i: { $lt: i } })));
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('serves several independent clients at once', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => new MongoClient(server.uri).connect()));
    try {
      await Promise.all(clients.map((c, i) => c.db(db.databaseName).collection<TestDoc>('clients').insertOne({ client: i })));
      expect(await db.collection<TestDoc>('clients').countDocuments()).toBe(8);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('handles an insert larger than one TCP chunk', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    await db.collection<TestDoc>('big').insertOne({ _id: 'big', big });
    const back = await db.collection<TestDoc>('big').findOne({ _id: 'big' });
    expect(back!['big']).toHaveLength(big.length);
  });
});

/** Minimal raw wire client for the protocol details drivers do not exercise. */
async function roundTrip(message: Buffer): Promise<{ opCode: number; reply: Document }> {
  const { hostname, port } = new URL(server.uri);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port || 27017), hostname, () => socket.write(message));
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        socket.destroy();
        const opCode = received.readInt32LE(12);
        const bodyAt = opCode === 2013 ? 21 : 36; // OP_MSG: header+flags+kind; OP_REPLY: header+20
        resolve({ opCode, reply: BSON.deserialize(received.subarray(bodyAt)) });
      }
    });
  });
}

function header(length: number, opCode: number): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(7, 4);
  head.writeInt32LE(opCode, 12);
  return head;
}

function opMsg(flags: number, sections: Buffer[], trailer = Buffer.alloc(0)): Buffer {
  const flagBits = Buffer.alloc(4);
  flagBits.writeUInt32LE(flags, 0);
  const length = 16 + 4 + sections.reduce((sum, s) => sum + s.length, 0) + trailer.length;
  return Buffer.concat([header(length, 2013), flagBits, ...sections, trailer]);
}

const kind0 = (doc: Document): Buffer => Buffer.concat([Buffer.from([0]), BSON.serialize(doc)]);

function kind1(identifier: string, docs: Document[]): Buffer {
  const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...docs.map((d) => BSON.serialize(d))]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + payload.length, 0);
  return Buffer.concat([Buffer.from([1]), size, payload]);
}

describe('lifecycle (devdb)', () => {
  it('stop() closes every client socket and frees the port', async ({ skip }) => {
    if (!server.isDevDb) skip('starts its own devdb');
    const own = await startDevDb({ port: 0 });
    const socket = net.connect(own.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await own.stop();
    await closed;
    const again = await startDevDb({ port: own.port });
    await again.stop();
  });
});

describe('TTL indexes (devdb)', () => {
  it('deletes documents whose TTL date has passed on the next sweep', async ({ skip }) => {
    if (!server.isDevDb) skip("MongoDB's TTL monitor runs only once a minute");
    // Each sweep reports how many documents it removed; the test waits for the one that removes ours.
    let sweptOne: () => void = () => undefined;
    const removedOne = new Promise<void>((resolve) => (sweptOne = resolve));
    const own = await startDevDb({ port: 0, ttlSweepIntervalMs: 20, onTtlSweep: (removed) => removed > 0 && sweptOne() });
    const ownClient = await new MongoClient(own.uri).connect();
    try {
      const sessions = ownClient.db('ttl').collection<TestDoc>('sessions');
      await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      await sessions.insertMany([
        { _id: 'old', expiresAt: new Date(Date.now() - 1000) },
        { _id: 'new', expiresAt: new Date(Date.now() + 60_000) },
        { _id: 'none' },
      ]);
      await removedOne;
      expect((await sessions.find().toArray()).map((d) => d._id).sort()).toEqual(['new', 'none']);
    } finally {
      await ownClient.close();
      await own.stop();
    }
  });
});

describe('wire protocol details (devdb)', () => {
  it('reads kind-1 document sequences as the command array they stand for', async ({ skip }) => {
    if (!server.isDevDb) skip('raw protocol test for the devdb');
    const { reply } = await roundTrip(
      opMsg(0, [kind0({ insert: 'sequences', $db: db.databaseName }), kind1('documents', [{ _id: 1 }, { _id: 2 }, { _id: 3 }])]),
    );
    expect(reply).toMatchObject({ n: 3, ok: 1 });
    expect(await db.collection<TestDoc>('sequences').countDocuments()).toBe(3);
  });

  it('skips a trailing checksum when checksumPresent is set', async ({ skip }) => {
    if (!server.isDevDb) skip('a real server verifies the CRC-32C, which this test does not compute');
    const { reply } = await roundTrip(opMsg(1, [kind0({ ping: 1, $db: 'admin' })], Buffer.alloc(4, 0xee)));
    expect(reply).toMatchObject({ ok: 1 });
  });

  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async ({ skip }) => {
    if (!server.isDevDb) skip('raw protocol test for the devdb');
    const query = Buffer.concat([
      Buffer.alloc(4),
      Buffer.from('admin.$cmd\0'),
      Buffer.alloc(4),
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
      BSON.serialize({ isMaster: 1 }),
    ]);
    const { opCode, reply } = await roundTrip(Buffer.concat([header(16 + query.length, 2004), query]));
    expect(opCode).toBe(1);
    expect(reply).toMatchObject({ ismaster: true, maxWireVersion: 21, ok: 1 });
  });
});
