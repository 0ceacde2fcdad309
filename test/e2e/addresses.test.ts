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
const DRY_SHAMPOO = stableObjectIdHex('BTY-DRYSHAMPOO-100'); // NL origin, base €14.50 net, stocked only in Venlo

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

describe('prices below the country', () => {
  const PRICE = /* GraphQL */ `
    query ($id: ID!) {
      product(id: $id) {
        spain: price(country: ES) { ...P }
        madrid: price(country: ES, postalCode: "28001") { ...P }
        lasPalmas: price(country: ES, postalCode: "35001") { ...P }
        houston: price(country: US, postalCode: "77002") { ...P }
        newYork: price(country: US, region: "US-NY") { ...P }
        buesingen: price(country: DE, postalCode: "78266") { ...P }
        switzerland: price(country: CH) { ...P }
      }
    }
    fragment P on ProductPrice {
      market { country } destinationPrecision amount { amount currencyCode } tax { amount { amount } ratePercent }
      taxJurisdiction { code name pricedAs ratePercent taxes { name ratePercent registration } note }
      explanation { steps { kind label } }
    }
  `;
  const taxLabels = (price: { explanation: { steps: { kind: string; label: string }[] } }) =>
    price.explanation.steps.filter((step) => step.kind === 'TAX' || step.kind === 'IMPORT_TAX').map((step) => step.label);

  /**
   * The tee's base price is USD 28.00; at the ECB's EUR/USD 1.1523 of 2026-11-24 and Spain's 1 % FX margin its net
   * is 28 ÷ 1.1523 × 1.01 = €24.5422…; it ships from the US, so the EU's flat low-value duty of €3 applies (the
   * Canaries are inside the EU customs territory).
   * - Madrid (Spanish VAT 21 %, EC TEDB): 24.5422 × 1.21 + 3 × 1.21 = 33.3261 → €33.33, as the country-level price.
   * - Las Palmas (outside the EU VAT area, Directive 2006/112/EC Art. 6; IGIC general 7 %, Ley 4/2012 art. 51):
   *   24.5422 × 1.07 + 3 × 1.07 = 29.4702 → €29.47, with no Spanish VAT.
   */
  it('Las Palmas pays IGIC 7 % and no Spanish VAT; Madrid pays what Spain pays', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, PRICE, { id: TEE });
    expect(errors).toBeUndefined();
    const { spain, madrid, lasPalmas } = data.product;
    expect(madrid).toMatchObject({
      destinationPrecision: 'POSTAL_CODE',
      amount: { amount: '33.33' },
      tax: { ratePercent: '21' },
      taxJurisdiction: null,
    });
    expect(spain).toMatchObject({ destinationPrecision: 'COUNTRY', amount: madrid.amount, tax: madrid.tax });
    expect(lasPalmas).toMatchObject({
      market: { country: 'ES' },
      amount: { amount: '29.47', currencyCode: 'EUR' },
      tax: { ratePercent: '7' },
      taxJurisdiction: {
        code: 'ES-CN',
        name: 'Canary Islands',
        ratePercent: '7',
        taxes: [{ name: 'IGIC', ratePercent: '7', registration: null }],
      },
    });
    expect(taxLabels(lasPalmas)).toEqual([
      'VAT/GST 7 % — Canary Islands: IGIC 7 %',
      'Import VAT/GST 7 % on the duty — Canary Islands: IGIC 7 %',
    ]);
  });

  // Texas Comptroller: state 6.25 % + at most 2 % local = 8.25 %; USD 28.00 × 8.25 % = 2.31. New York: the merchant's
  // sales there (USD 180,000) are below the USD 500,000 threshold of Tax Law § 1101(b)(8)(iv): nothing collected.
  it('a US state with nexus is charged its rate (the highest, lacking a street address); one without is not, and says why', async () => {
    const { data } = await graphql(stack.gatewayUrl, PRICE, { id: TEE });
    const { houston, newYork } = data.product;
    expect(houston).toMatchObject({ amount: { amount: '28.00' }, tax: { amount: { amount: '2.31' }, ratePercent: '8.25' } });
    expect(houston.taxJurisdiction.note).toContain('the highest combined rate of the state, 8.25 %');
    expect(newYork).toMatchObject({ destinationPrecision: 'REGION', tax: { amount: { amount: '0.00' }, ratePercent: '0' } });
    expect(newYork.taxJurisdiction.note).toMatch(/^No sales tax collected: the merchant's sales into New York \(180000\.00 USD/);
  });

  it('Büsingen is priced as Switzerland: Swiss market, VAT and customs', async () => {
    const { data } = await graphql(stack.gatewayUrl, PRICE, { id: TEE });
    const { buesingen, switzerland } = data.product;
    expect(buesingen).toMatchObject({
      market: { country: 'CH' },
      amount: switzerland.amount,
      tax: switzerland.tax,
      taxJurisdiction: { code: 'DE-BUESINGEN', pricedAs: 'CH', taxes: [] },
    });
    expect(buesingen.amount.currencyCode).toBe('CHF');
  });

  /**
   * Two tees to Canada: items CAD 80.14 (the country's price, 2 × 40.07), DAP, so the border's tax is due on
   * delivery on the value for duty (FOB: the items). CRA: GST 5 %, Ontario HST 13 %; Revenu Québec: QST 9.975 %.
   * - Canada, country level: 80.14 × 5 % = 4.007 → 4.01.
   * - Toronto: 80.14 × 13 % = 10.4182 → 10.42.
   * - Montreal: 80.14 × (5 % + 9.975 %) = 12.000965 → 12.00.
   */
  it('Montreal pays GST + QST and Toronto HST, where Canada alone pays GST', async () => {
    const QUOTE = /* GraphQL */ `
      query ($lines: [QuoteLineInput!]!) {
        canada: quote(lines: $lines, shipTo: { country: CA }) { ...Q }
        toronto: quote(lines: $lines, shipTo: { country: CA, postalCode: "M5V 3L9", city: "Toronto" }) { ...Q }
        montreal: quote(lines: $lines, shipTo: { country: CA, postalCode: "H3Z 2Y7", city: "Montréal" }) { ...Q }
      }
      fragment Q on Quote {
        shipToRegion items { amount } importTax { amount } taxJurisdiction { code ratePercent taxes { name ratePercent registration } }
        dueOnDeliveryExplanation { steps { kind label } }
      }
    `;
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: TEE, quantity: 2 }] });
    expect(errors).toBeUndefined();
    expect(data.canada).toMatchObject({
      shipToRegion: null,
      items: { amount: '80.14' },
      importTax: { amount: '4.01' },
      taxJurisdiction: null,
    });
    expect(data.toronto).toMatchObject({ shipToRegion: 'CA-ON', items: { amount: '80.14' }, importTax: { amount: '10.42' } });
    expect(data.toronto.taxJurisdiction).toEqual({
      code: 'CA-ON',
      ratePercent: '13',
      taxes: [{ name: 'HST', ratePercent: '13', registration: 'CA_GST_HST' }],
    });
    expect(data.montreal).toMatchObject({ shipToRegion: 'CA-QC', items: { amount: '80.14' }, importTax: { amount: '12.00' } });
    expect(data.montreal.taxJurisdiction).toEqual({
      code: 'CA-QC',
      ratePercent: '14.975',
      taxes: [
        { name: 'GST', ratePercent: '5', registration: 'CA_GST_HST' },
        { name: 'QST', ratePercent: '9.975', registration: 'QC_QST' },
      ],
    });
    // The explanation of what is due on delivery names the jurisdiction whose taxes the import tax is.
    const importTaxLabels = (quote: { dueOnDeliveryExplanation: { steps: { kind: string; label: string }[] } }) =>
      quote.dueOnDeliveryExplanation.steps.filter((step) => step.kind === 'IMPORT_TAX').map((step) => step.label);
    expect(importTaxLabels(data.montreal).every((label) => label.endsWith(' — Quebec: GST 5 % + QST 9.975 %'))).toBe(true);
    expect(importTaxLabels(data.montreal).length).toBeGreaterThan(0);
    expect(importTaxLabels(data.toronto).every((label) => label.endsWith(' — Ontario: HST 13 %'))).toBe(true);
    expect(importTaxLabels(data.canada).some((label) => label.includes(' — '))).toBe(false);
  });
});

