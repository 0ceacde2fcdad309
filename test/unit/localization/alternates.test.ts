import { describe, expect, it } from 'vitest';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import {
  HREFLANG_CACHE_LIMIT,
  hreflangOf,
  ownLanguageChain,
  productAlternates,
  productPageUrl,
  SLUG_CACHE_LIMIT,
  slugOf,
  type StorefrontSite,
} from '../../../subgraphs/localization/domain/index.ts';

const SITES: StorefrontSite[] = [
  { country: 'DE', locale: 'de-DE', urlTemplate: 'https://shop.example.de/p/{slug}' },
  { country: 'CH', locale: 'de-CH', urlTemplate: 'https://shop.example.ch/de/p/{slug}' },
  { country: 'CH', locale: 'fr-CH', urlTemplate: 'https://shop.example.ch/fr/p/{slug}' },
  { country: 'JP', locale: 'ja-JP', urlTemplate: 'https://shop.example.jp/p/{slug}/{sku}' },
  { country: 'TW', locale: 'zh-TW', urlTemplate: 'https://shop.example.com/zh-tw/p/{slug}' },
  { country: null, locale: 'en', urlTemplate: 'https://shop.example.com/p/{slug}' },
  { country: 'US', locale: 'en-US', urlTemplate: 'https://shop.example.com/en-us/p/{slug}' },
];
const ID = '0123456789abcdef01234567';
const PRODUCT = { id: ID, sku: 'HOM-SKILLET-20' };

describe('hreflangOf', () => {
  it('is language-REGION with the market as region, canonical in case', () => {
    expect(hreflangOf({ country: 'CH', locale: 'fr' })).toBe('fr-CH');
    expect(hreflangOf({ country: 'BE', locale: 'NL-be' })).toBe('nl-BE');
    expect(hreflangOf({ country: 'US', locale: 'en-US' })).toBe('en-US');
  });
  it('drops a script the region implies and keeps one it does not', () => {
    expect(hreflangOf({ country: 'TW', locale: 'zh-Hant' })).toBe('zh-TW');
    expect(hreflangOf({ country: 'SG', locale: 'zh-Hans' })).toBe('zh-SG');
    expect(hreflangOf({ country: 'SG', locale: 'zh-Hant' })).toBe('zh-Hant-SG');
  });
  it('is x-default for the international site', () => {
    expect(hreflangOf({ country: null, locale: 'en' })).toBe('x-default');
  });
});

describe('slugOf', () => {
  it('transliterates Latin-script titles with the language’s rules', () => {
    expect(slugOf('T-Shirt aus Bio-Baumwolle, Weiß', 'de')).toBe('t-shirt-aus-bio-baumwolle-weiss');
    expect(slugOf('Kabellose Kopfhörer, Silber', 'de-CH')).toBe('kabellose-kopfhoerer-silber');
    expect(slugOf('Eau de Parfum Cèdre, 50 ml', 'fr')).toBe('eau-de-parfum-cedre-50-ml');
    expect(slugOf('Powerbank, 10.000 mAh', 'de')).toBe('powerbank-10-000-mah');
  });
  it('keeps other scripts as they are written', () => {
    expect(slugOf('純米吟醸酒 720ml', 'ja')).toBe('純米吟醸酒-720ml');
    expect(slugOf('有機棉T恤，海軍藍', 'zh-Hant')).toBe('有機棉t恤-海軍藍');
    expect(slugOf('سترة ريش قابلة للطي، أسود', 'ar')).toBe('سترة-ريش-قابلة-للطي-أسود');
  });
  it('is empty when a title has no letters or digits', () => {
    expect(slugOf('—!', 'en')).toBe('');
  });
});

describe('productPageUrl', () => {
  it('percent-encodes the slug as UTF-8 and fills the SKU and id', () => {
    expect(productPageUrl('https://shop.example.jp/p/{slug}/{sku}?v={id}', '純米吟醸酒-720ml', { id: ID, sku: 'PAN-SAKE-720' })).toBe(
      `https://shop.example.jp/p/%E7%B4%94%E7%B1%B3%E5%90%9F%E9%86%B8%E9%85%92-720ml/PAN-SAKE-720?v=${ID}`,
    );
  });
  it('falls back to the SKU where the title gives no slug', () => {
    expect(productPageUrl('https://shop.example.com/p/{slug}', '', PRODUCT)).toBe('https://shop.example.com/p/HOM-SKILLET-20');
  });
});

