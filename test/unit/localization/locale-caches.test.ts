import { describe, expect, it } from 'vitest';
import { tryCanonicalizeLocale } from '../../../subgraphs/common/contract/locale.ts';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { fallbackChain, languageOf, lookupChain, negotiateLocale, scriptOf } from '../../../subgraphs/common/locale/index.ts';
import { createTranslator, formatCalendarDate, formatDateRange } from '../../../subgraphs/common/i18n/index.ts';
import { localizedRowText, OWN_LANGUAGE_CACHE_LIMIT } from '../../../subgraphs/localization/domain/localized-text.ts';
import { formatDeliveryWindow } from '../../../subgraphs/fulfillment/domain/text.ts';

// Distinct, well-formed tags: German with a made-up variant subtag ('de-v0000a'). Each is its own cache key.
const variantTags = (count: number) => Array.from({ length: count }, (_, i) => `de-v${i.toString(36).padStart(5, '0')}`);

describe('per-tag locale facts', () => {
  const tags = [
    'de',
    'de-AT',
    'zh',
    'zh-TW',
    'zh-Hant',
    'zh-Hant-TW',
    'sr',
    'sr-Latn',
    'ar-KW',
    'ja-JP',
    'und',
    'und-JP',
    'en-US-u-ca-buddhist',
  ];

  it('answer as Intl does, first call and remembered call alike', () => {
    for (const tag of tags) {
      const locale = new Intl.Locale(tag);
      for (let call = 0; call < 2; call++) {
        expect(scriptOf(tag), tag).toBe(locale.script ?? locale.maximize().script);
        expect(languageOf(tag), tag).toBe((locale.language as string | undefined) ?? 'und');
      }
    }
    expect(tryCanonicalizeLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(tryCanonicalizeLocale('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(tryCanonicalizeLocale('en_US')).toBe('en-US');
    expect(tryCanonicalizeLocale('not a tag')).toBeNull();
    expect(tryCanonicalizeLocale('not a tag')).toBeNull();
  });

  it('hand out chains that callers may change without changing the next caller’s', () => {
    const first = lookupChain('zh-TW');
    expect(first).toEqual(['zh-TW', 'zh-Hant-TW', 'zh-Hant']);
    first.push('en');
    expect(lookupChain('zh-TW')).toEqual(['zh-TW', 'zh-Hant-TW', 'zh-Hant']);
    const fallback = fallbackChain('de-AT', { defaultLocale: 'en' });
    fallback.length = 0;
    expect(fallbackChain('de-AT', { defaultLocale: 'en' })).toEqual(['de-AT', 'de', 'en']);
  });

  it('stay within their bounds', () => {
    const bounds = ['common.localeScript', 'common.localeLanguage', 'common.lookupChain', 'common.fallbackChain', 'common.canonicalLocale'];
    for (const tag of variantTags(Math.max(...bounds.map((name) => memoCacheStats(name).max)) + 10)) {
      const canonical = tryCanonicalizeLocale(tag)!;
      scriptOf(canonical);
      languageOf(canonical);
      lookupChain(canonical);
      fallbackChain(canonical, { defaultLocale: 'en' });
    }
    for (const name of bounds) expect(memoCacheStats(name), name).toEqual({ size: 5_000, max: 5_000 });
    // Still right after eviction.
    expect(lookupChain('de-AT')).toEqual(['de-AT', 'de']);
  });
});

describe('negotiation per (explicit tag, header, available set, default)', () => {
  const available = ['en', 'de', 'ja', 'ar'];

  it('gives the same answer on a remembered call, as a fresh object', () => {
    const input = { acceptLanguage: 'fr-CH, de;q=0.8, en;q=0.5', available, defaultLocale: 'en' };
    const first = negotiateLocale(input);
    expect(first).toEqual({ locale: 'de', chain: ['de', 'en'], source: 'HEADER' });
    first.chain.push('xx');
    (first as { locale: string }).locale = 'xx';
    expect(negotiateLocale(input)).toEqual({ locale: 'de', chain: ['de', 'en'], source: 'HEADER' });
  });

  it('keys by every input: the header is ignored once a tag is explicit, and the available set counts', () => {
    expect(negotiateLocale({ explicit: 'ja', acceptLanguage: 'de', available, defaultLocale: 'en' }).locale).toBe('ja');
    expect(negotiateLocale({ explicit: 'ja', acceptLanguage: 'ar', available, defaultLocale: 'en' }).locale).toBe('ja');
    expect(negotiateLocale({ acceptLanguage: 'ja', available, defaultLocale: 'en' }).locale).toBe('ja');
    expect(negotiateLocale({ acceptLanguage: 'ja', available: ['en', 'de'], defaultLocale: 'en' }).locale).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'ja', available: ['en', 'de'], defaultLocale: 'de' }).locale).toBe('de');
  });

  it('never remembers a refusal: a malformed explicit tag throws every time', () => {
    for (let call = 0; call < 2; call++) {
      expect(() => negotiateLocale({ explicit: 'en_US!', available, defaultLocale: 'en' })).toThrow(/Unknown locale/);
    }
  });

  it('stays within its bound', () => {
    for (let i = 0; i <= memoCacheStats('common.negotiation').max + 10; i++) {
      negotiateLocale({
        acceptLanguage: `de;q=0.${String(i % 1000).padStart(3, '0')}, ja;q=${i < 1000 ? '0.1' : '0.2'}`,
        available,
        defaultLocale: 'en',
      });
    }
    expect(memoCacheStats('common.negotiation')).toEqual({ size: 2_000, max: 2_000 });
  });
});

