import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const CONTENT = /* GraphQL */ `
  query Content($id: ID!, $locale: Locale) {
    product(id: $id) {
      content(locale: $locale) {
        requestedLocale locale title
        titleText { locale isFallback }
        descriptionText { value locale isFallback }
        attributes { label { value locale } value { value locale } }
      }
    }
  }
`;

async function contentOf(sku: string, locale: string | null, headers: Record<string, string> = {}) {
  const response = await graphql(stack.gatewayUrl, CONTENT, { id: stableObjectIdHex(sku), locale }, headers);
  expect(response.errors).toBeUndefined();
  return response.data.product.content;
}

describe('Chinese content: Traditional and Simplified never stand in for each other', () => {
  it('a product written in both scripts answers Taiwan and Hong Kong in Traditional, mainland China in Simplified', async () => {
    expect(await contentOf('APP-TEE-NAV', 'zh-TW')).toEqual({
      requestedLocale: 'zh-TW',
      locale: 'zh-Hant',
      title: '有機棉T恤，海軍藍',
      titleText: { locale: 'zh-Hant', isFallback: false },
      descriptionText: { value: '採用GOTS認證有機棉製成的厚磅T恤，成衣染色，手感柔軟。', locale: 'zh-Hant', isFallback: false },
      attributes: [{ label: { value: '顏色', locale: 'zh-Hant' }, value: { value: '海軍藍', locale: 'zh-Hant' } }],
    });
    expect((await contentOf('APP-TEE-NAV', 'zh-HK')).title).toBe('有機棉T恤，海軍藍');
    const mainland = await contentOf('APP-TEE-NAV', 'zh-CN');
    expect(mainland).toMatchObject({ locale: 'zh-Hans', title: '有机棉T恤，海军蓝' });
    expect(mainland.descriptionText).toEqual({
      value: '采用GOTS认证有机棉制成的厚磅T恤，成衣染色，手感柔软。',
      locale: 'zh-Hans',
      isFallback: false,
    });
  });

  it('a product written only in Simplified answers a zh-TW request in English, flagged as a fallback', async () => {
    expect(await contentOf('ELE-POWERBANK-10K', 'zh-TW')).toEqual({
      requestedLocale: 'zh-TW',
      locale: 'en',
      title: 'Portable Power Bank, 10,000 mAh',
      titleText: { locale: 'en', isFallback: true },
      descriptionText: { value: 'Pocket-size lithium-ion power bank with USB-C PD in and out.', locale: 'en', isFallback: true },
      // Labels exist in Traditional even where the product's text does not: each field falls back on its own.
      attributes: [{ label: { value: '容量', locale: 'zh-Hant' }, value: { value: '10000mAh', locale: 'zh-Hant' } }],
    });
    expect(await contentOf('ELE-POWERBANK-10K', 'zh-CN')).toMatchObject({ locale: 'zh-Hans', title: '便携式充电宝，10000mAh' });
  });

  it('a product written only in Traditional answers a Simplified request in English, not in Traditional', async () => {
    expect(await contentOf('HOM-MILL-BLA', 'zh-Hans-SG')).toMatchObject({
      locale: 'en',
      title: 'Ceramic Burr Coffee Mill, Black',
      titleText: { isFallback: true },
    });
    expect(await contentOf('HOM-MILL-BLA', 'zh-TW')).toMatchObject({ locale: 'zh-Hant', title: '陶瓷刀盤磨豆機，黑色' });
  });

  it('a browser sending "zh-TW,zh;q=0.9" gets Traditional where it exists and English where only Simplified does', async () => {
    const header = { 'accept-language': 'zh-TW,zh;q=0.9' };
    expect(await contentOf('ELE-ANC-BLA', null, header)).toMatchObject({
      requestedLocale: 'zh-TW',
      locale: 'zh-Hant',
      title: '無線降噪耳機，黑色',
    });
    expect(await contentOf('ELE-CHARGER-30W', null, header)).toMatchObject({ locale: 'en', title: 'GaN USB-C Charger, 30 W' });
  });

  it('category names come in both scripts too', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      /* GraphQL */ `
      query Category($id: ID!) {
        product(id: $id) { category { tw: name(locale: "zh-TW") { value locale } cn: name(locale: "zh-CN") { value locale isFallback } } }
      }
    `,
      { id: stableObjectIdHex('HOM-MILL-BLA') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.product.category).toEqual({
      tw: { value: '廚房', locale: 'zh-Hant' },
      cn: { value: '厨房', locale: 'zh-Hans', isFallback: false },
    });
  });
});
