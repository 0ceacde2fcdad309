import type { QueryResolvers } from '../generated/resolver-types.ts';

export const Query: QueryResolvers = {
  warehouses: (_root, _args, context) => context.loaders.warehouses(),
};
