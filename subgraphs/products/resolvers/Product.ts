import { parseProductId } from '../../common/ids.ts';
import type { ProductDocument } from '../models.ts';
import type { ProductsContext } from '../context.ts';

export const Product = {
  // The gateway resolves references by id; a malformed id from another subgraph is a bug there, but a
  // clear error beats a crash.
  __resolveReference: (reference: { id: string }, { loaders }: ProductsContext) => loaders.productById.load(parseProductId(reference.id)),
  id: (product: ProductDocument) => product._id.toHexString(),
  category: (product: ProductDocument, _args: unknown, { loaders }: ProductsContext) => loaders.categoryById.load(product.categoryId),
};
