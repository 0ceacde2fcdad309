import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MongoClient, MongoServerError, type Db, type Document, type MongoClientOptions, type ObjectId } from 'mongodb';
import { afterAll, beforeAll, expect } from 'vitest';
import { startDevDb } from '../../scripts/devdb/index.ts';

/** The server a conformance test file talks to. */
export type TestServer = {
  /** Connection string for the mongodb driver and mongoose. */
  readonly uri: string;
  /** True when we started the embedded devdb; false when MONGODB_URI points at a real MongoDB. */
  readonly isDevDb: boolean;
  /**
   * A database name unique to this test file and run (`<file>_<suffix>_<random>`), so parallel or
   * repeated runs against one real server never collide.
   */
  databaseName(suffix?: string): string;
  /** Stops the devdb if we started it (a real server is left running). */
  stop(): Promise<void>;
};

/**
 * Returns MONGODB_URI when set — the suite then checks real MongoDB behaves the way we assert —
 * otherwise starts the embedded devdb on a free port.
 */
export async function startTestServer(testFile: string): Promise<TestServer> {
  const run = randomBytes(3).toString('hex');
  const base = path
    .basename(testFile)
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 30);
  const databaseName = (suffix = 'main') => `${base}_${suffix}_${run}`.slice(0, 63);
  const external = process.env['MONGODB_URI'];
  if (external) return { uri: external, isDevDb: false, databaseName, stop: async () => {} };
  const db = await startDevDb({ port: 0 });
  return { uri: db.uri, isDevDb: true, databaseName, stop: () => db.stop() };
}

/**
 * A loosely typed document for driver collections in these tests, which use string and number
 * `_id`s and arbitrary shapes (the driver's default schema assumes ObjectId ids).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestDoc = { _id?: string | number | ObjectId; [field: string]: any };

/** Awaits an operation that must fail on the server, and returns the server's error for closer checks. */
export async function serverErrorOf(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

/** The server, a driver client and a database of this test file's own, as {@link useTestDatabase} hands them over. */
export interface TestDatabase {
  server: TestServer;
  client: MongoClient;
  db: Db;
}

/**
 * Starts the test server before the file's tests (`startTestServer`), connects a driver client (with
 * `clientOptions` where a file needs more, e.g. command monitoring or a bigger pool) to a database of the file's
 * own and hands them to `use`; after the tests drops that database, closes the client, stops the server.
 * Register it before the file's own `beforeAll` that seeds data: before-hooks run in the order they are declared.
 */
export function useTestDatabase(testFile: string, use: (connected: TestDatabase) => void, clientOptions: MongoClientOptions = {}): void {
  let connected: TestDatabase | undefined;
  beforeAll(async () => {
    const server = await startTestServer(testFile);
    const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000, ...clientOptions });
    await client.connect();
    connected = { server, client, db: client.db(server.databaseName()) };
    use(connected);
  });
  afterAll(async () => {
    await connected?.db.dropDatabase();
    await connected?.client.close();
    await connected?.server.stop();
  });
}

/** Every `stage` named anywhere in an explain output (winningPlan, inputStage, queryPlan, …) except rejected plans. */
export function stagesOf(explain: unknown): string[] {
  if (Array.isArray(explain)) return explain.flatMap(stagesOf);
  if (explain === null || typeof explain !== 'object') return [];
  const own = typeof (explain as Document)['stage'] === 'string' ? [(explain as Document)['stage'] as string] : [];
  return [
    ...own,
    ...Object.entries(explain as Document)
      .filter(([k]) => k !== 'rejectedPlans')
      .flatMap(([, v]) => stagesOf(v)),
  ];
}
