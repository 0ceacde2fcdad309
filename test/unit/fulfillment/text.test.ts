import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
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
    expect(formatDeliveryWindow({ earliest: '2026-12-02', latest: '2026-12-02', locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('Mi., 2. Dez.');
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

describe('sentences through i18next', () => {
  // Inline catalogs written like the shared ones (subgraphs/common/i18n): dates go through the
  // `calendarDate` formatter, ranges through `dateRange`, which passes a formatted string through.
  const i18n = i18next.createInstance();
  let en: Translate;
  let de: Translate;

  beforeAll(async () => {
    await i18n.init({
      lng: 'en',
      fallbackLng: 'en',
      resources: {
        en: {
          translation: {
            delivery: {
              arrives: 'Arrives {{range, dateRange}}',
              arrivesOn: 'Arrives {{date, calendarDate}}',
              orderWithin_one: 'Order within {{count}} hour',
              orderWithin_other: 'Order within {{count}} hours',
            },
            shipping: { reason: { RESTRICTED_GOODS: 'Items tagged “{{tag}}” cannot be shipped to {{country}}.' } },
          },
        },
        de: {
          translation: {
            delivery: {
              arrives: 'Lieferung {{range, dateRange}}',
              arrivesOn: 'Lieferung am {{date, calendarDate}}',
              orderWithin_one: 'Bestellen Sie innerhalb von {{count}} Stunde',
              orderWithin_other: 'Bestellen Sie innerhalb von {{count}} Stunden',
            },
            shipping: { reason: { EMBARGOED_DESTINATION: 'Kein Versand nach {{country}}.' } },
          },
        },
      },
      interpolation: { escapeValue: false },
    });
    i18n.services.formatter?.add('calendarDate', (value: string, lng) =>
      formatDeliveryWindow({ earliest: value, latest: value, locale: lng ?? 'en', timeZone: 'UTC' }),
    );
    i18n.services.formatter?.add('dateRange', (value: string) => value);
    en = i18n.getFixedT('en');
    de = i18n.getFixedT('de');
  });

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

  it('counts whole hours left, pluralised, and says nothing when under an hour or past the cut-off', () => {
    expect(orderWithinSentence(61, en)).toBe('Order within 1 hour');
    expect(orderWithinSentence(185, en)).toBe('Order within 3 hours');
    expect(orderWithinSentence(185, de)).toBe('Bestellen Sie innerhalb von 3 Stunden');
    expect(orderWithinSentence(59, en)).toBeNull();
    expect(orderWithinSentence(null, en)).toBeNull();
  });

  it('explains why it cannot ship with the country named in the shopper’s language', () => {
    expect(notShippableSentence({ reason: 'RESTRICTED_GOODS', country: 'KW', tag: 'alcohol', locale: 'en-US' }, en)).toBe(
      'Items tagged “alcohol” cannot be shipped to Kuwait.',
    );
    expect(notShippableSentence({ reason: 'EMBARGOED_DESTINATION', country: 'KP', locale: 'de-DE' }, de)).toBe('Kein Versand nach Nordkorea.');
  });
});
