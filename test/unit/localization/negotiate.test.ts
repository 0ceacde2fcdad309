import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../../../subgraphs/common/contract/errors.ts';
import {
  canonicalizeLocale,
  fallbackChain,
  lookupChain,
  negotiateLocale,
  parseAcceptLanguage,
  parseLanguageRanges,
} from '../../../subgraphs/common/locale/index.ts';
import { resolveField, resolveRowField, translationsOfField } from '../../../subgraphs/localization/domain/index.ts';

/** Runs `fn` and returns the DomainError it throws (failing the test when it throws nothing else). */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

const AVAILABLE = ['en', 'de', 'fr', 'pl', 'ja', 'ar', 'zh-Hans', 'zh-Hant'];

describe('canonicalizeLocale', () => {
  it.each([
    ['de-at', 'de-AT'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['iw', 'he'],
    ['EN-us', 'en-US'],
    ['in', 'id'],
  ])('spells %s as %s', (tag, canonical) => {
    expect(canonicalizeLocale(tag)).toBe(canonical);
  });

  it.each(['en US', '', 'de-', '*', 'x', 'de--AT'])('rejects %j as BAD_USER_INPUT naming it', (tag) => {
    const error = domainErrorOf(() => canonicalizeLocale(tag));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toContain(`"${tag}"`);
  });

  it('reads POSIX underscores as hyphens, the one rule every part of the graph shares', () => {
    expect(canonicalizeLocale('en_US')).toBe('en-US');
    expect(canonicalizeLocale('zh_hant_tw')).toBe('zh-Hant-TW');
  });

  it('refuses a tag over 64 characters and echoes only its first 64', () => {
    const error = domainErrorOf(() => canonicalizeLocale('a'.repeat(200)));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toContain(`"${'a'.repeat(64)}…"`);
    expect(error.message).not.toContain('a'.repeat(65));
  });
});

describe('parseAcceptLanguage', () => {
  it('orders by q-value, keeping the client order for ties, and canonicalises tags', () => {
    const header = 'fr;q=0.5, de-at, en;q=0.8, ja;q=0.5, ZH-hant-tw';
    expect(parseAcceptLanguage(header)).toEqual([
      { tag: 'de-AT', q: 1 },
      { tag: 'zh-Hant-TW', q: 1 },
      { tag: 'en', q: 0.8 },
      { tag: 'fr', q: 0.5 },
      { tag: 'ja', q: 0.5 },
    ]);
  });

  it('leaves out q=0 entries but reports them as refused', () => {
    const ranges = parseLanguageRanges('de, en;q=0, fr;q=0.000');
    expect(ranges.accepted.map((preference) => preference.tag)).toEqual(['de']);
    expect(ranges.refused).toEqual(['en', 'fr']);
  });

  it("keeps '*' as a wildcard entry with its weight", () => {
    expect(parseAcceptLanguage('de, *;q=0.1')).toEqual([
      { tag: 'de', q: 1 },
      { tag: '*', q: 0.1 },
    ]);
  });

  it('skips garbage entries and keeps the usable ones', () => {
    const header = 'en US, de;q=abc, ;;, fr;q=1.5, ja;q=0.5=x, pl;q=0.7, , x-;q=0.2, ar ; q = 0.3';
    expect(parseAcceptLanguage(header)).toEqual([
      { tag: 'pl', q: 0.7 },
      { tag: 'ar', q: 0.3 },
    ]);
  });

  it.each([undefined, null, '', '   ', ',,,', '\u0000\u00ff', 'q=1'])('reads %j as no preference at all, without throwing', (header) => {
    expect(parseAcceptLanguage(header)).toEqual([]);
  });

  it('keeps the best-weighted occurrence of a repeated language', () => {
    expect(parseAcceptLanguage('de;q=0.3, en, de;q=0.9')).toEqual([
      { tag: 'en', q: 1 },
      { tag: 'de', q: 0.9 },
    ]);
  });
});

describe('fallbackChain', () => {
  it('walks from region to language to the default', () => {
    expect(fallbackChain('de-AT', { defaultLocale: 'en' })).toEqual(['de-AT', 'de', 'en']);
  });

  it('keeps a Traditional Chinese request in Traditional script: never bare zh, never zh-Hans', () => {
    const chain = fallbackChain('zh-Hant-TW', { defaultLocale: 'en' });
    expect(chain).toEqual(['zh-Hant-TW', 'zh-TW', 'zh-Hant', 'en']);
    expect(chain).not.toContain('zh');
    expect(chain.some((tag) => tag.includes('Hans') || tag === 'zh-CN')).toBe(false);
  });

  it('gives zh-TW the Traditional chain through likely subtags', () => {
    expect(lookupChain('zh-TW')).toEqual(['zh-TW', 'zh-Hant-TW', 'zh-Hant']);
    expect(lookupChain('zh-HK')).toContain('zh-Hant');
    expect(lookupChain('zh-HK')).not.toContain('zh');
  });

  it('lets Simplified requests fall back to bare zh, which is Simplified', () => {
    expect(fallbackChain('zh-CN', { defaultLocale: 'en' })).toEqual(['zh-CN', 'zh', 'en']);
  });

  it('keeps a non-default script of other languages too (Serbian Latin is not Cyrillic sr)', () => {
    expect(lookupChain('sr-Latn-RS')).toEqual(['sr-Latn-RS', 'sr-Latn']);
  });

  it('drops a default that is the same language in another script', () => {
    expect(fallbackChain('zh-Hant', { defaultLocale: 'zh' })).toEqual(['zh-Hant']);
  });

  it('ignores extensions content is never keyed by, and canonicalises deprecated codes', () => {
    expect(fallbackChain('en-GB-u-ca-gregory', { defaultLocale: 'en' })).toEqual(['en-GB', 'en']);
    expect(fallbackChain('iw-IL', { defaultLocale: 'en' })).toEqual(['he-IL', 'he', 'en']);
  });
});

describe('negotiateLocale', () => {
  it('uses an explicit locale over the header, falling back along its chain', () => {
    const negotiated = negotiateLocale({ explicit: 'de-AT', acceptLanguage: 'fr', available: AVAILABLE, defaultLocale: 'en' });
    expect(negotiated).toEqual({ locale: 'de', chain: ['de-AT', 'de', 'en'], source: 'EXPLICIT' });
  });

  it.each(['en US', 'de-', 'xx', 'de-QQ', 'und'])('rejects the explicit locale %j with BAD_USER_INPUT naming it', (explicit) => {
    const error = domainErrorOf(() => negotiateLocale({ explicit, available: AVAILABLE, defaultLocale: 'en' }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toContain(explicit);
  });

  it('answers a real language we do not serve in the default, saying so', () => {
    const negotiated = negotiateLocale({ explicit: 'sw', available: AVAILABLE, defaultLocale: 'en' });
    expect(negotiated.locale).toBe('en');
    expect(negotiated.source).toBe('EXPLICIT');
    expect(negotiated.chain.at(-1)).toBe('en');
  });

  it('picks the best header language we serve, skipping ones we do not', () => {
    const negotiated = negotiateLocale({ acceptLanguage: 'sw, pl;q=0.8, de;q=0.5', available: AVAILABLE, defaultLocale: 'en' });
    expect(negotiated.locale).toBe('pl');
    expect(negotiated.source).toBe('HEADER');
    // German stays ahead of the English default for fields missing in Polish.
    expect(negotiated.chain).toEqual(['pl', 'de', 'en']);
  });

  it('maps zh-TW in the header to Traditional content, even with the bare zh browsers append', () => {
    const negotiated = negotiateLocale({
      acceptLanguage: 'zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7',
      available: AVAILABLE,
      defaultLocale: 'en',
    });
    expect(negotiated.locale).toBe('zh-Hant');
    expect(negotiated.chain).not.toContain('zh');
    expect(negotiated.chain).not.toContain('zh-Hans');
  });

  it('gives a Traditional-script shopper the default, not Simplified, when only Simplified exists', () => {
    const negotiated = negotiateLocale({ acceptLanguage: 'zh-TW,zh;q=0.9', available: ['en', 'zh'], defaultLocale: 'en' });
    expect(negotiated.locale).toBe('en');
  });

  it('matches a bare language to a regional variant we serve, preferring its likely region', () => {
    const negotiated = negotiateLocale({ acceptLanguage: 'de', available: ['en', 'de-CH', 'de-DE'], defaultLocale: 'en' });
    expect(negotiated.locale).toBe('de-DE');
  });

  it('honours refusals: q=0 languages are not picked, even through the wildcard', () => {
    const refusingDefault = negotiateLocale({ acceptLanguage: '*, en;q=0', available: ['en', 'fr'], defaultLocale: 'en' });
    expect(refusingDefault.locale).toBe('fr');
    const refusingGerman = negotiateLocale({ acceptLanguage: 'de-AT, de;q=0', available: ['en', 'de'], defaultLocale: 'en' });
    expect(refusingGerman.locale).toBe('en');
  });

  it('falls back to the default quietly for a missing or garbage header', () => {
    for (const acceptLanguage of [undefined, '', 'en_US;q=zz, ;;;', 'tlh-QQ-x', 'und, und-DE;q=0.5']) {
      expect(negotiateLocale({ acceptLanguage, available: AVAILABLE, defaultLocale: 'en' })).toEqual({
        locale: 'en',
        chain: ['en'],
        source: 'DEFAULT',
      });
    }
  });
});

describe('resolveField', () => {
  it('returns the first translation along the chain with the locale it came from', () => {
    const title = { en: 'Hiking boot', de: 'Wanderschuh', 'de-AT': '' };
    expect(resolveField(title, fallbackChain('de-AT', { defaultLocale: 'en' }))).toEqual({ value: 'Wanderschuh', locale: 'de' });
  });

  it('serves a zh-Hant request from zh-TW content, never from bare zh, falling to English otherwise', () => {
    const chain = fallbackChain('zh-Hant', { defaultLocale: 'en' });
    expect(
      resolveField(
        new Map([
          ['zh', '登山鞋'],
          ['en', 'Hiking boot'],
        ]),
        chain,
      ),
    ).toEqual({ value: 'Hiking boot', locale: 'en' });
    const traditional = resolveField(
      { zh: '登山鞋', 'zh-hant': '登山靴', en: 'Hiking boot' },
      fallbackChain('zh-TW', { defaultLocale: 'en' }),
    );
    expect(traditional).toEqual({ value: '登山靴', locale: 'zh-Hant' });
  });

  it('is null when nothing in the chain has the field', () => {
    expect(resolveField({ fr: 'Chaussure' }, ['de', 'en'])).toBeNull();
    expect(resolveField(undefined, ['en'])).toBeNull();
  });

  it('resolves each field independently from content stored per locale', () => {
    const content = { de: { title: 'Wanderschuh', description: null }, en: { title: 'Hiking boot', description: 'Waterproof' } };
    const chain = fallbackChain('de-DE', { defaultLocale: 'en' });
    expect(resolveField(translationsOfField(content, 'title'), chain)?.locale).toBe('de');
    expect(resolveField(translationsOfField(content, 'description'), chain)).toEqual({ value: 'Waterproof', locale: 'en' });
  });
});

describe('resolveRowField (content stored one row per locale)', () => {
  const rows = [
    { locale: 'en', title: 'Hiking boot', description: 'Waterproof' },
    { locale: 'de', title: 'Wanderschuh', description: '  ' },
    { locale: 'iw', title: 'מגף', description: null },
    { locale: 'he', title: 'נעל', description: 'עמיד' },
    { locale: 'de-AT!', title: 'Bergstiefel', description: 'Dicht' },
    { locale: 'de_at', title: 'Bergschuh', description: 'Wasserdicht' },
    { locale: 'zh-hant', title: '登山靴', description: undefined },
    { locale: 'zh', title: '登山鞋', description: '防水' },
  ];
  const chains = ['de-AT', 'de', 'he', 'zh-TW', 'zh', 'fr', 'en'].map((tag) => fallbackChain(tag, { defaultLocale: 'en' }));

  it('answers as resolveField over the pivoted field does, for every field and chain', () => {
    const byLocale = Object.fromEntries(rows.map((row) => [row.locale, { title: row.title, description: row.description }]));
    for (const chain of chains) {
      for (const field of ['title', 'description']) {
        expect(resolveRowField(rows, field, chain), `${field} along ${chain.join(' > ')}`).toEqual(
          resolveField(translationsOfField(byLocale, field), chain),
        );
      }
    }
  });

  it('skips blank text and malformed tags, and lets the first spelling of a tag win', () => {
    const chain = fallbackChain('de-AT', { defaultLocale: 'en' });
    expect(resolveRowField(rows, 'title', chain)).toEqual({ value: 'Bergschuh', locale: 'de-AT' });
    expect(resolveRowField(rows, 'description', fallbackChain('de', { defaultLocale: 'en' }))).toEqual({
      value: 'Waterproof',
      locale: 'en',
    });
    expect(resolveRowField(rows, 'title', fallbackChain('he', { defaultLocale: 'en' }))).toEqual({ value: 'מגף', locale: 'he' });
    expect(resolveRowField([], 'title', chain)).toBeNull();
  });
});
