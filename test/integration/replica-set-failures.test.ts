import { MongoClient, type CommandStartedEvent, type Document } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevDb, type DevDb } from '../../scripts/devdb/index.ts';
import { changePrice, priceHistoryOf } from '../../subgraphs/pricing/services/change-price.ts';
import { productBySku, productRepresentation, quoteRepresentation, startPricingHarness, type PricingHarness } from './pricing/harness.ts';

// What a replica set does to writes during an election or a network cut — the primary answering
// NotWritablePrimary (10107, labelled RetryableWriteError), a connection dropped before the write, and one dropped
// after the write with its reply lost — staged with the `failCommand` fail point (as MongoDB's driver tests stage
// them) on the embedded database presenting itself as a replica set's primary. The pricing subgraph's own money
// writes must come through each once: nothing lost, nothing doubled.
const NOW = '2026-11-25T10:00:00Z';

let devdb: DevDb;
let admin: MongoClient;
let harness: PricingHarness;
const writes: CommandStartedEvent[] = [];
const previousUri = process.env['MONGODB_URI'];

beforeAll(async () => {
  devdb = await startDevDb({ port: 0, replicaSet: 'rs0' });
  // The harness connects to MONGODB_URI when set: here, this replica set.
  process.env['MONGODB_URI'] = devdb.uri;
  harness = await startPricingHarness(NOW);
  admin = new MongoClient(devdb.uri);
  await admin.connect();
  harness.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    if (['insert', 'update', 'delete', 'findAndModify'].includes(event.commandName)) writes.push(event);
  });
});

afterAll(async () => {
  if (previousUri === undefined) delete process.env['MONGODB_URI'];
  else process.env['MONGODB_URI'] = previousUri;
  await harness?.stop();
  await admin?.close();
  await devdb?.stop();
});

afterEach(async () => {
  harness.setNow(NOW);
  await admin.db('admin').command({ configureFailPoint: 'failCommand', mode: 'off' });
  writes.length = 0;
});

/** The failures of an election and a network cut, as fail point settings for the next matching command. */
const FAILURES: Record<string, (command: string) => Document> = {
  'an election (NotWritablePrimary, RetryableWriteError)': (command) => ({
    mode: { times: 1 },
    data: { failCommands: [command], errorCode: 10107, errorLabels: ['RetryableWriteError'] },
  }),
  'a connection dropped before the write': (command) => ({ mode: { times: 1 }, data: { failCommands: [command], closeConnection: true } }),
  'a connection dropped after the write (its reply lost)': (command) => ({
    mode: { times: 1 },
    data: { failCommands: [command], closeConnection: true, afterExecution: true },
  }),
};

function failNext(settings: Document): Promise<Document> {
  return admin.db('admin').command({ configureFailPoint: 'failCommand', ...settings });
}

/** The writes to `collection` the driver sent while the test ran (attempts, retries included). */
function attemptsOn(commandName: string, collection: string): CommandStartedEvent[] {
  return writes.filter((event) => event.commandName === commandName && event.command[commandName] === collection);
}

/** A retry is the same statement of the same session: one txnNumber, two attempts; and it asked for a majority. */
function expectRetriedOnceDurably(attempts: CommandStartedEvent[]): void {
  expect(attempts).toHaveLength(2);
  expect(attempts[0]?.command.txnNumber).toBeDefined();
  expect(attempts[1]?.command.txnNumber).toEqual(attempts[0]?.command.txnNumber);
  for (const attempt of attempts) expect(attempt.command.writeConcern).toEqual({ w: 'majority', j: true });
}

const SETTLEMENT = /* GraphQL */ `
  query Settle($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Quote { id settlement { amount { amount } fxLock { id expiresAt } } } }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($fxLockId: ID!, $quoteId: ID!) {
    confirmCheckout(fxLockId: $fxLockId, quoteId: $quoteId) { quoteId confirmedAt fxLock { id } }
  }
`;

