import { badUserInput } from '../../common/contract/errors.ts';
import { parseProductId } from '../../common/ids.ts';
import type { ProductLoaders } from '../loaders.ts';
import type { ProductDocument } from '../models.ts';

/** The product with `id`, or with `sku`: exactly one of them is given, else BAD_USER_INPUT. */
export async function findProduct(
  loaders: ProductLoaders,
  key: { id?: string | null; sku?: string | null },
): Promise<ProductDocument | null> {
  if (key.id != null && key.sku == null) return loaders.productById.load(parseProductId(key.id));
  if (key.id == null && key.sku != null) return loaders.productBySku.load(key.sku);
  throw badUserInput('Pass exactly one of "id" or "sku" to product');
}
