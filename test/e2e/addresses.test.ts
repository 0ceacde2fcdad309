import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

/**
 * Destinations below the country, through the gateway: the address a quote takes and the precision it reports,
 * postal codes checked against Google's address data, each country's address form, and deliveries that differ
 * within a country (Hawaii's zone and air transit, Utah's alcohol rule).
 */

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const TEE = stableObjectIdHex('APP-TEE-NAV'); // stocked in New Jersey
const SAKE = stableObjectIdHex('PAN-SAKE-720'); // alcohol, stocked in Chiba

describe('quote(shipTo:) with an address', () => {
  const QUOTE = /* GraphQL */ `
    query ($shipTo: ShipToInput!, $lines: [QuoteLineInput!]!) {
      quote(lines: $lines, shipTo: $shipTo) { id shipToCountry shipToRegion shipToPostalCode shipToCity destinationPrecision }
    }
  `;

  it('fills in the region from the postal code and says the answer is at postal-code precision', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, {
      lines: [{ productId: TEE, quantity: 1 }],
      shipTo: { country: 'ES', postalCode: '35001', city: 'Las Palmas de Gran Canaria' },
    });
    expect(errors).toBeUndefined();
    expect(data.quote).toMatchObject({
      shipToCountry: 'ES',
      shipToRegion: 'ES-GC',
      shipToPostalCode: '35001',
      shipToCity: 'Las Palmas de Gran Canaria',
      destinationPrecision: 'POSTAL_CODE',
    });
    expect(data.quote.id).toBe(`ES:${TEE}x1;region=ES-GC;postal=35001;city=Las%20Palmas%20de%20Gran%20Canaria`);
  });

  it('a country alone keeps its id and is country precision', async () => {
    const { data } = await graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: TEE, quantity: 1 }], shipTo: { country: 'ES' } });
    expect(data.quote).toMatchObject({ id: `ES:${TEE}x1`, shipToRegion: null, destinationPrecision: 'COUNTRY' });
  });

  it('refuses a postal code that cannot exist, naming it and the expected pattern', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, {
      lines: [{ productId: TEE, quantity: 1 }],
      shipTo: { country: 'CA', postalCode: 'D3Z 2Y7' },
    });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('postalCode "D3Z 2Y7" cannot exist in CA: expected the pattern [ABCEGHJKLMNPRSTVXY]');
  });

  it('refuses a region of another country', async () => {
    const { errors } = await graphql(stack.gatewayUrl, QUOTE, {
      lines: [{ productId: TEE, quantity: 1 }],
      shipTo: { country: 'CA', region: 'US-UT' },
    });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/^region "US-UT" is not an ISO 3166-2 region of CA: expected one of CA-AB, /);
  });
});

describe('Query.addressFormat', () => {
  const FORMAT = /* GraphQL */ `
    query ($country: CountryCode!, $locale: Locale, $address: LabelAddressInput!) {
      addressFormat(country: $country, locale: $locale) {
        country locale phoneRequired
        fields { field label required line }
        postalCode { pattern examples }
        regions { code name localName }
        label(address: $address)
      }
    }
  `;

  it('Japan in Japanese: postal code first, then prefecture, with Japanese labels and prefecture names', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, FORMAT, {
      country: 'JP',
      locale: 'ja',
      address: { name: '山田太郎', addressLines: ['千代田区丸の内1-1'], region: 'JP-13', postalCode: '100-0005' },
    });
    expect(errors).toBeUndefined();
    const format = data.addressFormat;
    expect(format.fields).toEqual([
      { field: 'POSTAL_CODE', label: '郵便番号', required: true, line: 0 },
      { field: 'REGION', label: '都道府県', required: true, line: 1 },
      { field: 'ADDRESS_LINES', label: '住所', required: true, line: 2 },
      { field: 'ORGANIZATION', label: '会社名', required: false, line: 3 },
      { field: 'NAME', label: '氏名', required: false, line: 4 },
    ]);
    expect(format.postalCode).toEqual({
      pattern: '\\d{3}-?\\d{4}',
      examples: ['154-0023', '350-1106', '951-8073', '112-0001', '208-0032', '231-0012'],
    });
    expect(format.regions).toHaveLength(47);
    expect(format.regions[12]).toEqual({ code: 'JP-13', name: '東京都', localName: '東京都' });
    expect(format.label).toEqual(['〒100-0005', '東京都', '千代田区丸の内1-1', '山田太郎', '日本']);
    expect(format.phoneRequired).toBe(true);
  });

  it('the United Kingdom in German: no region, a post town, German labels', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, FORMAT, {
      country: 'GB',
      locale: 'de',
      address: { name: 'Jane Doe', addressLines: ['10 Downing Street'], city: 'London', postalCode: 'SW1A 2AA' },
    });
    expect(errors).toBeUndefined();
    expect(
      data.addressFormat.fields.map((field: { field: string; label: string; required: boolean }) => [
        field.field,
        field.label,
        field.required,
      ]),
    ).toEqual([
      ['NAME', 'Vollständiger Name', false],
      ['ORGANIZATION', 'Firma', false],
      ['ADDRESS_LINES', 'Straße und Hausnummer', true],
      ['CITY', 'Poststadt', true],
      ['POSTAL_CODE', 'Postleitzahl', true],
    ]);
    expect(data.addressFormat.label).toEqual(['Jane Doe', '10 Downing Street', 'LONDON', 'SW1A 2AA', 'VEREINIGTES KÖNIGREICH']);
  });
});

describe('Product.delivery within a country', () => {
  const DELIVERY = /* GraphQL */ `
    query ($id: ID!, $sake: ID!) {
      tee: product(id: $id) {
        chicago: delivery(shipTo: US, postalCode: "60601") { region timeZone precision destinationArea earliest latest }
        honolulu: delivery(shipTo: US, postalCode: "96813") { region timeZone precision destinationArea earliest latest }
        country: delivery(shipTo: US) { region timeZone precision destinationArea earliest latest }
      }
      sake: product(id: $sake) {
        chicago: delivery(shipTo: US, region: "US-IL") { shippable }
        saltLakeCity: delivery(shipTo: US, postalCode: "84101") { shippable reason restrictedTag region }
      }
    }
  `;

  it('Honolulu arrives later than Chicago; each is read in its own zone', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, DELIVERY, { id: TEE, sake: SAKE });
    expect(errors).toBeUndefined();
    const { chicago, honolulu, country } = data.tee;
    expect(chicago).toMatchObject({ region: 'US-IL', timeZone: 'America/Chicago', precision: 'POSTAL_CODE', destinationArea: 'US-IL' });
    expect(honolulu).toMatchObject({ region: 'US-HI', timeZone: 'Pacific/Honolulu', precision: 'POSTAL_CODE', destinationArea: 'US-HI' });
    expect(country).toMatchObject({ region: null, timeZone: 'America/New_York', precision: 'COUNTRY', destinationArea: null });
    expect(honolulu.earliest > chicago.earliest).toBe(true);
    expect(honolulu.latest > chicago.latest).toBe(true);
  });

  it('alcohol ships to Illinois but not to Utah', async () => {
    const { data } = await graphql(stack.gatewayUrl, DELIVERY, { id: TEE, sake: SAKE });
    expect(data.sake.chicago.shippable).toBe(true);
    expect(data.sake.saltLakeCity).toEqual({ shippable: false, reason: 'RESTRICTED_GOODS', restrictedTag: 'alcohol', region: 'US-UT' });
  });
});
