import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack, type GraphQLResponse } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const PAGE = /* GraphQL */ `
  query CatalogPage($first: Int!, $after: String, $filter: ProductFilter, $sort: ProductSort, $locale: Locale) {
    products(first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        sku
        brand
        category { id name(locale: $locale) { value locale } }
        content(locale: $locale) {
          titleText { value locale isFallback }
          descriptionText { value locale isFallback }
        }
      }
    }
  }
`;

async function pageThrough(variables: Record<string, unknown>) {
  const seen: { id: string; sku: string; brand: string }[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let guard = 0; guard < 100; guard++) {
    const response: GraphQLResponse = await graphql(stack.gatewayUrl, PAGE, { ...variables, after });
    expect(response.errors).toBeUndefined();
    const page: {
      totalCount: number;
      nodes: { id: string; sku: string; brand: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } = response.data.products;
    totalCount = page.totalCount;
    seen.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { seen, totalCount };
}

describe('catalog browsing through the gateway', () => {
  it('paging through the whole catalog returns every product exactly once, in SKU order', async () => {
    const { seen, totalCount } = await pageThrough({ first: 7, locale: 'en' });
    expect(totalCount).toBe(51);
    expect(seen).toHaveLength(51);
    expect(new Set(seen.map((product) => product.id)).size).toBe(51);
    const skus = seen.map((product) => product.sku);
    expect(skus).toEqual([...skus].sort());
  });

  it('pages a filtered, brand-sorted list without gaps or repeats', async () => {
    const { seen, totalCount } = await pageThrough({
      first: 2,
      filter: { category: 'electronics' },
      sort: { field: 'BRAND', direction: 'DESC' },
      locale: 'en',
    });
    expect(totalCount).toBe(9);
    expect(seen.map((product) => product.brand)).toEqual([...Array(3).fill('Voltway'), ...Array(6).fill('Kotone')]);
    expect(new Set(seen.map((product) => product.id)).size).toBe(9);
  });

  it('shows per field which locale a Japanese shopper actually reads', async () => {
    const response = await graphql(stack.gatewayUrl, PAGE, {
      first: 3,
      filter: { category: 'footwear.sneakers' },
      locale: 'ja-JP',
    });
    expect(response.errors).toBeUndefined();
    const [sneaker] = response.data.products.nodes;
    // The sneaker line has a Japanese title but only an English description.
    expect(sneaker.content.titleText).toEqual({ value: 'キャンバス ローカットスニーカー ブラック', locale: 'ja', isFallback: false });
    expect(sneaker.content.descriptionText).toMatchObject({ locale: 'en', isFallback: true });
    expect(sneaker.category.name).toEqual({ value: 'スニーカー', locale: 'ja' });
  });

  it('negotiates the language from Accept-Language when the query names none', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      PAGE,
      { first: 1, filter: { category: 'footwear.boots' } },
      { 'accept-language': 'ar-KW,ar;q=0.9,en;q=0.5' },
    );
    expect(response.errors).toBeUndefined();
    const [boot] = response.data.products.nodes;
    expect(boot.content.titleText).toMatchObject({ locale: 'ar', isFallback: false });
    expect(boot.content.titleText.value).toContain('حذاء تشيلسي جلدي');
  });

  it('answers a malformed cursor and an out-of-range page size with BAD_USER_INPUT', async () => {
    const badCursor = await graphql(stack.gatewayUrl, PAGE, { first: 5, after: 'garbage' });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badCursor.errors?.[0]?.message).toContain('Invalid cursor "garbage"');
    const tooMany = await graphql(stack.gatewayUrl, PAGE, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(tooMany.errors)).not.toContain('stacktrace');
  });

  it('reports translation coverage for analytics', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ translationCoverage { locale fullyTranslated fallingBack percentTranslated missing { productId fields } } }',
    );
    expect(response.errors).toBeUndefined();
    const byLocale = Object.fromEntries(response.data.translationCoverage.map((row: any) => [row.locale, row]));
    expect(byLocale.en).toMatchObject({ fullyTranslated: 51, fallingBack: 0, percentTranslated: '100.0' });
    expect(byLocale.de.fallingBack).toBeGreaterThan(0);
    expect(byLocale.de.fullyTranslated + byLocale.de.fallingBack).toBe(51);
    expect(byLocale.de.missing.every((row: any) => row.fields.length > 0)).toBe(true);
  });
});
