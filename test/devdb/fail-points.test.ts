import { MongoClient, type CommandStartedEvent, type Db, type Document } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '../../scripts/devdb/index.ts';

// The `failCommand` fail point as MongoDB's driver test suites use it, against the devdb presenting itself as a
// one-member replica set (a standalone gets no retryable writes from the driver, as from a real standalone).
let devdb: DevDb;
let client: MongoClient;
let db: Db;
const started: CommandStartedEvent[] = [];

beforeAll(async () => {
  devdb = await startDevDb({ port: 0, replicaSet: 'rs0' });
  client = new MongoClient(devdb.uri, { monitorCommands: true, serverSelectionTimeoutMS: 5_000, heartbeatFrequencyMS: 500 });
  client.on('commandStarted', (event) => started.push(event));
  await client.connect();
  db = client.db('fail_points');
});

afterAll(async () => {
  await client.close();
  await devdb.stop();
});

afterEach(async () => {
  await failCommand({ mode: 'off' });
  started.length = 0;
});

function failCommand(settings: Document): Promise<Document> {
  return client.db('admin').command({ configureFailPoint: 'failCommand', ...settings });
}

function attempts(commandName: string): CommandStartedEvent[] {
  return started.filter((event) => event.commandName === commandName);
}

describe('the devdb as a replica set primary', () => {
  it('answers hello with its set, itself as the primary, and the driver sees a replica set', async () => {
    const hello = await db.command({ hello: 1 });
    expect(hello.setName).toBe('rs0');
    expect(hello.primary).toBe(hello.me);
    expect(hello.hosts).toEqual([hello.me]);
    expect(devdb.uri).toContain('replicaSet=rs0');
  });
});

describe('failCommand', () => {
  it('fails the named command with the given code and labels, for { times: 1 } only', async () => {
    await failCommand({ mode: { times: 1 }, data: { failCommands: ['find'], errorCode: 10107, errorLabels: ['SomeLabel'] } });
    // A plain command is not retried by the driver: the first answer is the fail point's.
    const error = await db.command({ find: 'items', filter: {} }).catch((caught: unknown) => caught as Document);
    expect(error.code).toBe(10107);
    expect(error.codeName).toBe('NotWritablePrimary');
    expect(error.errorLabels).toEqual(['SomeLabel']);
    const next = await db.command({ find: 'items', filter: {} });
    expect(next.ok).toBe(1);
  });

  it('refuses a mode it does not know and requires the command names', async () => {
    await expect(failCommand({ mode: 'sometimes', data: { failCommands: ['find'] } })).rejects.toThrow(/mode/);
    await expect(failCommand({ mode: 'alwaysOn', data: { errorCode: 1 } })).rejects.toThrow(/failCommands/);
    await expect(db.command({ configureFailPoint: 'failCommand', mode: 'off' })).rejects.toThrow(/admin database/);
  });

  it('alwaysOn fails every matching command until turned off', async () => {
    await failCommand({ mode: 'alwaysOn', data: { failCommands: ['count'], errorCode: 91 } });
    for (let round = 0; round < 3; round++) {
      await expect(db.command({ count: 'items' })).rejects.toMatchObject({ code: 91 });
    }
    await failCommand({ mode: 'off' });
    await expect(db.command({ count: 'items' })).resolves.toMatchObject({ ok: 1 });
  });

  it('an election error labelled RetryableWriteError is retried by the driver once, and the insert lands once', async () => {
    const items = db.collection('election');
    await failCommand({
      mode: { times: 1 },
      data: { failCommands: ['insert'], errorCode: 10107, errorLabels: ['RetryableWriteError'] },
    });
    await items.insertOne({ _id: 'a' as never, n: 1 });
    expect(await items.countDocuments({})).toBe(1);
    const inserts = attempts('insert');
    expect(inserts).toHaveLength(2);
    // The retry is the same statement of the same session: same lsid and txnNumber.
    expect(inserts[1]?.command.txnNumber).toEqual(inserts[0]?.command.txnNumber);
    expect(inserts[1]?.command.lsid).toEqual(inserts[0]?.command.lsid);
  });

  it('a connection closed before the write: the driver retries on a new connection and the update applies once', async () => {
    const counters = db.collection('counters');
    await counters.insertOne({ _id: 'c' as never, n: 0 });
    await failCommand({ mode: { times: 1 }, data: { failCommands: ['update'], closeConnection: true } });
    await counters.updateOne({ _id: 'c' as never }, { $inc: { n: 1 } });
    expect((await counters.findOne({ _id: 'c' as never }))?.n).toBe(1);
    expect(attempts('update')).toHaveLength(2);
  });

  it('a connection closed after the write (the reply lost): the retry is answered from the first run, not run again', async () => {
    const counters = db.collection('counters_after');
    await counters.insertOne({ _id: 'c' as never, n: 0 });
    await failCommand({ mode: { times: 1 }, data: { failCommands: ['update'], closeConnection: true, afterExecution: true } });
    const result = await counters.updateOne({ _id: 'c' as never }, { $inc: { n: 1 } });
    expect(result.modifiedCount).toBe(1);
    // An $inc run twice would leave 2.
    expect((await counters.findOne({ _id: 'c' as never }))?.n).toBe(1);
    expect(attempts('update')).toHaveLength(2);
  });

  it('a write-concern error after the write (an election during replication) is retried and not applied twice', async () => {
    const counters = db.collection('counters_wce');
    await counters.insertOne({ _id: 'c' as never, n: 0 });
    await failCommand({
      mode: { times: 1 },
      data: {
        failCommands: ['findAndModify'],
        writeConcernError: { code: 91, errmsg: 'Replication is being shut down', errorLabels: ['RetryableWriteError'] },
      },
    });
    const after = await counters.findOneAndUpdate({ _id: 'c' as never }, { $inc: { n: 5 } }, { returnDocument: 'after' });
    expect(after?.n).toBe(5);
    expect((await counters.findOne({ _id: 'c' as never }))?.n).toBe(5);
    expect(attempts('findAndModify')).toHaveLength(2);
  });

  it('without retryable writes the same cut surfaces as an error: the retry is what saves the write', async () => {
    const plain = new MongoClient(devdb.uri, { retryWrites: false, serverSelectionTimeoutMS: 5_000 });
    try {
      await plain.connect();
      await failCommand({ mode: { times: 1 }, data: { failCommands: ['insert'], errorCode: 10107, errorLabels: ['RetryableWriteError'] } });
      await expect(plain.db('fail_points').collection('plain').insertOne({ n: 1 })).rejects.toMatchObject({ code: 10107 });
    } finally {
      await plain.close();
    }
  });

  it('a retry older than its session latest write is refused with TransactionTooOld', async () => {
    const session = client.startSession();
    try {
      const lsid = session.id;
      const write = (txnNumber: number) =>
        db.command({ insert: 'txn', documents: [{ t: txnNumber }], lsid, txnNumber: BigInt(txnNumber) as never });
      await write(5);
      await expect(write(3)).rejects.toMatchObject({ code: 225 });
      // The same number again is the retry of the 5th: answered, not inserted again.
      await write(5);
      expect(await db.collection('txn').countDocuments({})).toBe(1);
    } finally {
      await session.endSession();
    }
  });
});
