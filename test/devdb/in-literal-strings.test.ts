import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Collection } from 'mongodb';
import { startTestServer, type TestServer } from './server.ts';

// `$in` lists hold values, not patterns: a string full of regex metacharacters is matched literally. Only a
// regular expression value is a pattern (and an exponential one is refused, as a time budget would stop it).
let server: TestServer;
let client: MongoClient;
let skus: Collection;

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  client = await MongoClient.connect(server.uri);
  skus = client.db(server.databaseName()).collection('skus');
  await skus.createIndex({ sku: 1 }, { unique: true });
  await skus.insertMany([{ sku: 'A' }, { sku: '(' }, { sku: 'a+b*' }]);
});
afterAll(async () => {
  await client?.db(server.databaseName()).dropDatabase();
  await client?.close();
  await server?.stop();
});

describe('$in with strings that look like patterns', () => {
  it('matches them literally, with and without an index', async () => {
    expect((await skus.find({ sku: { $in: ['(', 'A'] } }, { projection: { _id: 0 } }).sort({ sku: 1 }).toArray())).toEqual([{ sku: '(' }, { sku: 'A' }]);
    expect(await skus.find({ sku: { $in: ['  (  '] } }).toArray()).toEqual([]);
    expect(await skus.countDocuments({ sku: { $nin: ['a+b*', '('] } })).toBe(1);
  });
});