/** Asks for a quote's FX lock (the lock is written on the way) and returns it. */
async function lockFor(quantity: number): Promise<{ lockId: string; quoteId: string }> {
  const result = await harness.execute(SETTLEMENT, { representations: [quoteRepresentation('JP', [{ sku: 'ELE-ANC-BLA', quantity }])] });
  expect(result.errors).toBeUndefined();
  const quote = result.data!._entities[0];
  return { lockId: quote.settlement.fxLock.id, quoteId: quote.id };
}

const fxLocks = () => harness.connection.collection('fx_locks');

describe.each(Object.entries(FAILURES).map(([name, settings], index) => ({ name, settings, index })))(
  'during $name',
  ({ settings, index }) => {
    it('an FX lock is written once and answered', async () => {
      await failNext(settings('update'));
      // A quantity of its own per failure: a new quote, so a new lock.
      const { lockId, quoteId } = await lockFor(10 + index);
      expectRetriedOnceDurably(attemptsOn('update', 'fx_locks'));
      expect(await fxLocks().countDocuments({ _id: lockId } as never)).toBe(1);
      expect(await fxLocks().findOne({ _id: lockId } as never)).toMatchObject({ quoteId, market: 'JP', confirmedAt: null });
    });

    it('a checkout confirmation is recorded once, at the instant it answers', async () => {
      const { lockId, quoteId } = await lockFor(20 + index);
      writes.length = 0;
      await failNext(settings('findAndModify'));
      const result = await harness.execute(CONFIRM, { fxLockId: lockId, quoteId });
      expect(result.errors).toBeUndefined();
      expect(result.data!.confirmCheckout).toEqual({ quoteId, confirmedAt: NOW.replace('Z', '.000Z'), fxLock: { id: lockId } });
      expectRetriedOnceDurably(attemptsOn('findAndModify', 'fx_locks'));
      expect(await fxLocks().findOne({ _id: lockId } as never)).toMatchObject({ confirmedAt: new Date(NOW) });
    });

    it('a price change lands once: one history row opened, the price book holding the new price', async () => {
      const product = productBySku('APP-MERINO-NAV');
      const before = await priceHistoryOf(harness.built.models, product.id, 'DE');
      const amount = `${120 + index}.00`;
      // An hour apart, so that each change opens a row of its own.
      const at = new Date(Date.parse(NOW) + (index + 1) * 3_600_000);
      await failNext(settings('update'));
      const result = await changePrice(harness.built.models, { kind: 'REGULAR', productId: product.id, country: 'DE', amount }, at);
      // On this server (it refuses transactions) a change first records its planned writes on its lease: the write
      // the failure hits, retried once as the same statement; the history is then written once.
      expectRetriedOnceDurably(attemptsOn('update', 'price_change_locks').slice(0, 2));
      expect(attemptsOn('update', 'price_history')).toHaveLength(1);
      expect(attemptsOn('update', 'price_history')[0]?.command.writeConcern).toEqual({ w: 'majority', j: true });
      expect(attemptsOn('update', 'price_book')[0]?.command.writeConcern).toEqual({ w: 'majority', j: true });
      const after = await priceHistoryOf(harness.built.models, product.id, 'DE');
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((row) => row.until === null)).toHaveLength(1);
      expect(after.at(-1)).toMatchObject({ amountMinor: (120 + index) * 100, from: at, until: null });
      expect(result.priceBookChanged).toBe(true);
      const entries = await harness.connection.collection('price_book').find({ productId: product.id, market: 'DE' }).toArray();
      expect(entries.map((entry) => entry.amountMinor)).toEqual([(120 + index) * 100]);
      // And the subgraph shows it.
      harness.setNow(at.toISOString());
      const shown = await harness.execute(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { price(country: DE) { amount { amount } source } } } }',
        { representations: [productRepresentation(product)] },
      );
      expect(shown.data!._entities[0].price).toEqual({ amount: { amount }, source: 'LOCAL_PRICE_BOOK' });
    });
  },
);
