import { logger } from '../../common/logger.ts';
import {
  CONTENT_LOCALES,
  type ContentShape,
  DEFAULT_CONTENT_LOCALE,
  summarizeTranslationCoverage,
  TRANSLATED_PRODUCT_FIELDS,
} from '../domain/index.ts';
import type { LocalizationLoaders, TranslationShapeRow } from '../loaders.ts';
import type { LocaleCoverageView } from '../mappers.ts';

/** How many falling-back products the coverage report lists per locale. */
const MISSING_LIST_LIMIT = 100;
/** A report slower than this is logged: it reads the whole catalog's translations, and grows with it. */
const SLOW_REPORT_MS = 2_000;

/** Per content locale, how much of the catalog is translated and which products fall back (the first 100). */
export async function reportTranslationCoverage(loaders: LocalizationLoaders): Promise<LocaleCoverageView[]> {
  const started = performance.now();
  const rows = await loaders.translationShapes(TRANSLATED_PRODUCT_FIELDS, MISSING_LIST_LIMIT);
  const report = summarizeTranslationCoverage(
    rows.map((row) => shapeOf(row)),
    { locales: CONTENT_LOCALES, fields: TRANSLATED_PRODUCT_FIELDS, defaultLocale: DEFAULT_CONTENT_LOCALE },
    MISSING_LIST_LIMIT,
  );
  const elapsedMs = Math.round(performance.now() - started);
  if (elapsedMs > SLOW_REPORT_MS) {
    const products = rows.reduce((sum, row) => sum + row.count, 0);
    logger.warn({ elapsedMs, products, shapes: rows.length }, 'translationCoverage was slow');
  }
  return report.map((coverage) => ({
    locale: coverage.locale,
    fullyTranslated: coverage.products.translated,
    fallingBack: coverage.products.total - coverage.products.translated,
    percentTranslated: coverage.fields.percent ?? '0.0',
    missing: coverage.missing.map(({ productId, fields }) => ({ productId, fields })),
  }));
}

/** A shape as the database counted it (the locales with text, per field), as content the coverage rules read. */
function shapeOf(row: TranslationShapeRow): ContentShape {
  const content: Record<string, Record<string, string | null>> = {};
  for (const field of TRANSLATED_PRODUCT_FIELDS) {
    for (const locale of row._id[field] ?? []) {
      content[locale] ??= Object.fromEntries(TRANSLATED_PRODUCT_FIELDS.map((name) => [name, null]));
      content[locale][field] = field;
    }
  }
  return { content, count: row.count, firstProductIds: row.first };
}
