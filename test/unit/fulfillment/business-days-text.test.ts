import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { createTranslator, type MessageKey } from '../../../subgraphs/common/i18n/index.ts';
import { businessDaysBetween, businessDaysUntil } from '../../../subgraphs/fulfillment/domain/business-days.ts';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { businessDaysPhrase, deliverySentence, pluralRangeForm, type Translate } from '../../../subgraphs/fulfillment/domain/text.ts';

// The production catalogs, through the translator the fulfillment subgraph uses.
const translate = (locale: string): Translate => {
  const translator = createTranslator(locale);
  return (key, options) => translator.t(key as MessageKey, options);
};
const days = (locale: string, counts: number[]) =>
  counts.map((count) => businessDaysPhrase({ min: count, max: count }, locale, translate(locale)));
const range = (locale: string, min: number, max: number) => businessDaysPhrase({ min, max }, locale, translate(locale));
const DASH = '\u2009–\u2009';

describe('business-day counts in every catalog language', () => {
  it('Arabic: 0, 1, 2, 5, 11 and 100 days take the six CLDR forms (zero, one, two, few, many, other)', () => {
    const rules = new Intl.PluralRules('ar');
    expect([0, 1, 2, 5, 11, 100].map((n) => rules.select(n))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    const texts = days('ar', [0, 1, 2, 5, 11, 100]);
    expect(texts).toEqual([
      'خلال يوم العمل نفسه', // zero: "within the same business day"
      'يوم عمل واحد', // one: singular noun, no numeral
      'يوما عمل', // two: the dual
      '5 أيام عمل', // few (3–10): plural noun
      '11 يوم عمل', // many (11–99): singular noun (tamyiz)
      '100 يوم عمل', // other
    ]);
    expect(new Set(texts).size).toBe(6);
  });

  it('Polish: 1, 2, 5, 22 and 25 (one, few, many, few, many)', () => {
    expect(days('pl', [1, 2, 5, 22, 25])).toEqual([
      '1 dzień roboczy',
      '2 dni robocze',
      '5 dni roboczych',
      '22 dni robocze',
      '25 dni roboczych',
    ]);
  });

  it('English: 1 vs 2', () => {
    expect(days('en', [1, 2])).toEqual(['1 business day', '2 business days']);
  });

  it('German, French and Japanese', () => {
    expect(days('de', [1, 3])).toEqual(['1 Werktag', '3 Werktage']);
    expect(days('fr', [0, 1, 2])).toEqual(['0 jour ouvré', '1 jour ouvré', '2 jours ouvrés']);
    expect(days('ja', [1, 3])).toEqual(['1営業日', '3営業日']);
  });

  it('a range takes the form CLDR plural ranges give the pair, not always the form of its end', () => {
    expect(range('en', 3, 6)).toBe('3–6 business days');
    expect(range('pl', 1, 2)).toBe('1–2 dni robocze'); // one + few → few
    expect(range('pl', 2, 5)).toBe('2–5 dni roboczych'); // few + many → many
    expect(range('pl', 5, 22)).toBe('5–22 dni robocze'); // many + few → few
    expect(range('fr', 0, 1)).toBe('0–1 jour ouvré'); // one + one → one
    expect(range('ar', 3, 6)).toBe('3–6 أيام عمل'); // few + few → few
    expect(range('ar', 3, 11)).toBe('3–11 يوم عمل'); // few + many → many
    expect(range('ja', 3, 6)).toBe('3～6営業日');
    expect(range('ar-EG', 3, 6)).toBe('٣–٦ أيام عمل'); // the locale's digits
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => range('en', 6, 3)).toThrow(DomainError);
  });
});

describe('the arrival sentence with its business days', () => {
  const window = { earliest: '2025-12-02', latest: '2025-12-05', timeZone: 'Europe/Berlin' };
  it('ends with the count, in each language', () => {
    expect(deliverySentence({ ...window, locale: 'en-US', businessDays: { min: 3, max: 6 } }, translate('en-US'))).toBe(
      `Arrives Tue, Dec 2${DASH}Fri, Dec 5 (3–6 business days)`,
    );
    expect(deliverySentence({ ...window, locale: 'pl-PL', businessDays: { min: 2, max: 5 } }, translate('pl-PL'))).toMatch(
      / \(2–5 dni roboczych\)$/,
    );
    expect(deliverySentence({ ...window, locale: 'ja-JP', businessDays: { min: 3, max: 6 } }, translate('ja-JP'))).toMatch(
      /（3～6営業日）$/,
    );
    expect(
      deliverySentence({ ...window, latest: window.earliest, locale: 'en-US', businessDays: { min: 1, max: 1 } }, translate('en-US')),
    ).toBe('Arrives Tue, Dec 2 (1 business day)');
  });
});

describe('counting business days', () => {
  it('skips weekends and public holidays of the destination, and never counts the order day', () => {
    // Tuesday 2025-12-23 → Monday 2025-12-29 in Germany: 24th (Wed) counts, 25/26 Dec are holidays, 27/28 a weekend.
    expect(businessDaysBetween('2025-12-23', '2025-12-29', { country: 'DE' })).toBe(2);
    expect(businessDaysBetween('2025-12-23', '2025-12-23', { country: 'DE' })).toBe(0);
  });

  it('counts from the destination’s own date at the instant of the order', () => {
    // 23:30 UTC on Monday 2025-12-01 is already Tuesday in Tokyo.
    const now = new Date('2025-12-01T23:30:00Z');
    expect(businessDaysUntil(now, { country: 'JP', timeZone: 'Asia/Tokyo' }, { earliest: '2025-12-03', latest: '2025-12-05' })).toEqual({
      min: 1,
      max: 3,
    });
    expect(
      businessDaysUntil(now, { country: 'US', timeZone: 'America/New_York' }, { earliest: '2025-12-03', latest: '2025-12-05' }),
    ).toEqual({ min: 2, max: 4 });
  });
});

describe('plural forms of day ranges (remembered per locale and range)', () => {
  it('are the forms Intl.PluralRules#selectRange gives, asked again and again', () => {
    for (const round of [1, 2]) {
      for (const locale of ['en-US', 'de-DE', 'fr-FR', 'pl-PL', 'ar-KW', 'ja-JP', 'ru-RU']) {
        const rules = new Intl.PluralRules(locale) as Intl.PluralRules & { selectRange(start: number, end: number): string };
        for (let min = 0; min <= 12; min++) {
          for (const max of [min, min + 1, min + 3, min + 20]) {
            expect(pluralRangeForm(locale, min, max), `${locale} ${min}–${max} round ${round}`).toBe(rules.selectRange(min, max));
          }
        }
      }
    }
    // Polish 1–2 is `few` like 2, French 0–1 stays `one`: the memo keeps the locale in its key.
    expect([pluralRangeForm('pl-PL', 1, 2), pluralRangeForm('fr-FR', 0, 1), pluralRangeForm('en-US', 0, 1)]).toEqual([
      'few',
      'one',
      'other',
    ]);
  });

  it('keeps at most its bound of forms', () => {
    const { max: PLURAL_RANGE_CACHE_LIMIT } = memoCacheStats('fulfillment.pluralRangeForms');
    for (let max = 0; max < PLURAL_RANGE_CACHE_LIMIT + 50; max++) pluralRangeForm('en-US', 0, max);
    expect(memoCacheStats('fulfillment.pluralRangeForms').size).toBe(PLURAL_RANGE_CACHE_LIMIT);
  });
});