describe('productAlternates', () => {
  it('lists the sites whose language the product has its own title in, x-default last', () => {
    const titles = { en: 'Cast Iron Skillet, 20 cm', de: 'Gusseisenpfanne, 20 cm', ja: '鋳鉄スキレット 20cm' };
    expect(productAlternates(PRODUCT, titles, SITES)).toEqual([
      { hreflang: 'de-CH', url: 'https://shop.example.ch/de/p/gusseisenpfanne-20-cm', country: 'CH', locale: 'de' },
      { hreflang: 'de-DE', url: 'https://shop.example.de/p/gusseisenpfanne-20-cm', country: 'DE', locale: 'de' },
      { hreflang: 'en-US', url: 'https://shop.example.com/en-us/p/cast-iron-skillet-20-cm', country: 'US', locale: 'en' },
      {
        hreflang: 'ja-JP',
        url: `https://shop.example.jp/p/${encodeURIComponent('鋳鉄スキレット-20cm')}/HOM-SKILLET-20`,
        country: 'JP',
        locale: 'ja',
      },
      { hreflang: 'x-default', url: 'https://shop.example.com/p/cast-iron-skillet-20-cm', country: null, locale: 'en' },
    ]);
  });

  it('leaves out a site whose page would show a fallback: fr-CH without French, zh-TW with Simplified only', () => {
    const alternates = productAlternates(PRODUCT, { en: 'Ceremonial Matcha, 30 g', 'zh-Hans': '礼仪级抹茶，30 克' }, SITES);
    expect(alternates.map((alternate) => alternate.hreflang)).toEqual(['en-US', 'x-default']);
  });

  it('lists zh-TW from Traditional Chinese text', () => {
    const alternates = productAlternates(PRODUCT, { en: 'Ceremonial Matcha', 'zh-Hant': '禮儀級抹茶' }, SITES);
    expect(alternates.find((alternate) => alternate.hreflang === 'zh-TW')).toEqual({
      hreflang: 'zh-TW',
      url: `https://shop.example.com/zh-tw/p/${encodeURIComponent('禮儀級抹茶')}`,
      country: 'TW',
      locale: 'zh-Hant',
    });
  });

  it('is empty for a product without any text', () => {
    expect(productAlternates(PRODUCT, {}, SITES)).toEqual([]);
  });
});

describe('ownLanguageChain', () => {
  it('closes a region’s chain with the script-bearing tag, so zh-CN finds zh-Hans but zh-TW never does', () => {
    expect(ownLanguageChain('zh-CN')).toEqual(['zh-CN', 'zh', 'zh-Hans']);
    expect(ownLanguageChain('zh-TW')).toEqual(['zh-TW', 'zh-Hant-TW', 'zh-Hant']);
    expect(ownLanguageChain('zh-TW')).not.toContain('zh-Hans');
    expect(ownLanguageChain('de-CH')).toEqual(['de-CH', 'de', 'de-Latn']);
  });

  it('lets a mainland site list Simplified text stored as zh-Hans', () => {
    const sites: StorefrontSite[] = [{ country: 'CN', locale: 'zh-CN', urlTemplate: 'https://shop.example.cn/p/{slug}' }];
    expect(productAlternates(PRODUCT, { en: 'Portable Power Bank', 'zh-Hans': '便携式充电宝' }, sites)).toEqual([
      { hreflang: 'zh-CN', url: `https://shop.example.cn/p/${encodeURIComponent('便携式充电宝')}`, country: 'CN', locale: 'zh-Hans' },
    ]);
  });
});

describe('alternates caches', () => {
  it('remember slugs and hreflangs within their bounds, and answer the same from memory', () => {
    expect(slugOf('Gusseisenpfanne, 26 cm', 'de')).toBe(slugOf('Gusseisenpfanne, 26 cm', 'de'));
    for (let index = 0; index < SLUG_CACHE_LIMIT + 50; index++) slugOf(`Title ${index}`, 'en');
    for (let index = 0; index < HREFLANG_CACHE_LIMIT + 50; index++)
      hreflangOf({ country: 'CH', locale: `de-x-${index.toString(36).padStart(2, '0')}` });
    expect(memoCacheStats('localization.slugs').size).toBe(SLUG_CACHE_LIMIT);
    expect(memoCacheStats('localization.hreflangs').size).toBe(HREFLANG_CACHE_LIMIT);
    expect(slugOf('Title 7', 'en')).toBe('title-7');
  });
});

describe('productAlternates with a duplicated site', () => {
  it('lists one page per hreflang, the first site configured for it', () => {
    const sites: StorefrontSite[] = [
      { country: 'DE', locale: 'de-DE', urlTemplate: 'https://shop.example.de/p/{slug}' },
      { country: 'DE', locale: 'de', urlTemplate: 'https://old.example.de/p/{slug}' },
    ];
    expect(productAlternates(PRODUCT, { de: 'Gusseisenpfanne' }, sites)).toEqual([
      { hreflang: 'de-DE', url: 'https://shop.example.de/p/gusseisenpfanne', country: 'DE', locale: 'de' },
    ]);
  });
});
