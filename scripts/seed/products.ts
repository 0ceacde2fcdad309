import { Types } from 'mongoose';
import { CATEGORIES, seedProducts } from './catalog.ts';
import { netQuantityOf } from './net-quantities.ts';
import { customsFieldsOf } from './customs-data.ts';
import type { ProductDocument, ProductModels } from '../../subgraphs/products/models.ts';

/** Upserts the demo catalog's categories and products. Idempotent: ids derive from SKUs. */
export async function seedProductsSubgraph(models: ProductModels): Promise<{ products: number; categories: number }> {
  await models.Category.bulkWrite(
    CATEGORIES.map((category) => {
      const dot = category.id.lastIndexOf('.');
      return {
        replaceOne: {
          filter: { _id: category.id },
          replacement: { _id: category.id, parentId: dot === -1 ? null : category.id.slice(0, dot) },
          upsert: true,
        },
      };
    }),
  );
  const products = seedProducts();
  await models.Product.bulkWrite<ProductDocument>(
    products.map((product, index) => {
      const parts = product.line.category.split('.');
      return {
        replaceOne: {
          filter: { _id: new Types.ObjectId(product.id) },
          replacement: {
            _id: new Types.ObjectId(product.id),
            sku: product.sku,
            brand: product.line.brand,
            categoryId: product.line.category,
            categoryPath: parts.map((_, index) => parts.slice(0, index + 1).join('.')),
            hsCode: product.line.hsCode,
            originCountry: product.line.originCountry,
            weightGrams: product.weightGrams,
            dimensions: product.line.dimensions,
            complianceTags: product.line.complianceTags,
            images: [{ url: `https://images.meridian.example/${product.sku.toLowerCase()}/main.jpg`, width: 1200, height: 1200 }],
            attributes: [{ key: product.variant.attribute, value: product.variant.value }],
            createdAt: product.createdAt,
            netQuantity: netQuantityOf(product.sku),
            ...customsFieldsOf(product.line.code, product.sku, index),
          },
          upsert: true,
        },
      };
    }),
  );
  return { products: products.length, categories: CATEGORIES.length };
}
