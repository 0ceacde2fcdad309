import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import type { BaseContext } from '@apollo/server';
import { seedProducts, type SeedProduct } from '../../scripts/seed/catalog.ts';
import { startDevDb } from '../../scripts/devdb/index.ts';
import { SEEDERS } from '../../scripts/seed/index.ts';
import { connectDatabase, ensureIndexes } from '../../subgraphs/common/database.ts';
import type { BuiltSubgraph, SubgraphModule } from '../../subgraphs/common/subgraph.ts';

/** A GraphQL result as `executeOperation` gives it for a single (non-incremental) response. */
export interface OperationResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * One subgraph over a seeded database, driven in-process the way the gateway would call it (no HTTP, no
 * gateway: integration tests, not end-to-end ones). The database is real MongoDB when `MONGODB_URI` is set,
 * else a fresh embedded dev database.
 */
export interface SubgraphHarness<TContext extends BaseContext, TModels> {
  built: BuiltSubgraph<TContext, TModels>;
  connection: Connection;
  /** Sets the instant the subgraph's injected clock answers from now on. */
  setNow(instant: string): void;
  /** Runs an operation in-process, with a context built from these request headers. */
  execute(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<OperationResult>;
  /** `<command> <collection>` of every command the driver sent to the database while `action` ran. */
  commandsDuring(action: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Connects to `MONGODB_URI` when set (as `scripts/stack.ts` does), else starts the embedded database; then
 * connects with driver command monitoring on, builds, indexes and seeds. The database name is unique to this
 * run (`integration_<pid>_<random>_<subgraph>`) and is dropped by `stop()`, so runs against one real server
 * never see each other's data.
 */
export async function startSubgraphHarness<TContext extends BaseContext, TModels>(
  module: SubgraphModule<TContext, TModels>,
  now: string,
  options: { referenceTtlMs?: number } = {},
): Promise<SubgraphHarness<TContext, TModels>> {
  const external = process.env['MONGODB_URI'] || undefined;
  const devDb = external ? undefined : await startDevDb({ port: 0 });
  const uri = external ?? devDb!.uri;
  const databaseName = `integration_${process.pid}_${randomBytes(3).toString('hex')}_${module.name}`;
  let connection: Connection | undefined;
  const release = async () => {
    if (connection) {
      await connection.db?.dropDatabase().catch(() => undefined);
      await connection.close().catch(() => undefined);
    }
    await devDb?.stop();
  };
  try {
    // `monitorCommands` makes the driver emit `commandStarted` for every command it sends.
    connection = await connectDatabase(uri, databaseName, { monitorCommands: true });
    let instant = new Date(now);
    const built = module.create(connection, { clock: () => new Date(instant), ...options });
    await ensureIndexes(connection);
    await SEEDERS[module.name].seed(connection, new Date(instant));

    let recording: string[] | null = null;
    connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
      const target = event.command[event.commandName];
      recording?.push(typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName);
    });
    const open = connection;
    return {
      built,
      connection: open,
      setNow(next) {
        instant = new Date(next);
      },
      async execute(query, variables = {}, headers = {}) {
        const contextValue = await built.context({ headers } as unknown as IncomingMessage);
        const response = await built.server.executeOperation({ query, variables }, { contextValue });
        if (response.body.kind !== 'single') throw new Error('expected a single GraphQL result');
        return response.body.singleResult as OperationResult;
      },
      async commandsDuring(action) {
        recording = [];
        try {
          await action();
          return recording;
        } finally {
          recording = null;
        }
      },
      async stop() {
        await built.server.stop().catch(() => undefined);
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The demo product with this SKU; throws naming it when the catalog has none. */
export function productBySku(sku: string): SeedProduct {
  const product = seedProducts().find((candidate) => candidate.sku === sku);
  if (!product) throw new Error(`No demo product ${sku}`);
  return product;
}