describe('special territories', () => {
  const PRICE = /* GraphQL */ `
    query ($id: ID!) {
      product(id: $id) {
        madrid: price(country: ES, postalCode: "28013") { ...P }
        lasPalmas: price(country: ES, postalCode: "35001") { ...P }
        ceuta: price(country: ES, postalCode: "51001") { ...P }
        aland: price(country: FI, postalCode: "22100") { ...P }
        reunion: price(country: FR, postalCode: "97400") { ...P }
        belfast: price(country: GB, postalCode: "BT1 5GS") { ...P }
      }
    }
    fragment P on ProductPrice {
      market { country } amount { amount currencyCode } tax { ratePercent } duty { amount { amount } }
      taxJurisdiction { code taxes { name ratePercent } insideCustomsTerritory insideVatArea goodsCustomsUnion }
    }
  `;

  /**
   * The dry shampoo: base €14.50 net, made in the Netherlands, so the page prices it as leaving from the EU (no
   * tariff to any of these: in free circulation, or outside the customs territory whose tariff is not modelled).
   * - Madrid, Spanish VAT 21 %: 14.50 × 1.21 = 17.545 → €17.55.
   * - Las Palmas, IGIC 7 % (Ley 4/2012 art. 51): 14.50 × 1.07 = 15.515 → €15.52.
   * - Ceuta, IPSI at the statutory maximum 10 % (Ley 8/1991): 14.50 × 1.10 = €15.95.
   * - Åland, Finnish VAT 25.5 % (Arvonlisäverolaki § 84) once, on import: 14.50 × 1.255 = 18.1975 → €18.20.
   * - Réunion, DOM VAT 8.5 % (CGI art. 296): 14.50 × 1.085 = 15.7325 → €15.73.
   * - Belfast, UK VAT 20 %: ECB EUR/GBP 0.87720 of 2026-11-24 and the UK's 1.5 % FX margin,
   *   14.50 × 0.8772 × 1.015 × 1.20 = 15.4922… → £15.49; no duty (Windsor Framework: from the EU it is no import).
   */
  it('each territory pays its own tax on the page, and none of them a tariff on EU goods', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, PRICE, { id: DRY_SHAMPOO });
    expect(errors).toBeUndefined();
    const { madrid, lasPalmas, ceuta, aland, reunion, belfast } = data.product;
    expect(madrid).toMatchObject({ amount: { amount: '17.55' }, tax: { ratePercent: '21' }, taxJurisdiction: null });
    expect(lasPalmas).toMatchObject({ amount: { amount: '15.52' }, tax: { ratePercent: '7' }, duty: null });
    expect(ceuta).toMatchObject({
      amount: { amount: '15.95' },
      tax: { ratePercent: '10' },
      taxJurisdiction: {
        code: 'ES-CE',
        taxes: [{ name: 'IPSI', ratePercent: '10' }],
        insideCustomsTerritory: false,
        insideVatArea: false,
        goodsCustomsUnion: null,
      },
    });
    expect(aland).toMatchObject({
      market: { country: 'FI' },
      amount: { amount: '18.20' },
      taxJurisdiction: {
        code: 'FI-ALAND',
        taxes: [{ name: 'VAT (FI)', ratePercent: '25.5' }],
        insideCustomsTerritory: true,
        insideVatArea: false,
      },
    });
    expect(reunion).toMatchObject({
      amount: { amount: '15.73' },
      taxJurisdiction: { code: 'FR-974', taxes: [{ name: 'TVA (DOM)', ratePercent: '8.5' }] },
    });
    expect(belfast).toMatchObject({
      market: { country: 'GB' },
      amount: { amount: '15.49', currencyCode: 'GBP' },
      tax: { ratePercent: '20' },
      // No tariff at all (null): from the EU it is no import.
      duty: null,
      taxJurisdiction: { code: 'GB-NIR', insideCustomsTerritory: true, insideVatArea: true, goodsCustomsUnion: 'EU' },
    });
  });

  const QUOTE = /* GraphQL */ `
    query ($lines: [QuoteLineInput!]!, $shipTo: ShipToInput!) {
      quote(lines: $lines, shipTo: $shipTo) {
        shipments { fromWarehouse { country } }
        duty { amount } importTax { amount }
        consignments { fromCountry crossesCustomsBorder duty { amount } collection { collector schemeCode } }
        customsDeclarations { fromCountry toCountry crossesCustomsBorder items { productId quantity } }
      }
    }
  `;
  const quoteTo = (shipTo: Record<string, string>) =>
    graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: DRY_SHAMPOO, quantity: 1 }], shipTo });

  // The Canaries are outside the EU VAT area: the parcel leaves the VAT area at Venlo (an export) and is declared
  // into the islands, where IGIC is due; it is in free circulation in the customs territory, so no duty. IOSS is
  // EU VAT and does not reach the islands: we clear it (DDP).
  it('Venlo → Las Palmas is an export: the parcel is declared, owes no duty, and no IOSS scheme collects', async () => {
    const { data, errors } = await quoteTo({ country: 'ES', postalCode: '35001', city: 'Las Palmas de Gran Canaria' });
    expect(errors).toBeUndefined();
    const { quote } = data;
    expect(quote.shipments).toEqual([{ fromWarehouse: { country: 'NL' } }]);
    expect(quote.customsDeclarations).toEqual([
      { fromCountry: 'NL', toCountry: 'ES', crossesCustomsBorder: true, items: [{ productId: DRY_SHAMPOO, quantity: 1 }] },
    ]);
    expect(quote.consignments[0]).toMatchObject({ fromCountry: 'NL', crossesCustomsBorder: true, duty: { amount: '0.00' } });
    expect(quote.consignments[0].collection.schemeCode).toBeNull();
    expect(quote.duty.amount).toBe('0.00');
    // The same parcel to Madrid crosses nothing.
    const madrid = await quoteTo({ country: 'ES', postalCode: '28013' });
    expect(madrid.data.quote.consignments[0].crossesCustomsBorder).toBe(false);
  });

  it('Venlo → Ceuta, Åland and Réunion are declared too', async () => {
    for (const shipTo of [
      { country: 'ES', postalCode: '51001' },
      { country: 'FI', postalCode: '22100' },
      { country: 'FR', postalCode: '97400' },
    ]) {
      const { data, errors } = await quoteTo(shipTo);
      expect(errors).toBeUndefined();
      expect(data.quote.consignments[0]).toMatchObject({ fromCountry: 'NL', crossesCustomsBorder: true, duty: { amount: '0.00' } });
    }
  });

  // Windsor Framework: goods from a member state to Northern Ireland stay inside the EU's rules for goods, an
  // intra-EU distance sale with UK VAT: no declaration, no duty, no import tax.
  it('Venlo → Belfast is no import', async () => {
    const { data, errors } = await quoteTo({ country: 'GB', postalCode: 'BT1 5GS', city: 'Belfast' });
    expect(errors).toBeUndefined();
    expect(data.quote.consignments[0]).toMatchObject({ fromCountry: 'NL', crossesCustomsBorder: false, duty: { amount: '0.00' } });
    expect(data.quote.importTax.amount).toBe('0.00');
    expect(
      data.quote.customsDeclarations.every((declaration: { crossesCustomsBorder: boolean }) => !declaration.crossesCustomsBorder),
    ).toBe(true);
  });
});
