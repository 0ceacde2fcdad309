import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { isValidGtin } from '../../scripts/seed/customs-data.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

/**
 * Issue #23: preferential origin and the customs data of each parcel, through the gateway. The Japanese headphones
 * come in a variant whose origin the merchant can prove under the EU–Japan EPA (sand: the maker's statement on
 * origin) and one it cannot (black). Figures worked by hand from the seed (the MFN 2 % and the 0 % EPA rate are its
 * illustrative tariff rows, memo §13):
 * - Base ¥38,000; EUR/JPY 180.12 (ECB sample of 2026-11-24); DE FX margin 1 %: net = 38000 ÷ 180.12 × 1.01 =
 *   €213.08016…
 * - Black, MFN: shown = net × (1.19 + 0.02 × 1.19) = net × 1.2138 = €258.6367… → €258.64 (the README's page).
 * - Sand, EU–JP EPA 0 %: shown = net × 1.19 = €253.5654… → €253.57; net 253.57 ÷ 1.19 = €213.08; VAT €40.49.
 */

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const SAND = stableObjectIdHex('ELE-ANC-SAN'); // JP origin, proof held, stocked only in Chiba
const BLACK = stableObjectIdHex('ELE-ANC-BLA'); // JP origin, no proof, stocked only in Chiba
const DRY_SHAMPOO = stableObjectIdHex('BTY-DRYSHAMPOO-100'); // NL origin, stocked only in Venlo

const PREFERENCE = '{ agreement proof statementReference originCountry ratePercent mfnRatePercent verified }';

describe('preferential origin on the product page', () => {
  it('DE: the sand headphones (statement on origin) owe 0 % under the EU–Japan EPA, the black ones 2 % MFN', async () => {
    const query = /* GraphQL */ `
      query ($sand: ID!, $black: ID!) {
        sand: product(id: $sand) { price(country: DE) { amount { amount } tax { amount { amount } } duty { amount { amount } basis ratePercent preference ${PREFERENCE} } explanation { steps { kind label } } } }
        black: product(id: $black) { price(country: DE) { amount { amount } duty { amount { amount } ratePercent preference ${PREFERENCE} } } }
      }
    `;
    const { data, errors } = await graphql(stack.gatewayUrl, query, { sand: SAND, black: BLACK });
    expect(errors).toBeUndefined();
    expect(data.black.price.amount.amount).toBe('258.64');
    expect(data.black.price.duty).toMatchObject({ amount: { amount: '4.26' }, ratePercent: '2', preference: null });
    expect(data.sand.price.amount.amount).toBe('253.57');
    expect(data.sand.price.tax.amount.amount).toBe('40.49');
    expect(data.sand.price.duty).toMatchObject({
      amount: { amount: '0.00' },
      basis: 'AD_VALOREM',
      ratePercent: '0',
      preference: { agreement: 'EU-JP-EPA', proof: 'statement on origin', originCountry: 'JP', ratePercent: '0', mfnRatePercent: '2' },
    });
    const duty = data.sand.price.explanation.steps.find((step: { kind: string }) => step.kind === 'DUTY');
    expect(duty.label).toContain('EU–Japan Economic Partnership Agreement');
  });
});