describe('translators and date formatters', () => {
  it('reuse one translator per tag, answering as a fresh one would', () => {
    const first = createTranslator('de-AT');
    expect(createTranslator('de-AT')).toBe(first);
    expect(first.formattingLocale).toBe('de-AT');
    expect(first.locale).toBe('de');
    expect(createTranslator('xx-nonsense-!').locale).toBe('en');
    expect(createTranslator(undefined)).toBe(createTranslator(null));
  });

  it('format dates as a fresh Intl formatter does', () => {
    const fresh = new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    for (let call = 0; call < 2; call++) {
      expect(formatCalendarDate('2026-12-02', 'de-DE')).toBe(fresh.format(Date.UTC(2026, 11, 2)));
      expect(formatDateRange(['2026-12-31', '2027-01-04'], 'de-DE')).toBe(fresh.formatRange(Date.UTC(2026, 11, 31), Date.UTC(2027, 0, 4)));
      expect(formatCalendarDate('2028-02-29', 'en-US', { month: 'long', day: 'numeric' })).toBe('February 29');
    }
    expect(() => formatCalendarDate('2026-02-29', 'en-US')).toThrow(/Not a calendar date/);
  });

  it('stay within their bounds', () => {
    const tags = variantTags(Math.max(memoCacheStats('common.translator').max, memoCacheStats('common.dateFormat').max) + 10);
    for (const tag of tags) {
      createTranslator(tag);
      formatCalendarDate('2026-12-02', tag);
    }
    expect(memoCacheStats('common.translator')).toEqual({ size: 2_000, max: 2_000 });
    expect(memoCacheStats('common.dateFormat')).toEqual({ size: 2_000, max: 2_000 });
    const zones = Intl.supportedValuesOf('timeZone');
    for (const locale of ['de-DE', 'en-US', 'ja-JP']) {
      for (const timeZone of zones) formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-04', locale, timeZone });
    }
    const windowFormats = memoCacheStats('fulfillment.windowFormats');
    expect(windowFormats.size).toBe(Math.min(windowFormats.max, zones.length * 3));
  });

  it('remember each written window as a fresh formatter writes it, within their bound', async () => {
    const { formatDeliveryWindow } = await import('../../../subgraphs/fulfillment/domain/index.ts');
    const fresh = new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/Berlin' });
    // Noon in Berlin (UTC+1 in December) of 2 and 4 December 2026.
    const written = fresh.formatRange(new Date('2026-12-02T11:00:00Z'), new Date('2026-12-04T11:00:00Z'));
    const window = { earliest: '2026-12-02', latest: '2026-12-04', locale: 'de-DE', timeZone: 'Europe/Berlin' };
    expect(formatDeliveryWindow(window)).toBe(written);
    expect(formatDeliveryWindow(window)).toBe(written);
    const { max } = memoCacheStats('fulfillment.formattedWindows');
    for (let day = 0; day <= max + 10; day++) {
      const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      formatDeliveryWindow({ earliest: date, latest: date, locale: 'en-US', timeZone: 'UTC' });
    }
    expect(memoCacheStats('fulfillment.formattedWindows')).toEqual({ size: max, max });
  });
});

describe('text directions and display names', () => {
  it('answer as fresh Intl objects do, and stay within their bounds', async () => {
    const { describeCountry, describeLanguage, REGION_CACHE_LIMIT, textDirection } = await import(
      '../../../subgraphs/localization/domain/regions.ts'
    );
    for (let call = 0; call < 2; call++) {
      expect(textDirection('ar-KW')).toBe('rtl');
      expect(textDirection('az-Arab')).toBe('rtl');
      expect(textDirection('az')).toBe('ltr');
      expect(describeCountry('DE', 'ja')).toBe(new Intl.DisplayNames('ja', { type: 'region' }).of('DE'));
      expect(describeLanguage('de-AT', 'de')).toBe(new Intl.DisplayNames('de', { type: 'language' }).of('de-AT'));
    }
    for (const tag of variantTags(REGION_CACHE_LIMIT + 10)) {
      textDirection(tag);
      describeCountry('JP', tag);
    }
    expect(memoCacheStats('localization.displayNames').size).toBe(REGION_CACHE_LIMIT);
    expect(memoCacheStats('localization.textDirections').size).toBe(REGION_CACHE_LIMIT);
  });
});

describe('own-language tags per requested locale (whether a text is a fallback)', () => {
  const rows = [
    { locale: 'en', title: 'Hiking boot' },
    { locale: 'zh-Hans', title: '登山鞋' },
    { locale: 'de', title: 'Wanderschuh' },
  ];
  const negotiated = (tag: string) => negotiateLocale({ explicit: tag, available: ['en', 'de', 'zh-Hans'], defaultLocale: 'en' });

  it('says fallback exactly when the text is in another language or script, first call and remembered call alike', () => {
    for (let call = 0; call < 2; call++) {
      expect(localizedRowText(rows, 'title', negotiated('zh-CN'))).toEqual({ value: '登山鞋', locale: 'zh-Hans', isFallback: false });
      expect(localizedRowText(rows, 'title', negotiated('de-CH'))).toEqual({ value: 'Wanderschuh', locale: 'de', isFallback: false });
      expect(localizedRowText(rows, 'title', negotiated('fr'))).toEqual({ value: 'Hiking boot', locale: 'en', isFallback: true });
      expect(localizedRowText(rows, 'description', negotiated('de'))).toBeNull();
    }
  });

  it('stays within its bound', () => {
    for (const tag of variantTags(OWN_LANGUAGE_CACHE_LIMIT + 10)) localizedRowText(rows, 'title', negotiated(tag));
    expect(memoCacheStats('localization.ownLanguageTags').size).toBe(OWN_LANGUAGE_CACHE_LIMIT);
  });
});
