import type { CommandStartedEvent } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupedLoader, createKeyedLoader, MAX_IN_BATCH } from '../../subgraphs/common/loaders.ts';
import { connectTestDatabase, type TestDatabase } from './test-database.ts';

// The shared loaders over a real collection (embedded database, or MONGODB_URI), watching the commands the
// driver sends: a batch larger than MAX_IN_BATCH must become several `$in` queries, none over the cap.
interface Item {
  _id: string;
  group: string;
  n: number;
}

let database: TestDatabase | undefined;
let connection: Connection;
let Items: Model<Item>;
const finds: { $in: string[] }[] = [];

const COUNT = 1_200;
const idOf = (n: number) => `item-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  database = await connectTestDatabase('loaders', { monitorCommands: true });
  connection = database.connection;
  Items = connection.model<Item>(
    'Item',
    new Schema<Item>({ _id: String, group: String, n: Number }, { collection: 'items', versionKey: false }),
  );
  await Items.createIndexes();
  await Items.insertMany(Array.from({ length: COUNT }, (_, n) => ({ _id: idOf(n), group: `g${n % 7}`, n })));
  connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (event.commandName !== 'find' || event.command.find !== 'items') return;
    const filter = event.command.filter as Record<string, { $in?: string[] }>;
    const inList = filter._id?.$in ?? filter.group?.$in;
    if (inList) finds.push({ $in: inList });
  });
});
afterAll(async () => {
  await database?.stop();
});

/** The keys in a scrambled but fixed order (a stride coprime with the length visits every index once). */
function scrambled<T>(values: readonly T[]): T[] {
  return values.map((_, index) => values[(index * 7 + 3) % values.length]!);
}

describe('createKeyedLoader at MAX_IN_BATCH', () => {
  it('caps one $in at 500 keys', () => {
    expect(MAX_IN_BATCH).toBe(500);
  });

  it('splits 1,203 keys loaded in one tick into three $in queries of at most 500, answering each key in order', async () => {
    const loader = createKeyedLoader<Item>(
      (keys) => Items.find({ _id: { $in: [...keys] } }).lean<Item[]>(),
      (item) => item._id,
    );
    // 1,200 that exist, scrambled, plus three that do not, spread through the batch.
    const keys = scrambled(Array.from({ length: COUNT }, (_, n) => idOf(n)));
    keys.splice(0, 0, 'missing-a');
    keys.splice(600, 0, 'missing-b');
    keys.push('missing-c');
    finds.length = 0;

    const results = await Promise.all(keys.map((key) => loader.load(key)));

    expect(finds.map((find) => find.$in.length)).toEqual([500, 500, 203]);
    expect(finds.flatMap((find) => find.$in)).toEqual(keys);
    expect(results.map((item) => item?._id ?? null)).toEqual(keys.map((key) => (key.startsWith('missing') ? null : key)));
    expect(results[1]).toEqual({ _id: keys[1], group: `g${Number(keys[1]!.slice(5)) % 7}`, n: Number(keys[1]!.slice(5)) });
  });

  it('sends one query for a batch of exactly 500 keys, and two for 501', async () => {
    const loader = () =>
      createKeyedLoader<Item>(
        (keys) => Items.find({ _id: { $in: [...keys] } }).lean<Item[]>(),
        (item) => item._id,
      );
    finds.length = 0;
    const five00 = loader();
    await Promise.all(Array.from({ length: 500 }, (_, n) => five00.load(idOf(n))));
    expect(finds.map((find) => find.$in.length)).toEqual([500]);

    finds.length = 0;
    const five01 = loader();
    const results = await Promise.all(Array.from({ length: 501 }, (_, n) => five01.load(idOf(n))));
    expect(finds.map((find) => find.$in.length)).toEqual([500, 1]);
    expect(results.map((item) => item?.n)).toEqual(Array.from({ length: 501 }, (_, n) => n));
  });
});

describe('createGroupedLoader at MAX_IN_BATCH', () => {
  it('splits a large batch too, and gives every key its own group (empty when nothing matches)', async () => {
    const loader = createGroupedLoader<Item>(
      (groups) => Items.find({ group: { $in: [...groups] } }).lean<Item[]>(),
      (item) => item.group,
    );
    // 7 real groups among 1,000 keys: two $in queries; only the real groups have members.
    const keys = Array.from({ length: 1_000 }, (_, n) => (n % 150 === 0 ? `g${(n / 150) % 7}` : `none-${n}`));
    finds.length = 0;
    const groups = await Promise.all(keys.map((key) => loader.load(key)));
    expect(finds.map((find) => find.$in.length)).toEqual([500, 500]);
    groups.forEach((members, index) => {
      const key = keys[index]!;
      if (key.startsWith('none-')) expect(members, key).toEqual([]);
      else {
        const expected = Array.from({ length: COUNT }, (_, n) => n).filter((n) => `g${n % 7}` === key);
        expect(
          members.map((item) => item.n).sort((a, b) => a - b),
          key,
        ).toEqual(expected);
      }
    });
  });
});
