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

/** One subgraph over a seeded embedded database, driven in-process the way the gateway would call it. */
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

/** Starts the embedded database, connects with driver command monitoring on, builds, indexes and seeds. */
export async function startSubgraphHarness<TContext extends BaseContext, TModels>(
  module: SubgraphModule<TContext, TModels>,
  now: string,
): Promise<SubgraphHarness<TContext, TModels>> {
  const devDb = await startDevDb({ port: 0 });
  let connection: Connection | undefined;
  try {
    // `monitorCommands` makes the driver emit `commandStarted` for every command it sends.
    connection = await connectDatabase(devDb.uri, `${module.name}_e2e_${process.pid}`, { monitorCommands: true });
    let instant = new Date(now);
    const built = module.create(connection, { clock: () => new Date(instant) });
    await ensureIndexes(connection);
    await SEEDERS[module.name].seed(connection);

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
        await open.close();
        await devDb.stop();
      },
    };
  } catch (error) {
    await connection?.close().catch(() => undefined);
    await devDb.stop();
    throw error;
  }
}

/** The demo product with this SKU; throws naming it when the catalog has none. */
export function productBySku(sku: string): SeedProduct {
  const product = seedProducts().find((candidate) => candidate.sku === sku);
  if (!product) throw new Error(`No demo product ${sku}`);
  return product;
}
