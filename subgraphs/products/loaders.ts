import type DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { createGroupedLoader, createKeyedLoader } from '../common/loaders.ts';
import type { CategoryDocument, ProductDocument, ProductModels } from './models.ts';

/** Per-request loaders of the products subgraph: one `$in` query per collection per tick. */
export interface ProductLoaders {
  productById: DataLoader<string, ProductDocument | null>;
  productBySku: DataLoader<string, ProductDocument | null>;
  categoryById: DataLoader<string, CategoryDocument | null>;
  /** Children of a category by its id; '' for the top-level categories. */
  categoriesByParent: DataLoader<string, CategoryDocument[]>;
}

export function createProductLoaders(models: ProductModels): ProductLoaders {
  const productById = createKeyedLoader<ProductDocument>(
    (ids) => models.Product.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).lean<ProductDocument[]>(),
    (product) => product._id.toHexString(),
  );
  const productBySku = createKeyedLoader<ProductDocument>(
    (skus) => models.Product.find({ sku: { $in: [...skus] } }).lean<ProductDocument[]>(),
    (product) => product.sku,
  );
  return {
    productById,
    productBySku,
    categoryById: createKeyedLoader<CategoryDocument>(
      (ids) => models.Category.find({ _id: { $in: [...ids] } }).lean<CategoryDocument[]>(),
      (category) => category._id,
    ),
    categoriesByParent: createGroupedLoader<CategoryDocument>(
      // '' stands for "no parent" (top-level categories are stored with parentId null).
      (parentIds) =>
        models.Category.find({ parentId: { $in: parentIds.map((id) => (id === '' ? null : id)) } })
          .sort({ _id: 1 })
          .lean<CategoryDocument[]>(),
      (category) => category.parentId ?? '',
    ),
  };
}
