import type { FulfillmentContext } from '../context.ts';

export const Query = {
  warehouses: (_root: unknown, _args: unknown, context: FulfillmentContext) => context.loaders.warehouses(),
};
