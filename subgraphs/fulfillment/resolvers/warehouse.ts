import type { WarehouseResolvers } from '../generated/resolver-types.ts';

export const Warehouse: WarehouseResolvers = {
  // Fields are the domain record's own (id, country, timeZone, cutoffLocalTime).
  async __resolveReference(reference, context) {
    return (await context.loaders.warehouses()).find((warehouse) => warehouse.id === reference.id) ?? null;
  },
};
