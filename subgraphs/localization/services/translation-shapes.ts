import { findDocuments } from '../../common/find-documents.ts';
import { localesWithTextOf, TRANSLATED_PRODUCT_FIELDS } from '../domain/index.ts';
import type { LocalizationModels, ProductTranslationDocument } from '../models.ts';

/** The collections a translation shape is worked out from and kept in. */
export type TranslationShapeModels = Pick<LocalizationModels, 'ProductTranslation' | 'TranslationShape'>;

/** Products whose shapes are worked out per round of reads and writes. */
const BATCH = 1_000;

/**
 * Recomputes the translation shape of `productIds` from their translations as stored now: called by every write
 * of products' text after the write, so the coverage report never counts text that is gone. A product left with no
 * translation row at all leaves the report, as it had no row to count before shapes were kept.
 */
export async function refreshTranslationShapes(models: TranslationShapeModels, productIds: readonly string[]): Promise<number> {
  const ids = [...new Set(productIds)];
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const rows = await findDocuments<ProductTranslationDocument>(
      models.ProductTranslation,
      { productId: { $in: batch } },
      { projection: { _id: 0, productId: 1, locale: 1, ...Object.fromEntries(TRANSLATED_PRODUCT_FIELDS.map((field) => [field, 1])) } },
    );
    const byProduct = Map.groupBy(rows, (row) => row.productId);
    const gone = batch.filter((id) => !byProduct.has(id));
    if (byProduct.size > 0) {
      await models.TranslationShape.bulkWrite(
        [...byProduct].map(([productId, translations]) => ({
          replaceOne: {
            filter: { productId },
            replacement: { productId, localesWithText: localesWithTextOf(translations, TRANSLATED_PRODUCT_FIELDS) },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    if (gone.length > 0) await models.TranslationShape.deleteMany({ productId: { $in: gone } });
  }
  return ids.length;
}

/**
 * Rebuilds every product's translation shape from the translations (`npm run db:migrate` on a database written
 * before shapes were kept, or after translations were loaded around the write path), and drops shapes of products
 * without translations. Idempotent.
 */
export async function rebuildTranslationShapes(models: TranslationShapeModels): Promise<number> {
  const translated = (await models.ProductTranslation.distinct('productId')) as string[];
  await refreshTranslationShapes(models, translated);
  const kept = new Set(translated);
  const shaped = (await models.TranslationShape.distinct('productId')) as string[];
  const orphans = shaped.filter((productId) => !kept.has(productId));
  for (let start = 0; start < orphans.length; start += BATCH) {
    await models.TranslationShape.deleteMany({ productId: { $in: orphans.slice(start, start + BATCH) } });
  }
  return translated.length;
}
