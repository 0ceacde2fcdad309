import type DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { findDocuments } from '../common/find-documents.ts';
import { createGroupedLoader, createKeyedLoader } from '../common/loaders.ts';
import type { CategoryDocument, ProductDocument, ProductModels } from './models.ts';

/**
 * Per-request loaders of the products subgraph: one `$in` query per collection per tick, straight through the
 * driver (`findDocuments`): every filter is built from ids and SKUs already parsed, so nothing needs casting,
 * and a lookup by unique key asks for one reply as large as its key list.
 */
export interface ProductLoaders {
  productById: DataLoader<string, ProductDocument | null>;
  productBySku: DataLoader<string, ProductDocument | null>;
  categoryById: DataLoader<string, CategoryDocument | null>;
  /** Children of a category by its id; '' for the top-level categories. */
  categoriesByParent: DataLoader<string, CategoryDocument[]>;
}

export function createProductLoaders(models: ProductModels): ProductLoaders {
  const productById = createKeyedLoader<ProductDocument>(
    (ids) =>
      findDocuments<ProductDocument>(models.Product, { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { batchSize: ids.length }),
    (product) => product._id.toHexString(),
  );
  const productBySku = createKeyedLoader<ProductDocument>(
    (skus) => findDocuments<ProductDocument>(models.Product, { sku: { $in: [...skus] } }, { batchSize: skus.length }),
    (product) => product.sku,
  );
  return {
    productById,
    productBySku,
    categoryById: createKeyedLoader<CategoryDocument>(
      (ids) => findDocuments<CategoryDocument>(models.Category, { _id: { $in: [...ids] } }, { batchSize: ids.length }),
      (category) => category._id,
    ),
    categoriesByParent: createGroupedLoader<CategoryDocument>(
      // '' stands for "no parent" (top-level categories are stored with parentId null).
      (parentIds) =>
        findDocuments<CategoryDocument>(
          models.Category,
          { parentId: { $in: parentIds.map((id) => (id === '' ? null : id)) } },
          { sort: { _id: 1 } },
        ),
      (category) => category.parentId ?? '',
    ),
  };
}
