import type { Connection } from 'mongoose';
import type { SubgraphName } from '../../subgraphs/common/config.ts';
import { createFulfillmentModels } from '../../subgraphs/fulfillment/models.ts';
import { createLocalizationModels } from '../../subgraphs/localization/models.ts';
import { createPricingModels } from '../../subgraphs/pricing/models.ts';
import { createProductModels } from '../../subgraphs/products/models.ts';
import { seedFulfillmentSubgraph } from './fulfillment.ts';
import { seedLocalizationSubgraph } from './localization.ts';
import { seedPaymentsAndPriceHistory } from './payments.ts';
import { seedPricingSubgraph } from './pricing.ts';
import { seedProductsSubgraph } from './products.ts';

/**
 * The demo data of one subgraph: how to write it into the subgraph's own database (idempotent upserts, so
 * running it again completes a half-seeded database and changes nothing in a full one), and which of its
 * collections it fills.
 */
export interface Seeder {
  /** Registers the subgraph's models on the connection (so `ensureIndexes` builds their indexes). */
  registerModels(connection: Connection): void;
  /** Writes the demo data; `now` dates what depends on the day (the FX history). Default: the process clock. */
  seed(connection: Connection, now?: Date): Promise<Record<string, number>>;
  /** Names of the collections the seed fills that are empty now (none: nothing to complete). */
  emptyCollections(connection: Connection): Promise<string[]>;
}

type AnyModel = { estimatedDocumentCount(): Promise<number>; collection: { collectionName: string } };

function seederOf<TModels extends object>(
  createModels: (connection: Connection) => TModels,
  seed: (models: TModels, now?: Date) => Promise<Record<string, number>>,
  /** Models of the subgraph the seed leaves empty (an outbox its writes fill later). */
  notSeeded: readonly (keyof TModels)[] = [],
): Seeder {
  return {
    registerModels: (connection) => void createModels(connection),
    seed: (connection, now) => seed(createModels(connection), now),
    async emptyCollections(connection) {
      const models = Object.entries(createModels(connection))
        .filter(([name]) => !notSeeded.includes(name as keyof TModels))
        .map(([, model]) => model as AnyModel);
      const counts = await Promise.all(models.map((model) => model.estimatedDocumentCount()));
      return models.filter((_, index) => counts[index] === 0).map((model) => model.collection.collectionName);
    },
  };
}

/** Every subgraph's demo data, by subgraph name. */
export const SEEDERS: Record<SubgraphName, Seeder> = {
  products: seederOf(createProductModels, seedProductsSubgraph),
  localization: seederOf(createLocalizationModels, seedLocalizationSubgraph),
  fulfillment: seederOf(createFulfillmentModels, seedFulfillmentSubgraph),
  pricing: seederOf(
    createPricingModels,
    async (models, now) => ({
      ...(await seedPricingSubgraph(models, now)),
      ...(await seedPaymentsAndPriceHistory(models)),
    }),
    ['PriceProjectionMark'],
  ),
};

/**
 * Seeds a subgraph's database when any collection its demo data fills is empty — a fresh database, or one an
 * interrupted seed left half-written — so a half-seeded database is completed, never served as it is.
 * Returns the counts written, or null when every collection already had data.
 */
export async function seedIfIncomplete(name: SubgraphName, connection: Connection, now?: Date): Promise<Record<string, number> | null> {
  const seeder = SEEDERS[name];
  if ((await seeder.emptyCollections(connection)).length === 0) return null;
  return seeder.seed(connection, now);
}
