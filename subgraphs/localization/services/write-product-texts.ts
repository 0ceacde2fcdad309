import type { LocalizationModels, ProductTranslationDocument } from '../models.ts';
import { reindexProductSearch } from './reindex-product-search.ts';
import { refreshTranslationShapes } from './translation-shapes.ts';

/**
 * The write path for products' text: upserts each row (one product in one locale), then refreshes those products'
 * translation shapes (the coverage report) and reindexes them for search before returning, so a search never finds
 * a product by words it no longer has.
 * Products not indexed yet (their facts have not come from products) are written only.
 */
export async function writeProductTexts(models: LocalizationModels, rows: readonly ProductTranslationDocument[]): Promise<number> {
  if (rows.length === 0) return 0;
  await models.ProductTranslation.bulkWrite(
    rows.map((row) => ({
      replaceOne: {
        filter: { productId: row.productId, locale: row.locale },
        replacement: { productId: row.productId, locale: row.locale, title: row.title ?? null, description: row.description ?? null },
        upsert: true,
      },
    })),
  );
  const productIds = [...new Set(rows.map((row) => row.productId))];
  await refreshTranslationShapes(models, productIds);
  return reindexProductSearch(models, { productId: { $in: productIds } });
}
