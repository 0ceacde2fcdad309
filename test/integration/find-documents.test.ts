import { MongoNetworkError, MongoServerError, type CommandStartedEvent } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aggregateDocuments, findDocuments, isRetryableRead } from '../../subgraphs/common/find-documents.ts';
import { connectTestDatabase, type TestDatabase } from './test-database.ts';

// findDocuments over a real collection (embedded database, or MONGODB_URI), watching the commands it sends: it
// must answer exactly what the driver's cursor answers, in as many round trips, and leave no cursor open.
interface Item {
  _id: string;
  group: string;
  n: number;
}

let database: TestDatabase | undefined;
let connection: Connection;
let Items: Model<Item>;
let commands: CommandStartedEvent[] = [];

const COUNT = 250;
const idOf = (n: number) => `item-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  database = await connectTestDatabase('find_documents', { monitorCommands: true });
  connection = database.connection;
  Items = connection.model<Item>(
    'Item',
    new Schema<Item>({ _id: String, group: String, n: Number }, { collection: 'items', versionKey: false }),
  );
  Items.schema.index({ group: 1, n: 1 });
  await Items.createIndexes();
  await Items.insertMany(Array.from({ length: COUNT }, (_, n) => ({ _id: idOf(n), group: `g${n % 5}`, n })));
  connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (['find', 'aggregate', 'getMore', 'killCursors'].includes(event.commandName)) commands.push(event);
  });
});
beforeEach(() => {
  commands = [];
});
afterAll(async () => {
  await database?.stop();
});

describe('findDocuments', () => {
  it('answers what the driver cursor answers for a filter, sort, projection and limit, in one find', async () => {
    const options = { sort: { n: -1 as const }, projection: { _id: 0, n: 1 }, limit: 7 };
    const expected = await Items.collection.find({ group: 'g2' }, options).toArray();
    commands = [];
    const found = await findDocuments<{ n: number }>(Items, { group: 'g2' }, options);
    expect(found).toEqual(expected);
    expect(found.map((item) => item.n)).toEqual([247, 242, 237, 232, 227, 222, 217]);
    expect(commands.map((command) => command.commandName)).toEqual(['find']);
    expect(commands[0]!.command).toMatchObject({ find: 'items', filter: { group: 'g2' }, projection: { _id: 0, n: 1 }, limit: 7 });
  });

  it('when more match than one reply holds, closes that cursor in its session and reads them all through the driver cursor', async () => {
    const found = await findDocuments<Item>(Items, { n: { $gte: 40 } }, { sort: { n: 1 }, batchSize: 60 });
    expect(found.map((item) => item.n)).toEqual(Array.from({ length: COUNT - 40 }, (_, index) => index + 40));
    expect(commands.map((command) => command.commandName)).toEqual(['find', 'killCursors', 'find', 'getMore', 'getMore', 'getMore']);
    const [first, kill] = commands;
    expect(JSON.stringify(kill!.command.lsid)).toBe(JSON.stringify(first!.command.lsid));
    expect(kill!.command).toMatchObject({ killCursors: 'items' });
    expect(commands[2]!.command).toMatchObject({ find: 'items', filter: { n: { $gte: 40 } }, batchSize: 60 });
  });

  it('past the server default of 101 per first reply without a batch size, still reads every document', async () => {
    const found = await findDocuments<Item>(Items, {}, { sort: { _id: 1 } });
    expect(found).toHaveLength(COUNT);
    expect(found[COUNT - 1]).toEqual({ _id: idOf(COUNT - 1), group: 'g4', n: COUNT - 1 });
  });

  it('answers an empty list when nothing matches, and reports a bad query as the server words it', async () => {
    await expect(findDocuments(Items, { group: 'none' })).resolves.toEqual([]);
    await expect(findDocuments(Items, { group: 'g1' }, { projection: undefined, sort: undefined, limit: 2 })).resolves.toHaveLength(2);
    await expect(findDocuments(Items, { n: { $bogus: 1 } })).rejects.toThrow(/\$bogus/);
  });
});

describe('aggregateDocuments', () => {
  const pipeline = [{ $match: { group: 'g3' } }, { $project: { _id: 0, n: 1 } }];

  it('answers what the driver cursor answers, in one aggregate command', async () => {
    const expected = await Items.collection.aggregate(pipeline).toArray();
    commands = [];
    const found = await aggregateDocuments<{ n: number }>(Items, pipeline, { batchSize: 100 });
    expect(found).toEqual(expected);
    expect(found).toHaveLength(COUNT / 5);
    expect(commands.map((command) => command.commandName)).toEqual(['aggregate']);
    expect(commands[0]!.command).toMatchObject({ aggregate: 'items', pipeline, cursor: { batchSize: 100 } });
  });

  it('when more remain than one reply holds, closes that cursor and reads them all through the driver cursor', async () => {
    const found = await aggregateDocuments<{ n: number }>(Items, pipeline, { batchSize: 20 });
    expect(found.map((item) => item.n).sort((a, b) => a - b)).toEqual(Array.from({ length: COUNT / 5 }, (_, index) => index * 5 + 3));
    expect(commands.map((command) => command.commandName).slice(0, 3)).toEqual(['aggregate', 'killCursors', 'aggregate']);
    expect(commands.slice(3).every((command) => command.commandName === 'getMore')).toBe(true);
  });
});

describe('isRetryableRead', () => {
  it('retries what the driver retries (a dropped connection, an election, a shutdown), not a bad query', async () => {
    expect(isRetryableRead(new MongoNetworkError('connection reset'))).toBe(true);
    expect(isRetryableRead(new MongoServerError({ code: 189, errmsg: 'PrimarySteppedDown' }))).toBe(true);
    expect(isRetryableRead(new MongoServerError({ code: 11600, errmsg: 'InterruptedAtShutdown' }))).toBe(true);
    expect(isRetryableRead(new MongoServerError({ code: 2, errmsg: 'unknown operator: $bogus' }))).toBe(false);
    expect(isRetryableRead(new Error('anything else'))).toBe(false);
    // A bad query is answered once, not sent again.
    commands = [];
    await expect(findDocuments(Items, { n: { $bogus: 1 } })).rejects.toThrow(/\$bogus/);
    expect(commands.map((command) => command.commandName)).toEqual(['find']);
  });
});
