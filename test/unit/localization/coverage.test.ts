import { describe, expect, it } from 'vitest';
import {
  computeTranslationCoverage,
  coverageRatio,
  localesWithTextOf,
  summarizeTranslationCoverage,
} from '../../../subgraphs/localization/domain/coverage.ts';
import type { ProductContent } from '../../../subgraphs/localization/domain/coverage.ts';

const PRODUCTS: ProductContent[] = [
  {
    productId: 'boot',
    content: {
      en: { title: 'Hiking boot', description: 'Waterproof leather' },
      de: { title: 'Wanderschuh', description: 'Wasserdichtes Leder' },
      ja: { title: '登山靴', description: '' },
    },
  },
  {
    productId: 'tent',
    content: {
      en: { title: 'Tent', description: 'Two-person tent' },
      de: { title: 'Zelt' },
    },
  },
  {
    productId: 'stove',
    content: { en: { title: 'Camping stove' } },
  },
];

const OPTIONS = { fields: ['title', 'description'], defaultLocale: 'en' } as const;

describe('computeTranslationCoverage', () => {
  const [german, japanese, english] = computeTranslationCoverage(PRODUCTS, { ...OPTIONS, locales: ['de', 'ja', 'en'] });

  it('counts fully translated products and translated fields per locale', () => {
    expect(german?.products).toEqual({ translated: 1, total: 3, percent: '33.3' });
    expect(german?.fields).toEqual({ translated: 3, total: 6, percent: '50.0' });
    expect(japanese?.products).toEqual({ translated: 0, total: 3, percent: '0.0' });
    expect(japanese?.fields).toEqual({ translated: 1, total: 6, percent: '16.7' });
    expect(english?.products).toEqual({ translated: 2, total: 3, percent: '66.7' });
    expect(english?.fields).toEqual({ translated: 5, total: 6, percent: '83.3' });
  });

  it('lists which product falls back for which field, and to what (blank text counts as missing)', () => {
    expect(german?.fallbacks).toEqual([
      { productId: 'tent', field: 'description', servedFrom: 'en' },
      { productId: 'stove', field: 'title', servedFrom: 'en' },
      { productId: 'stove', field: 'description', servedFrom: null },
    ]);
    expect(japanese?.fallbacks).toContainEqual({ productId: 'boot', field: 'description', servedFrom: 'en' });
    expect(english?.fallbacks).toEqual([{ productId: 'stove', field: 'description', servedFrom: null }]);
  });

  it('counts language-level text as translated for a regional locale (Austrians read German)', () => {
    const [austrian] = computeTranslationCoverage(PRODUCTS, { ...OPTIONS, locales: ['de-at'] });
    expect(austrian?.locale).toBe('de-AT');
    expect(austrian?.fields).toEqual(german?.fields);
  });

  it('reports no percentage rather than a made-up one when there is nothing to cover', () => {
    const [empty] = computeTranslationCoverage([], { ...OPTIONS, locales: ['de'] });
    expect(empty?.products).toEqual({ translated: 0, total: 0, percent: null });
  });
});

describe('coverageRatio', () => {
  it('rounds half-up once, exactly, where binary floats would drift', () => {
    expect(coverageRatio(1, 8, 0).percent).toBe('13'); // 12.5 % rounds up
    // 201 of 20 000 is exactly 1.005 %, which a float cannot hold: (1.005).toFixed(2) gives '1.00'.
    expect(coverageRatio(201, 20000, 2).percent).toBe('1.01');
    expect(coverageRatio(2, 3).percent).toBe('66.7');
    expect(coverageRatio(3, 3).percent).toBe('100.0');
  });
});

describe('summarizeTranslationCoverage', () => {
  it('counts products by shape as the product-by-product report does, listing the first falling-back products', () => {
    // 1,000 boots like the boot, 500 tents like the tent: two shapes, their first products named.
    const shapes = [
      { content: PRODUCTS[0]!.content, count: 1_000, firstProductIds: ['boot-0000', 'boot-0001'] },
      { content: PRODUCTS[1]!.content, count: 500, firstProductIds: ['aaa-tent-0', 'tent-0000'] },
    ];
    const [german, japanese] = summarizeTranslationCoverage(shapes, { ...OPTIONS, locales: ['de', 'ja'] }, 3);
    // German: the boots are complete, the tents lack a German description (1,000 + 500 of 1,500 titles; 1,000 descriptions).
    expect(german).toEqual({
      locale: 'de',
      products: { translated: 1_000, total: 1_500, percent: '66.7' },
      fields: { translated: 2_500, total: 3_000, percent: '83.3' },
      missing: [
        { productId: 'aaa-tent-0', fields: ['description'] },
        { productId: 'tent-0000', fields: ['description'] },
      ],
    });
    // Japanese: the boots have a title only (blank description), the tents nothing: 1,000 of 3,000 fields.
    expect(japanese?.fields).toEqual({ translated: 1_000, total: 3_000, percent: '33.3' });
    expect(japanese?.missing).toEqual([
      { productId: 'aaa-tent-0', fields: ['title', 'description'] },
      { productId: 'boot-0000', fields: ['description'] },
      { productId: 'boot-0001', fields: ['description'] },
    ]);
  });
});

describe('localesWithTextOf', () => {
  it('lists per field the locales with text, sorted and once, and never a blank draft', () => {
    const rows = [
      { locale: 'fr', title: 'Casque', description: '  ' },
      { locale: 'de', title: 'Kopfhörer', description: null },
      { locale: 'en', title: 'Headphones', description: 'Closed-back' },
      { locale: 'ja', title: '\t', description: undefined },
    ];
    expect(localesWithTextOf(rows, ['title', 'description'])).toEqual({ title: ['de', 'en', 'fr'], description: ['en'] });
    // Two products with the same text in another order have one shape.
    expect(localesWithTextOf([...rows].reverse(), ['title', 'description'])).toEqual(localesWithTextOf(rows, ['title', 'description']));
    expect(localesWithTextOf([], ['title'])).toEqual({ title: [] });
  });
});
