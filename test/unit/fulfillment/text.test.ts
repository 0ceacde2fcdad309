import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { createTranslator, type MessageKey } from '../../../subgraphs/common/i18n/index.ts';
import type { Translate } from '../../../subgraphs/fulfillment/domain/text.ts';
import {
  deliverySentence,
  formatDeliveryWindow,
  notShippableSentence,
  orderWithinSentence,
} from '../../../subgraphs/fulfillment/domain/text.ts';

// ICU puts thin spaces (U+2009) around the en dash of a date range.
const DASH = '\u2009–\u2009';

describe('formatDeliveryWindow', () => {
  it('writes the window the way each locale writes a date range', () => {
    expect(formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-05', locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      `Wed, Dec 2${DASH}Sat, Dec 5`,
    );
    expect(formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-05', locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe(
      `Mi., 2.${DASH}Sa., 5. Dez.`,
    );
  });

  it('shows a one-day window as a single date', () => {
    expect(formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe(
      'Mi., 2. Dez.',
    );
  });

  it('writes Arabic with Arabic month and weekday names (and Arabic-Indic digits for ar-KW)', () => {
    const ar = formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-05', locale: 'ar', timeZone: 'Asia/Kuwait' });
    expect(ar).toContain('ديسمبر');
    expect(ar).toContain('الأربعاء');
    const arKw = formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-05', locale: 'ar-KW', timeZone: 'Asia/Kuwait' });
    expect(arKw).toContain('٢');
    expect(arKw).toContain('٥');
    expect(arKw).not.toMatch(/[0-9]/);
  });

  it('adds the years when the window crosses New Year', () => {
    const text = formatDeliveryWindow({ earliest: '2026-12-30', latest: '2027-01-04', locale: 'en-US', timeZone: 'Europe/Berlin' });
    expect(text).toBe(`Wed, Dec 30, 2026${DASH}Mon, Jan 4, 2027`);
  });

  it('keeps the calendar day in zones at both ends of the date line', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'en-US', timeZone })).toBe('Wed, Dec 2');
    }
  });

  it('refuses an inverted window, an unknown zone and a malformed locale', () => {
    const ok = { earliest: '2026-12-02', latest: '2026-12-05', locale: 'en-US', timeZone: 'Europe/Berlin' };
    expect(() => formatDeliveryWindow({ ...ok, earliest: '2026-12-06' })).toThrow(DomainError);
    expect(() => formatDeliveryWindow({ ...ok, timeZone: 'Europe/Atlantis' })).toThrow(DomainError);
    expect(() => formatDeliveryWindow({ ...ok, locale: 'en_US!!' })).toThrow(DomainError);
  });
});

describe('sentences through the production catalogs', () => {
  // The translator the fulfillment subgraph uses: the shared catalogs (subgraphs/common/i18n) with their
  // `calendarDate` and `dateRange` formatters, so a wording or formatter change there shows up here.
  const translate = (locale: string): Translate => {
    const translator = createTranslator(locale);
    return (key, options) => translator.t(key as MessageKey, options);
  };
  const en = translate('en-US');
  const de = translate('de-DE');
  const ja = translate('ja-JP');

  it('fills delivery.arrives with the formatted range, in each language', () => {
    const window = { earliest: '2026-12-02', latest: '2026-12-05', timeZone: 'Europe/Berlin' };
    expect(deliverySentence({ ...window, locale: 'en-US' }, en)).toBe(`Arrives Wed, Dec 2${DASH}Sat, Dec 5`);
    expect(deliverySentence({ ...window, locale: 'de-DE' }, de)).toBe(`Lieferung Mi., 2.${DASH}Sa., 5. Dez.`);
  });

  it('uses delivery.arrivesOn with the ISO date for a one-day window, which the catalog formats', () => {
    expect(deliverySentence({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'de-DE', timeZone: 'Europe/Berlin' }, de)).toBe(
      'Lieferung am Mi., 2. Dez.',
    );
    expect(deliverySentence({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'en-US', timeZone: 'Europe/Berlin' }, en)).toBe(
      'Arrives Wed, Dec 2',
    );
  });

  it('keeps the calendar day when the catalog formats a one-day window in a zone far from UTC', () => {
    expect(deliverySentence({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'en-US', timeZone: 'Pacific/Kiritimati' }, en)).toBe(
      'Arrives Wed, Dec 2',
    );
  });

  it('counts whole hours left, pluralised, and says nothing when under an hour or past the cut-off', () => {
    expect(orderWithinSentence(61, en)).toBe('Order within 1 hour');
    expect(orderWithinSentence(185, en)).toBe('Order within 3 hours');
    expect(orderWithinSentence(61, de)).toBe('Bestellung innerhalb von 1 Stunde');
    expect(orderWithinSentence(185, de)).toBe('Bestellung innerhalb von 3 Stunden');
    expect(orderWithinSentence(59, en)).toBeNull();
    expect(orderWithinSentence(null, en)).toBeNull();
  });

  it('explains why it cannot ship with the goods and the country named in the shopper’s language', () => {
    expect(notShippableSentence({ reason: 'RESTRICTED_GOODS', country: 'KW', tag: 'alcohol', locale: 'en-US' }, en)).toBe(
      'We cannot ship alcoholic beverages to Kuwait',
    );
    expect(notShippableSentence({ reason: 'RESTRICTED_GOODS', country: 'KW', tag: 'alcohol', locale: 'de-DE' }, de)).toBe(
      'Versand von alkoholischen Getränken in das Lieferland Kuwait ist nicht möglich',
    );
    expect(notShippableSentence({ reason: 'EMBARGOED_DESTINATION', country: 'KP', locale: 'de-DE' }, de)).toBe(
      'Aufgrund von Handelsbeschränkungen liefern wir nicht in das Lieferland Nordkorea',
    );
  });

  it('shows a compliance tag the catalog has no label for as its code', () => {
    expect(notShippableSentence({ reason: 'RESTRICTED_GOODS', country: 'GB', tag: 'fireworks', locale: 'en-US' }, en)).toBe(
      'We cannot ship fireworks to United Kingdom',
    );
  });

  it('writes Japanese sentences from the Japanese catalog', () => {
    const sentence = deliverySentence({ earliest: '2026-12-02', latest: '2026-12-05', locale: 'ja-JP', timeZone: 'Asia/Tokyo' }, ja);
    expect(sentence).toBe('お届け予定：12/02(水)～12/05(土)');
  });
});
