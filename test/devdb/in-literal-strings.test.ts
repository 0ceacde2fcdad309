import { beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Db } from 'mongodb';
import { useTestDatabase } from './server.ts';

// `$in` lists hold values, not patterns: a string full of regex metacharacters is matched literally. Only a
// regular expression value is a pattern (and an exponential one is refused, as a time budget would stop it).
let db: Db;
let skus: Collection;

useTestDatabase(import.meta.filename, (connected) => ({ db } = connected));

beforeAll(async () => {
  skus = db.collection('skus');
  await skus.createIndex({ sku: 1 }, { unique: true });
  await skus.insertMany([{ sku: 'A' }, { sku: '(' }, { sku: 'a+b*' }]);
});

describe('$in with strings that look like patterns', () => {
  it('matches them literally, with and without an index', async () => {
    expect(
      await skus
        .find({ sku: { $in: ['(', 'A'] } }, { projection: { _id: 0 } })
        .sort({ sku: 1 })
        .toArray(),
    ).toEqual([{ sku: '(' }, { sku: 'A' }]);
    expect(await skus.find({ sku: { $in: ['  (  '] } }).toArray()).toEqual([]);
    expect(await skus.countDocuments({ sku: { $nin: ['a+b*', '('] } })).toBe(1);
  });
});