describe('Quote.customsDeclarations', () => {
  const QUOTE = /* GraphQL */ `
    query ($lines: [QuoteLineInput!]!) {
      quote(lines: $lines, shipTo: { country: DE }) {
        shipments { fromWarehouse { country } }
        duty { amount } importTax { amount } total { amount } freeShipping
        pricedLines { productId duty { amount } dutyPreference { agreement } }
        customsDeclarations {
          shipmentIndex fromCountry toCountry tariffTerritory crossesCustomsBorder category incoterm descriptionLanguage currency
          totalValue { amount currencyCode } totalNetWeightGrams registrationNumber
          preferenceClaims ${PREFERENCE}
          items {
            productId merchantProductId gtin description tariffCode tariffCodeVerified nationalPrecision originCountry quantity
            netWeightGrams unitValue { amount } value { amount } preference { agreement }
          }
        }
      }
    }
  `;

  it('a German cart of both headphones (Chiba) and a dry shampoo (Venlo): each parcel declares its items, the Chiba one the EPA claim', async () => {
    const lines = [
      { productId: SAND, quantity: 1 },
      { productId: BLACK, quantity: 1 },
      { productId: DRY_SHAMPOO, quantity: 1 },
    ];
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, { lines });
    expect(errors).toBeUndefined();
    const { quote } = data;
    const countries = quote.shipments.map((shipment: { fromWarehouse: { country: string } }) => shipment.fromWarehouse.country);
    expect(countries).toEqual(['JP', 'NL']);
    expect(quote.freeShipping).toBe(true);
    // Each headphone line is €253.57 gross (the goods without duty), net 253.57 ÷ 1.19 = €213.08.
    // Chiba parcel: intrinsic 213.08 + 213.08 = €426.16 > €150, so ad valorem on the CIF value (free shipping: no
    // freight). Sand: 0 % (EU–JP EPA) = €0.00. Black: 2 % × 213.08 = €4.2616 → €4.26; import VAT 19 % × 4.26 =
    // €0.8094 → €0.81. The Venlo parcel crosses no border.
    expect(quote.duty.amount).toBe('4.26');
    expect(quote.importTax.amount).toBe('0.81');
    expect(quote.pricedLines.map((line: { duty: { amount: string } }) => line.duty.amount)).toEqual(['0.00', '4.26', '0.00']);
    expect(quote.pricedLines[0].dutyPreference).toEqual({ agreement: 'EU-JP-EPA' });
    expect(quote.pricedLines[1].dutyPreference).toBeNull();

    const [chiba, venlo] = quote.customsDeclarations;
    expect(chiba).toMatchObject({
      shipmentIndex: 0,
      fromCountry: 'JP',
      toCountry: 'DE',
      tariffTerritory: 'EU',
      crossesCustomsBorder: true,
      category: 'SALE_OF_GOODS',
      incoterm: 'DDP',
      descriptionLanguage: 'en',
      currency: 'EUR',
      // 213.08 + 213.08; 650 g + 650 g.
      totalValue: { amount: '426.16', currencyCode: 'EUR' },
      totalNetWeightGrams: 1300,
      registrationNumber: null,
    });
    expect(chiba.preferenceClaims).toEqual([
      {
        agreement: 'EU-JP-EPA',
        proof: 'statement on origin',
        statementReference: expect.stringContaining('Annex 3-D'),
        originCountry: 'JP',
        ratePercent: '0',
        mfnRatePercent: '2',
        verified: false,
      },
    ]);
    expect(chiba.items).toEqual([
      expect.objectContaining({
        productId: SAND,
        merchantProductId: 'ELE-ANC-SAN',
        description: 'Wireless headphones, noise-cancelling, with lithium-ion battery',
        tariffCode: '8518300000',
        tariffCodeVerified: false,
        nationalPrecision: true,
        originCountry: 'JP',
        quantity: 1,
        netWeightGrams: 650,
        unitValue: { amount: '213.08' },
        value: { amount: '213.08' },
        preference: { agreement: 'EU-JP-EPA' },
      }),
      expect.objectContaining({ productId: BLACK, merchantProductId: 'ELE-ANC-BLA', tariffCode: '8518300000', preference: null }),
    ]);
    for (const item of chiba.items) expect(isValidGtin(item.gtin)).toBe(true);
    expect(venlo).toMatchObject({ shipmentIndex: 1, fromCountry: 'NL', crossesCustomsBorder: false, preferenceClaims: [] });
    expect(venlo.items).toEqual([
      expect.objectContaining({ merchantProductId: 'BTY-DRYSHAMPOO-100', tariffCode: '3305900000', originCountry: 'NL', preference: null }),
    ]);
  });

  it('a parcel whose VAT the seller collects under IOSS carries the IOSS number; one above €150 does not', async () => {
    const DECLARED = /* GraphQL */ `query ($lines: [QuoteLineInput!]!) { quote(lines: $lines, shipTo: { country: DE }) {
      consignments { fromCountry collection { collector schemeCode registrationNumber } }
      customsDeclarations { fromCountry registrationNumber totalValue { amount } } } }`;
    // 100 g of matcha from Chiba: an intrinsic value far below €150 (Dir. 2006/112/EC Art. 369l), so the seller
    // collects German VAT at checkout under its IOSS registration and the declaration must carry the number (the
    // seed's demo IOSS number) for the border to exempt the import (Art. 143(1)(ca)).
    const small = await graphql(stack.gatewayUrl, DECLARED, { lines: [{ productId: stableObjectIdHex('PAN-MATCHA-100'), quantity: 1 }] });
    expect(small.errors).toBeUndefined();
    expect(small.data.quote.consignments).toEqual([
      { fromCountry: 'JP', collection: { collector: 'SELLER_AT_CHECKOUT', schemeCode: 'EU_IOSS', registrationNumber: 'IM5280000017' } },
    ]);
    expect(small.data.quote.customsDeclarations).toEqual([
      { fromCountry: 'JP', registrationNumber: 'IM5280000017', totalValue: expect.objectContaining({ amount: expect.any(String) }) },
    ]);
    // Two headphones (€426.16 of goods) exceed the IOSS ceiling: cleared by the seller as importer, no number.
    const large = await graphql(stack.gatewayUrl, DECLARED, { lines: [{ productId: BLACK, quantity: 2 }] });
    expect(large.errors).toBeUndefined();
    expect(large.data.quote.consignments[0].collection).toEqual({
      collector: 'SELLER_AS_IMPORTER',
      schemeCode: null,
      registrationNumber: null,
    });
    expect(large.data.quote.customsDeclarations[0].registrationNumber).toBeNull();
  });

  it('a destination without a national code on record declares the HS subheading, marked as such (KR)', async () => {
    const { data, errors } = await graphql(
      stack.gatewayUrl,
      /* GraphQL */ `query ($lines: [QuoteLineInput!]!) { quote(lines: $lines, shipTo: { country: KR }) { customsDeclarations { tariffTerritory incoterm items { tariffCode nationalPrecision } preferenceClaims { agreement } } } }`,
      { lines: [{ productId: SAND, quantity: 1 }] },
    );
    expect(errors).toBeUndefined();
    // No KR–JP agreement is seeded (RCEP staging unverified): no claim; KR is DAP.
    expect(data.quote.customsDeclarations).toEqual([
      { tariffTerritory: 'KR', incoterm: 'DAP', items: [{ tariffCode: '851830', nationalPrecision: false }], preferenceClaims: [] },
    ]);
  });
});

