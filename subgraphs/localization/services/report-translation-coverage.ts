import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE, TRANSLATED_PRODUCT_FIELDS, computeTranslationCoverage } from '../domain/index.ts';
import type { LocalizationLoaders } from '../loaders.ts';
import type { LocaleCoverageView } from '../mappers.ts';

/** How many falling-back products the coverage report lists per locale. */
const MISSING_LIST_LIMIT = 100;

/** Per content locale, how much of the catalog is translated and which products fall back (the first 100). */
export async function reportTranslationCoverage(loaders: LocalizationLoaders): Promise<LocaleCoverageView[]> {
  const rows = await loaders.productTexts();
  const byProduct = new Map<string, Record<string, Record<string, string | null | undefined>>>();
  for (const row of rows) {
    const content = byProduct.get(row.productId) ?? {};
    content[row.locale] = { title: row.title, description: row.description };
    byProduct.set(row.productId, content);
  }
  const report = computeTranslationCoverage(
    [...byProduct].sort(([a], [b]) => a.localeCompare(b)).map(([productId, content]) => ({ productId, content })),
    { locales: CONTENT_LOCALES, fields: TRANSLATED_PRODUCT_FIELDS, defaultLocale: DEFAULT_CONTENT_LOCALE },
  );
  return report.map((coverage) => {
    const missing = new Map<string, string[]>();
    for (const fallback of coverage.fallbacks) {
      missing.set(fallback.productId, [...(missing.get(fallback.productId) ?? []), fallback.field]);
    }
    return {
      locale: coverage.locale,
      fullyTranslated: coverage.products.translated,
      fallingBack: coverage.products.total - coverage.products.translated,
      percentTranslated: coverage.fields.percent ?? '0.0',
      missing: [...missing].slice(0, MISSING_LIST_LIMIT).map(([productId, fields]) => ({ productId, fields })),
    };
  });
}
