import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Decimal128, Long, MongoClient } from 'mongodb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TestDoc } from './server.ts';
import { serverErrorOf } from './server.ts';

/**
 * `npm run devdb -- --dbpath DIR` keeps data across restarts: a write acknowledged before `kill -9`
 * is there after restart, and a torn or corrupt tail of the journal is dropped, not loaded. These
 * tests run the real command-line entry point as a child process and kill it.
 */

const cli = path.resolve(import.meta.dirname, '../../scripts/devdb/cli.ts');
const directories: string[] = [];
let running: Array<{ child: ChildProcess; client: MongoClient }> = [];

/** Starts `cli.ts --port 0 --dbpath dir` and connects to the URI it prints. */
async function start(dbPath: string): Promise<{ child: ChildProcess; client: MongoClient }> {
  const child = spawn(process.execPath, [cli, '--port', '0', '--dbpath', dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const uri = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`devdb exited with ${String(code)} before printing its URI`)));
  });
  const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 2 }).connect();
  const server = { child, client };
  running.push(server);
  return server;
}

/** `kill -9`: no shutdown handler runs, nothing is flushed by the server. */
async function crash(server: { child: ChildProcess; client: MongoClient }): Promise<void> {
  running = running.filter((entry) => entry !== server);
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
  }
  await server.client.close(true);
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devdb-persist-'));
  directories.push(dir);
  return dir;
}

afterEach(async () => {
  for (const server of [...running]) await crash(server);
});

afterAll(() => {
  for (const dir of directories) fs.rmSync(dir, { recursive: true, force: true });
});

