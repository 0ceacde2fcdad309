import type { IncomingMessage } from 'node:http';
import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';
import { seedProducts, type SeedProduct } from '../../../scripts/seed-data/catalog.ts';
import { startDevDb } from '../../../scripts/devdb/index.ts';
import { fixedClock } from '../../../subgraphs/common/clock.ts';
import { connectDatabase, ensureIndexes } from '../../../subgraphs/common/database.ts';
import type { BuiltSubgraph } from '../../../subgraphs/common/subgraph.ts';
import type { FulfillmentModels } from '../../../subgraphs/fulfillment/models.ts';
import { fulfillmentSubgraph, type FulfillmentContext } from '../../../subgraphs/fulfillment/subgraph.ts';

/** A GraphQL result as `executeOperation` gives it for a single (non-incremental) response. */
export interface OperationResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The fulfillment subgraph built over a seeded embedded database, and what a test needs to talk to it. */
export interface FulfillmentHarness {
  built: BuiltSubgraph<FulfillmentContext, FulfillmentModels>;
  connection: Connection;
  /** Runs an operation in-process, with a context built from these request headers. */
  execute(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<OperationResult>;
  /** Names (`find stock`, …) of the commands the driver sent to the database while `action` ran. */
  commandsDuring(action: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts the embedded database, connects with driver command monitoring on, builds, indexes and seeds. */
export async function startFulfillmentHarness(now: string): Promise<FulfillmentHarness> {
  const devDb = await startDevDb({ port: 0 });
  // `monitorCommands` makes the driver emit `commandStarted` for every command it sends; set in the URI so the
  // shared `connectDatabase` is used unchanged.
  const connection = await connectDatabase(`${devDb.uri}/?monitorCommands=true`, `fulfillment_e2e_${process.pid}`);
  const built = fulfillmentSubgraph.create(connection, { clock: fixedClock(now) });
  await ensureIndexes(connection);
  await fulfillmentSubgraph.seed(built.models);

  let recording: string[] | null = null;
  connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    recording?.push(typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName);
  });

  return {
    built,
    connection,
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
      await connection.close();
      await devDb.stop();
    },
  };
}

/** The demo product with this SKU; throws naming it when the catalog has none. */
export function productBySku(sku: string): SeedProduct {
  const product = seedProducts().find((candidate) => candidate.sku === sku);
  if (!product) throw new Error(`No demo product ${sku}`);
  return product;
}

/** The `_entities` representation the gateway sends for `Product.delivery`: key plus @requires fields. */
export function representationOf(product: SeedProduct) {
  return {
    __typename: 'Product',
    id: product.id,
    weightGrams: product.weightGrams,
    dimensions: { ...product.line.dimensions },
    complianceTags: [...product.line.complianceTags],
  };
}
