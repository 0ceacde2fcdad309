import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const SWITCHER = /* GraphQL */ `
  query Switcher($country: CountryCode, $locale: Locale) {
    localization(country: $country, locale: $locale) {
      displayLocale
      direction
      country { code name currency languages { locale name } }
      countries { code name currency }
      languages { locale name nativeName direction }
    }
  }
`;

describe('Query.localization: what a locale switcher needs', () => {
  it('describes the markets and languages in the requested locale, and the chosen country in detail', async () => {
    const response = await graphql(stack.gatewayUrl, SWITCHER, { country: 'KW', locale: 'de-DE' });
    expect(response.errors).toBeUndefined();
    expect(response.data.localization).toEqual({
      displayLocale: 'de-DE',
      direction: 'LTR',
      country: {
        code: 'KW',
        name: 'Kuwait',
        currency: 'KWD',
        languages: [
          { locale: 'ar', name: 'Arabisch' },
          { locale: 'en', name: 'Englisch' },
        ],
      },
      // Every market pricing sells to (one list of where we sell), ordered by code.
      countries: expect.arrayContaining([
        { code: 'CH', name: 'Schweiz', currency: 'CHF' },
        { code: 'DE', name: 'Deutschland', currency: 'EUR' },
        { code: 'GB', name: 'Vereinigtes Königreich', currency: 'GBP' },
        { code: 'JP', name: 'Japan', currency: 'JPY' },
        { code: 'KW', name: 'Kuwait', currency: 'KWD' },
        { code: 'NL', name: 'Niederlande', currency: 'EUR' },
        { code: 'US', name: 'Vereinigte Staaten', currency: 'USD' },
      ]),
      languages: [
        { locale: 'en', name: 'Englisch', nativeName: 'English', direction: 'LTR' },
        { locale: 'de', name: 'Deutsch', nativeName: 'Deutsch', direction: 'LTR' },
        { locale: 'fr', name: 'Französisch', nativeName: 'français', direction: 'LTR' },
        { locale: 'ja', name: 'Japanisch', nativeName: '日本語', direction: 'LTR' },
        { locale: 'ar', name: 'Arabisch', nativeName: 'العربية', direction: 'RTL' },
        { locale: 'zh-Hans', name: 'Chinesisch (vereinfacht)', nativeName: '简体中文', direction: 'LTR' },
        { locale: 'zh-Hant', name: 'Chinesisch (traditionell)', nativeName: '繁體中文', direction: 'LTR' },
      ],
    });
  });

  it('lists as countries exactly the markets pricing sells to', async () => {
    const response = await graphql(stack.gatewayUrl, '{ localization { countries { code } } markets { country } }');
    expect(response.errors).toBeUndefined();
    const markets = response.data.markets.map((market: { country: string }) => market.country).sort();
    expect(response.data.localization.countries.map((country: { code: string }) => country.code)).toEqual(markets);
  });

  it('negotiates the display locale from Accept-Language when the query names none, right to left for Arabic', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ localization { displayLocale direction countries { code name } } }',
      {},
      {
        'accept-language': 'ar-KW, en;q=0.5',
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.localization).toMatchObject({ displayLocale: 'ar', direction: 'RTL' });
    expect(response.data.localization.countries.find((country: { code: string }) => country.code === 'KW').name).toBe('الكويت');
  });

  it('leaves country null when none is asked for', async () => {
    const response = await graphql(stack.gatewayUrl, SWITCHER, { locale: 'en' });
    expect(response.errors).toBeUndefined();
    expect(response.data.localization.country).toBeNull();
    expect(response.data.localization.countries.find((country: { code: string }) => country.code === 'DE').name).toBe('Germany');
  });

  it('refuses an unknown country or a malformed locale with BAD_USER_INPUT naming it', async () => {
    const country = await graphql(stack.gatewayUrl, SWITCHER, { country: 'XX', locale: 'en' });
    expect(country.errors?.[0]).toMatchObject({ message: expect.stringContaining('"XX"'), extensions: { code: 'BAD_USER_INPUT' } });
    const locale = await graphql(stack.gatewayUrl, SWITCHER, { locale: 'xx-!!' });
    expect(locale.errors?.[0]).toMatchObject({ message: expect.stringContaining('"xx-!!"'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
