import { describe, expect, it } from 'vitest';
import { CATALOGS, SUPPORTED_LANGUAGES, createTranslator } from '../../../subgraphs/common/i18n/index.ts';
import type { Catalog } from '../../../subgraphs/common/i18n/index.ts';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf of a catalog as [dotted key, text]. */
function leaves(catalog: Catalog, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** The interpolation variables a message uses: '{{count, number}} x {{tag}}' → ['count', 'tag']. */
function variablesOf(text: string): string[] {
  return [...text.matchAll(/{{\s*([\w.]+)/g)].map((match) => match[1] ?? '').sort();
}

describe('catalogs', () => {
  const english = new Map(leaves(CATALOGS.en));
  const baseKeys = (catalog: Catalog) => new Set(leaves(catalog).map(([key]) => key.replace(PLURAL_SUFFIX, '')));

  it.each(SUPPORTED_LANGUAGES)('%s has every message English has, and no others', (language) => {
    expect([...baseKeys(CATALOGS[language])].sort()).toEqual([...baseKeys(CATALOGS.en)].sort());
  });

  it.each(SUPPORTED_LANGUAGES)('%s has exactly the plural forms Intl.PluralRules gives it', (language) => {
    const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    const pluralKeys = new Map<string, string[]>();
    for (const [key] of leaves(CATALOGS[language])) {
      const suffix = PLURAL_SUFFIX.exec(key)?.[1];
      if (suffix === undefined) continue;
      const base = key.replace(PLURAL_SUFFIX, '');
      pluralKeys.set(base, [...(pluralKeys.get(base) ?? []), suffix]);
    }
    expect(pluralKeys.size).toBeGreaterThan(0);
    for (const [base, suffixes] of pluralKeys) expect([base, suffixes.sort()]).toEqual([base, categories]);
  });

  it.each(SUPPORTED_LANGUAGES)('%s uses no interpolation variable English does not pass', (language) => {
    for (const [key, text] of leaves(CATALOGS[language])) {
      const englishKey = [...english.keys()].find((candidate) => candidate.replace(PLURAL_SUFFIX, '') === key.replace(PLURAL_SUFFIX, ''));
      const allowed = new Set(variablesOf(english.get(englishKey ?? '') ?? '').concat('count'));
      for (const variable of variablesOf(text)) expect(allowed.has(variable), `${language} ${key} uses {{${variable}}}`).toBe(true);
    }
  });
});

describe('createTranslator', () => {
  it('picks the catalog by language, caches instances per language, and formats in the full locale', () => {
    const austrian = createTranslator('de-AT');
    expect(austrian.locale).toBe('de');
    expect(austrian.formattingLocale).toBe('de-AT');
    expect(createTranslator('de-CH').t('price.taxIncluded')).toBe('inkl. MwSt.');
  });

  it('falls back to English for languages without a catalog and for malformed tags', () => {
    for (const locale of ['pt-BR', 'he', 'de_DE', '', undefined]) {
      const translator = createTranslator(locale);
      expect(translator.locale).toBe('en');
      expect(translator.dir).toBe('ltr'); // the text is English, so it runs left to right
      expect(translator.t('price.taxIncluded')).toBe('incl. VAT');
    }
  });

  it('marks Arabic right-to-left and the others left-to-right', () => {
    expect(createTranslator('ar').dir).toBe('rtl');
    expect(createTranslator('ar-EG').dir).toBe('rtl');
    for (const locale of ['en', 'de', 'fr', 'pl', 'ja']) expect(createTranslator(locale).dir).toBe('ltr');
  });

  it('interpolates without HTML escaping', () => {
    const t = createTranslator('en').t;
    expect(t('shipping.reason.RESTRICTED_GOODS', { tag: 'Batteries & "cells"', country: 'Kuwait' })).toBe(
      'We cannot ship Batteries & "cells" to Kuwait',
    );
  });
});

describe('plurals', () => {
  const businessDays = (locale: string, counts: number[]) =>
    counts.map((count) => createTranslator(locale).t('delivery.businessDays', { count }));

  it('English: one and other', () => {
    expect(businessDays('en', [1, 2])).toEqual(['1 business day', '2 business days']);
  });

  it('Polish: one, few and many (1, 2, 5, 22)', () => {
    expect(businessDays('pl', [1, 2, 5, 22])).toEqual(['1 dzień roboczy', '2 dni robocze', '5 dni roboczych', '22 dni robocze']);
    expect(createTranslator('pl').t('delivery.orderWithin', { count: 1 })).toBe('Zamów w ciągu 1 godziny');
    expect(createTranslator('pl').t('delivery.orderWithin', { count: 5 })).toBe('Zamów w ciągu 5 godzin');
  });

  it('Arabic: all six forms (0, 1, 2, 3, 11, 100)', () => {
    const t = createTranslator('ar').t;
    expect([0, 1, 2, 3, 11, 100].map((count) => t('delivery.orderWithin', { count }))).toEqual([
      'اطلب الآن',
      'اطلب خلال ساعة واحدة',
      'اطلب خلال ساعتين',
      'اطلب خلال 3 ساعات',
      'اطلب خلال 11 ساعة',
      'اطلب خلال 100 ساعة',
    ]);
  });

  it('Japanese: one form for every count', () => {
    expect(businessDays('ja', [1, 2, 5])).toEqual(['1営業日', '2営業日', '5営業日']);
  });

  it('French: 0 and 1 are singular, round millions take “de”', () => {
    expect(businessDays('fr', [0, 1, 2, 1_000_000])).toEqual([
      '0 jour ouvré',
      '1 jour ouvré',
      '2 jours ouvrés',
      '1\u202f000\u202f000 de jours ouvrés',
    ]);
  });
});

describe('locale-aware formatting', () => {
  it('writes numbers in the locale’s digits and separators', () => {
    expect(createTranslator('ar-EG').t('delivery.orderWithin', { count: 12 })).toBe('اطلب خلال ١٢ ساعة');
    expect(createTranslator('de').t('delivery.businessDays', { count: 1500 })).toBe('1.500 Werktage');
    expect(createTranslator('en').t('delivery.businessDays', { count: 1500 })).toBe('1,500 business days');
  });

  it('writes delivery dates and ranges in the shopper’s calendar words', () => {
    const range = { start: '2025-12-02', end: '2025-12-05' };
    expect(createTranslator('de-DE').t('delivery.arrives', { range })).toBe('Lieferung Di., 2.\u2009–\u2009Fr., 5. Dez.');
    // ICU sets the range dash between thin spaces (U+2009).
    expect(createTranslator('en-US').t('delivery.arrives', { range })).toBe('Arrives Tue, Dec 2\u2009–\u2009Fri, Dec 5');
    expect(createTranslator('ja').t('delivery.arrivesOn', { date: '2025-12-02' })).toBe('お届け予定日：12月2日(火)');
    expect(createTranslator('ar-EG').t('delivery.arrivesOn', { date: '2025-12-02' })).toBe('موعد التوصيل: الثلاثاء، ٢ ديسمبر');
  });

  it('keeps a calendar date on its day whatever the clock time of a Date value', () => {
    const lateEvening = new Date('2025-12-02T23:30:00Z');
    expect(createTranslator('en').t('delivery.arrivesOn', { date: lateEvening })).toBe('Arrives Tue, Dec 2');
  });

  it('passes a pre-formatted range through unchanged', () => {
    expect(createTranslator('fr').t('delivery.arrives', { range: 'demain' })).toBe('Livraison demain');
  });
});
