import { parseProductId } from '../../common/ids.ts';
import type { ProductResolvers } from '../generated/resolver-types.ts';
import type { CategoryDocument } from '../mappers.ts';

// Stored in the units' own symbols (g, ml), exposed as the schema's enum values.
const QUANTITY_UNIT = { g: 'G', kg: 'KG', ml: 'ML', l: 'L' } as const;

export const Product: ProductResolvers = {
  // The gateway resolves references by id; a malformed id from another subgraph is a bug there, but a
  // clear error beats a crash.
  __resolveReference: (reference, { loaders }) => loaders.productById.load(parseProductId(reference.id)),
  id: (product) => product._id.toHexString(),
  // Every stored product's category exists; were one missing, graphql-js reports the null in a non-null field.
  category: (product, _args, { loaders }) => loaders.categoryById.load(product.categoryId) as Promise<CategoryDocument>,
  netQuantity: ({ netQuantity }) => (netQuantity ? { value: netQuantity.value, unit: QUANTITY_UNIT[netQuantity.unit] } : null),
  // Products stored before these fields existed answer "none recorded", not a null in a non-null list.
  originProofs: (product) => product.originProofs ?? [],
  gtin: (product) => product.gtin ?? null,
  customsDescription: (product) => product.customsDescription ?? null,
  tariffCodes: (product) => product.tariffCodes ?? [],
};
