import type { Warehouse as WarehouseRecord } from '../domain/index.ts';
import type { FulfillmentContext } from '../context.ts';

export const Warehouse = {
  // Fields are the domain record's own (id, country, timeZone, cutoffLocalTime).
  async __resolveReference(reference: { id: string }, context: FulfillmentContext): Promise<WarehouseRecord | null> {
    return (await context.loaders.warehouses()).find((warehouse) => warehouse.id === reference.id) ?? null;
  },
};