describe('persistence with --dbpath (devdb)', () => {
  it('keeps acknowledged writes, indexes, validators and renames across a kill -9', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const db = first.client.db('shop');
    const products = db.collection<TestDoc>('products');
    await products.createIndex({ sku: 1 }, { unique: true });
    await products.insertMany([
      { _id: 1, sku: 'A', price: Decimal128.fromString('19.90'), stock: Long.fromNumber(5) },
      { _id: 2, sku: 'B', price: Decimal128.fromString('5.00'), stock: Long.fromNumber(1) },
      { _id: 3, sku: 'C' },
    ]);
    await products.updateOne({ _id: 2 }, { $set: { sku: 'B2' } });
    await products.deleteOne({ _id: 3 });
    await db.createCollection('audit', { validator: { n: { $gte: 0 } } });
    await db.collection<TestDoc>('tmp').insertOne({ _id: 'moved' });
    await first.client.db('admin').command({ renameCollection: 'shop.tmp', to: 'shop.kept' });
    await crash(first);

    const second = await start(dir);
    const again = second.client.db('shop');
    expect(await again.collection<TestDoc>('products').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, sku: 'A', price: Decimal128.fromString('19.90'), stock: 5 },
      { _id: 2, sku: 'B2', price: Decimal128.fromString('5.00'), stock: 1 },
    ]);
    const [typed] = await again.collection<TestDoc>('products').find({ _id: 1 }, { promoteLongs: false }).toArray();
    expect(typed!['stock']).toBeInstanceOf(Long);
    expect((await serverErrorOf(again.collection<TestDoc>('products').insertOne({ sku: 'A' }))).code).toBe(11000);
    expect((await serverErrorOf(again.collection<TestDoc>('audit').insertOne({ n: -1 }))).code).toBe(121);
    expect((await again.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual([
      'audit',
      'kept',
      'products',
    ]);
  });

  it('drops a torn tail (a record cut short by the crash) and goes on appending after the last good record', async () => {
    const dir = tempDir();
    const first = await start(dir);
    await first.client
      .db('shop')
      .collection<TestDoc>('notes')
      .insertMany([{ _id: 1 }, { _id: 2 }]);
    await crash(first);
    const journal = path.join(dir, fs.readdirSync(dir)[0]!);
    const intact = fs.statSync(journal).size;
    // Half a record: a header announcing 200 bytes, then only 20 of them.
    const torn = Buffer.alloc(28, 0x11);
    torn.writeUInt32LE(200, 0);
    fs.appendFileSync(journal, torn);

    const second = await start(dir);
    const notes = second.client.db('shop').collection<TestDoc>('notes');
    expect(await notes.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
    expect(fs.statSync(journal).size).toBe(intact);
    await notes.insertOne({ _id: 3 });
    await crash(second);

    const third = await start(dir);
    expect(await third.client.db('shop').collection<TestDoc>('notes').countDocuments()).toBe(3);
  });

  it('drops a last record whose checksum fails instead of loading it', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const notes = first.client.db('shop').collection<TestDoc>('notes');
    await notes.insertOne({ _id: 'kept' });
    await notes.insertOne({ _id: 'corrupted' });
    await crash(first);
    const journal = path.join(dir, fs.readdirSync(dir)[0]!);
    const bytes = fs.readFileSync(journal);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff; // inside the last record's document
    fs.writeFileSync(journal, bytes);

    const second = await start(dir);
    expect(await second.client.db('shop').collection<TestDoc>('notes').find().toArray()).toEqual([{ _id: 'kept' }]);
  });

  it('replaces a collection by $out all at once: fully after the crash, or not at all if cut midway', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const db = first.client.db('shop');
    await db.collection<TestDoc>('source').insertMany([
      { _id: 1, v: 1 },
      { _id: 2, v: 2 },
    ]);
    await db.collection<TestDoc>('report').insertOne({ _id: 'old' });
    const journal = path.join(dir, fs.readdirSync(dir)[0]!);
    const beforeOut = fs.statSync(journal).size;
    await db
      .collection<TestDoc>('source')
      .aggregate([{ $set: { v: { $multiply: ['$v', 10] } } }, { $out: 'report' }])
      .toArray();
    await crash(first);
    const complete = fs.readFileSync(journal);

    const second = await start(dir);
    expect(await second.client.db('shop').collection<TestDoc>('report').find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 10 },
      { _id: 2, v: 20 },
    ]);
    await crash(second);

    // The same file cut after the $out's first three records (drop, create, one insert): whole
    // records, so no torn tail — only the missing commit tells the replay to skip them.
    let cut = beforeOut;
    for (let record = 0; record < 3; record++) cut += 8 + complete.readUInt32LE(cut);
    fs.writeFileSync(journal, complete.subarray(0, cut));
    const third = await start(dir);
    expect(await third.client.db('shop').collection<TestDoc>('report').find().toArray()).toEqual([{ _id: 'old' }]);
    expect(await third.client.db('shop').collection<TestDoc>('source').countDocuments()).toBe(2);
  });

  it('rewrites a journal of mostly superseded changes as a snapshot at start, losing nothing', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const counters = first.client.db('shop').collection<TestDoc>('counters');
    await counters.createIndex({ name: 1 }, { unique: true });
    await counters.insertOne({ _id: 'hits', name: 'hits', n: 0 });
    for (let i = 0; i < 1200; i++) await counters.updateOne({ _id: 'hits' }, { $inc: { n: 1 } });
    await crash(first);
    const journal = path.join(dir, fs.readdirSync(dir)[0]!);
    const before = fs.statSync(journal).size;

    const second = await start(dir);
    expect(await second.client.db('shop').collection<TestDoc>('counters').findOne({ _id: 'hits' })).toEqual({
      _id: 'hits',
      name: 'hits',
      n: 1200,
    });
    expect(fs.statSync(journal).size).toBeLessThan(before / 100);
    await second.client
      .db('shop')
      .collection<TestDoc>('counters')
      .updateOne({ _id: 'hits' }, { $inc: { n: 1 } });
    await crash(second);

    const third = await start(dir);
    const again = third.client.db('shop').collection<TestDoc>('counters');
    expect(await again.findOne({ _id: 'hits' })).toEqual({ _id: 'hits', name: 'hits', n: 1201 });
    expect((await serverErrorOf(again.insertOne({ name: 'hits' }))).code).toBe(11000);
  });
});
