import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTranslationCoverage } from '../../subgraphs/localization/domain/coverage.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE, TRANSLATED_PRODUCT_FIELDS } from '../../subgraphs/localization/domain/content-locales.ts';
import type { LocalizationContext } from '../../subgraphs/localization/context.ts';
import type { LocalizationModels } from '../../subgraphs/localization/models.ts';
import { rebuildTranslationShapes } from '../../subgraphs/localization/services/translation-shapes.ts';
import { writeProductTexts } from '../../subgraphs/localization/services/write-product-texts.ts';
import { localizationSubgraph } from '../../subgraphs/localization/subgraph.ts';
import { startSubgraphHarness, type SubgraphHarness } from './subgraph-harness.ts';

// `translationCoverage` over the seeded catalog plus products whose translations are awkward (blank drafts,
// missing fields, an old tag, a malformed one, more than a page of falling-back products): counted in the
// database by shape of translations — one group over one row per product, kept by the text write path — and
// equal to the coverage rules applied product by product to every translation.
let harness: SubgraphHarness<LocalizationContext, LocalizationModels>;
const EXTRA = 180;
const id = (n: number) => `f${n.toString(16).padStart(23, '0')}`;
beforeAll(async () => {
  harness = await startSubgraphHarness(localizationSubgraph, '2026-11-25T10:00:00Z');
  const rows = Array.from({ length: EXTRA }, (_, n) => [
    { productId: id(n), locale: 'en', title: `Product ${n}`, description: n % 3 === 0 ? '   ' : `About ${n}` },
    ...(n % 2 === 0 ? [{ productId: id(n), locale: 'de', title: n % 4 === 0 ? '' : `Produkt ${n}`, description: null }] : []),
    ...(n % 5 === 0 ? [{ productId: id(n), locale: 'iw', title: `מוצר ${n}`, description: `על ${n}` }] : []),
    ...(n % 7 === 0 ? [{ productId: id(n), locale: 'fr_FR', title: `Produit ${n}`, description: `De ${n}` }] : []),
  ]).flat();
  // Only blank drafts: a product in the report, with every field falling back.
  rows.push(
    { productId: id(EXTRA), locale: 'en', title: ' ', description: '' },
    { productId: id(EXTRA), locale: 'ja', title: '\t', description: null },
  );
  // Loaded straight into the collection, around the write path (as an import would be): the migration's rebuild
  // works their shapes out, as `npm run db:migrate` does on a database written before shapes were kept.
  await harness.connection.collection('product_translations').insertMany(rows);
  await rebuildTranslationShapes(harness.built.models);
});
afterAll(async () => {
  await harness?.stop();
});

const COVERAGE = /* GraphQL */ `
  {
    translationCoverage {
      locale
      fullyTranslated
      fallingBack
      percentTranslated
      missing {
        productId
        fields
      }
    }
  }
`;

/** The report worked out product by product from every translation row, as the coverage rules define it. */
async function reportFromEveryRow() {
  const rows = await harness.connection.collection('product_translations').find().toArray();
  const byProduct = new Map<string, Record<string, Record<string, unknown>>>();
  for (const row of rows) {
    const content = byProduct.get(String(row.productId)) ?? {};
    content[String(row.locale)] = { title: row.title, description: row.description };
    byProduct.set(String(row.productId), content);
  }
  const products = [...byProduct]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([productId, content]) => ({ productId, content: content as Record<string, Record<string, string | null>> }));
  return computeTranslationCoverage(products, {
    locales: CONTENT_LOCALES,
    fields: TRANSLATED_PRODUCT_FIELDS,
    defaultLocale: DEFAULT_CONTENT_LOCALE,
  }).map((coverage) => {
    const missing = new Map<string, string[]>();
    for (const fallback of coverage.fallbacks)
      missing.set(fallback.productId, [...(missing.get(fallback.productId) ?? []), fallback.field]);
    return {
      locale: coverage.locale,
      fullyTranslated: coverage.products.translated,
      fallingBack: coverage.products.total - coverage.products.translated,
      percentTranslated: coverage.fields.percent ?? '0.0',
      missing: [...missing].slice(0, 100).map(([productId, fields]) => ({ productId, fields })),
    };
  });
}

describe('translationCoverage', () => {
  it('answers as the coverage rules applied to every translation, product by product', async () => {
    const result = await harness.execute(COVERAGE);
    expect(result.errors).toBeUndefined();
    const report = result.data!.translationCoverage as { locale: string; fallingBack: number; missing: unknown[] }[];
    expect(report).toEqual(await reportFromEveryRow());
    // The awkward products are in it: German falls back for more than a page of products.
    expect(report.find((coverage) => coverage.locale === 'de')).toMatchObject({ missing: expect.any(Array) });
    expect(report.find((coverage) => coverage.locale === 'de')!.fallingBack).toBeGreaterThan(100);
    expect(report.find((coverage) => coverage.locale === 'de')!.missing).toHaveLength(100);
  });

  it('is counted in the database by one aggregation over the shapes, never by reading every translation', async () => {
    const commands = await harness.commandsDuring(() => harness.execute(COVERAGE));
    expect(commands.filter((command) => /product_translations|translation_shapes/.test(command))).toEqual(['aggregate translation_shapes']);
  });

  it('follows the text write path: a German translation written takes its product out of German fallbacks', async () => {
    const before = (await harness.execute(COVERAGE)).data!.translationCoverage as { locale: string; fallingBack: number }[];
    // Product 4 has a blank German draft: both its fields fall back in German.
    await writeProductTexts(harness.built.models, [{ productId: id(4), locale: 'de', title: 'Produkt 4', description: 'Über 4' }]);
    const after = (await harness.execute(COVERAGE)).data!.translationCoverage as { locale: string; fallingBack: number }[];
    expect(after).toEqual(await reportFromEveryRow());
    const german = (report: typeof before) => report.find((coverage) => coverage.locale === 'de')!.fallingBack;
    expect(german(after)).toBe(german(before) - 1);
    // And a blank draft written back puts it in again: blank text is not a translation.
    await writeProductTexts(harness.built.models, [{ productId: id(4), locale: 'de', title: ' ', description: null }]);
    const again = (await harness.execute(COVERAGE)).data!.translationCoverage as { locale: string; fallingBack: number }[];
    expect(german(again)).toBe(german(before));
  });
});