describe('Korea: the recipient PCCC (KCS express-consignment notice; secondary, unverified)', () => {
  const QUERY = /* GraphQL */ `
    query ($lines: [QuoteLineInput!]!, $code: String) {
      quote(lines: $lines, shipTo: { country: KR, personalCustomsCode: $code }) {
        personalCustomsCode
        missingCustomsData
        total { amount }
        customsDeclarations { crossesCustomsBorder recipientCustomsCode missingCustomsData }
      }
    }
  `;
  const lines = [{ productId: BLACK, quantity: 1 }];

  it('a KR quote without it still prices and says the code is missing, on the quote and on the declaration', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUERY, { lines, code: null });
    expect(errors).toBeUndefined();
    expect(data.quote.total.amount).toBeTruthy();
    expect(data.quote.missingCustomsData).toEqual(['PERSONAL_CUSTOMS_CODE']);
    expect(data.quote.customsDeclarations[0]).toEqual({
      crossesCustomsBorder: true,
      recipientCustomsCode: null,
      missingCustomsData: ['PERSONAL_CUSTOMS_CODE'],
    });
  });

  it('with it, the declaration carries the code (normalised) and nothing is missing', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUERY, { lines, code: 'p1234-5678-9012' });
    expect(errors).toBeUndefined();
    expect(data.quote.personalCustomsCode).toBe('P123456789012');
    expect(data.quote.missingCustomsData).toEqual([]);
    expect(data.quote.customsDeclarations[0]).toMatchObject({ recipientCustomsCode: 'P123456789012', missingCustomsData: [] });
  });

  it('a malformed code is BAD_USER_INPUT saying the format', async () => {
    const { errors } = await graphql(stack.gatewayUrl, QUERY, { lines, code: 'P123' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/"P" followed by 12 digits/);
  });
});
