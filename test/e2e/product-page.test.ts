import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { EXAMPLE_QUERY } from '../../gateway/example-query.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const TEE = stableObjectIdHex('APP-TEE-NAV');
const SAKE = stableObjectIdHex('PAN-SAKE-720');
// Duty follows where a unit ships from: these variants are stocked only in New Jersey, so they are imports into the
// EU (the navy tee and white sneakers are also in Venlo, whence they reach EU shoppers duty-free).
const TEE_FROM_NEW_JERSEY = stableObjectIdHex('APP-TEE-WHI');
const SNEAKERS_FROM_NEW_JERSEY = stableObjectIdHex('FTW-CANVAS-BLA');
const COFFEE_MILL = stableObjectIdHex('HOM-MILL-BLA'); // made in Japan, stocked only in Chiba

/** The product page query for one market: country and locale as explicit arguments, as web clients send it. */
function productPageFor(country: string, locale: string): string {
  return EXAMPLE_QUERY.replaceAll('"de-DE"', `"${locale}"`)
    .replaceAll('(country: DE)', `(country: ${country})`)
    .replaceAll('(shipTo: DE)', `(shipTo: ${country})`);
}

describe('the product page in one request through the gateway', () => {
  it('speaks German, prices in euros with VAT and duty included, and promises a date, for a German shopper', async () => {
    const response = await graphql(stack.gatewayUrl, productPageFor('DE', 'de-DE'), { id: HEADPHONES });
    expect(response.errors).toBeUndefined();
    expect(response.data.product).toEqual({
      sku: 'ELE-ANC-BLA',
      brand: 'Kotone',
      hsCode: '851830',
      originCountry: 'JP',
      content: {
        title: 'Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz',
        description: 'Adaptive Geräuschunterdrückung, 30 Stunden Akkulaufzeit mit eingebautem Lithium-Ionen-Akku, USB-C-Schnellladen.',
        locale: 'de',
      },
      price: {
        amount: { amount: '258.64', currencyCode: 'EUR', formatted: '258,64\u00a0€' },
        taxIncluded: true,
        tax: { amount: { amount: '40.49' } },
        duty: { amount: { amount: '4.26' }, included: true },
      },
      delivery: {
        shippable: true,
        reason: null,
        // Ordered Wednesday 25 Nov from Chiba: past customs, over the weekend, in Germany's calendar.
        earliest: '2026-12-03',
        latest: '2026-12-07',
        fromWarehouse: { id: 'wh-jp-chiba', country: 'JP' },
        text: 'Lieferung Do., 3.\u2009–\u2009Mo., 7. Dez. (6–8 Werktage)',
      },
    });
  });

  it('answers a Japanese shopper in Japanese, in whole yen from the local price book, with domestic delivery', async () => {
    const response = await graphql(stack.gatewayUrl, productPageFor('JP', 'ja-JP'), { id: HEADPHONES });
    expect(response.errors).toBeUndefined();
    expect(response.data.product).toMatchObject({
      content: { title: 'ワイヤレス ノイズキャンセリングヘッドホン ブラック', locale: 'ja' },
      price: {
        amount: { amount: '41800', currencyCode: 'JPY', formatted: '￥41,800' },
        taxIncluded: true,
        tax: { amount: { amount: '3800' } },
        duty: null,
      },
      delivery: {
        shippable: true,
        earliest: '2026-11-30',
        latest: '2026-12-01',
        fromWarehouse: { id: 'wh-jp-chiba', country: 'JP' },
      },
    });
    expect(response.data.product.delivery.text).toMatch(/^お届け予定/);
  });

  it('prices the same tee in six markets with each market’s currency, exponent, tax display and rounding', async () => {
    const query = /* GraphQL */ `
      query Markets($id: ID!) {
        product(id: $id) {
          DE: price(country: DE) { ...Shown }
          GB: price(country: GB) { ...Shown }
          US: price(country: US) { ...Shown }
          JP: price(country: JP) { ...Shown }
          CH: price(country: CH) { ...Shown }
          KW: price(country: KW) { ...Shown }
        }
      }
      fragment Shown on ProductPrice {
        amount { amount currencyCode formatted(locale: "en") }
        taxIncluded
        duty { included }
      }
    `;
    const response = await graphql(stack.gatewayUrl, query, { id: TEE });
    expect(response.errors).toBeUndefined();
    const prices = response.data.product;
    // 29.21 with VAT, plus the EU's €3 flat duty on a parcel under €150 (since 2026-07-01) and 19 % import VAT on
    // it: the page prices the US-made tee as an import (a cart from Venlo owes none: see test/e2e/parcels.test.ts).
    expect(prices.DE.amount).toEqual({ amount: '32.78', currencyCode: 'EUR', formatted: '€32.78' });
    // A knitted tee is one of Japan's designated articles: duty and consumption tax at any value (Customs Answer
    // 1006). $28.00 × 180.12 ÷ 1.1523 × 1.02 = ¥4,464.31… × 1.21 (10 % duty, 10 % tax on value + duty) → ¥5,402.
    expect(prices.JP.amount).toEqual({ amount: '5402', currencyCode: 'JPY', formatted: '¥5,402' });
    expect(prices.US).toMatchObject({ amount: { amount: '28.00', currencyCode: 'USD' }, taxIncluded: false });
    expect(prices.US.duty?.included ?? false).toBe(false);
    expect(prices.GB.amount.currencyCode).toBe('GBP');
    expect(prices.GB.taxIncluded).toBe(true);
    // Swiss prices end in 0.05 steps, Kuwaiti ones carry three decimals.
    expect(prices.CH.amount.currencyCode).toBe('CHF');
    expect(Number(prices.CH.amount.amount.replace('.', '')) % 5).toBe(0);
    expect(prices.KW.amount.currencyCode).toBe('KWD');
    expect(prices.KW.amount.amount).toMatch(/^\d+\.\d{3}$/);
  });

  it('tells where the same product can ship: four destinations, one refused with a reason in the shopper’s language', async () => {
    const query = /* GraphQL */ `
      query Where($id: ID!) {
        product(id: $id) {
          DE: delivery(shipTo: DE) { shippable earliest fromWarehouse { id } }
          US: delivery(shipTo: US) { shippable earliest fromWarehouse { id } }
          JP: delivery(shipTo: JP) { shippable earliest fromWarehouse { id } }
          KW: delivery(shipTo: KW) { shippable reason restrictedTag message(locale: "en") earliest }
        }
      }
    `;
    const response = await graphql(stack.gatewayUrl, query, { id: SAKE });
    expect(response.errors).toBeUndefined();
    const { DE, US, JP, KW } = response.data.product;
    for (const estimate of [DE, US, JP]) expect(estimate).toMatchObject({ shippable: true, fromWarehouse: { id: 'wh-jp-chiba' } });
    expect(JP.earliest < DE.earliest).toBe(true);
    expect(KW).toEqual({
      shippable: false,
      reason: 'RESTRICTED_GOODS',
      restrictedTag: 'alcohol',
      message: 'We cannot ship alcoholic beverages to Kuwait',
      earliest: null,
    });
  });

  it('takes the market from the request headers when the query omits it', async () => {
    const query = /* GraphQL */ `
      query Defaults($id: ID!) {
        product(id: $id) {
          content { title locale }
          price { amount { amount currencyCode formatted } }
          delivery { shipTo earliest }
        }
      }
    `;
    const response = await graphql(
      stack.gatewayUrl,
      query,
      { id: TEE },
      { 'accept-language': 'de-CH, de;q=0.9', 'x-ship-to-country': 'CH' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.product.content).toEqual({ title: 'T-Shirt aus Bio-Baumwolle, Marineblau', locale: 'de' });
    expect(response.data.product.price.amount.currencyCode).toBe('CHF');
    expect(response.data.product.price.amount.formatted).toMatch(/^CHF/);
    expect(response.data.product.delivery.shipTo).toBe('CH');
  });

  it('prices a cart whose consignment crosses €150, owing the tariff rates where one item alone owes the €3 flat duty', async () => {
    const query = /* GraphQL */ `
      query Cart($lines: [QuoteLineInput!]!) {
        quote(lines: $lines, shipTo: { country: DE }) {
          lines { quantity product { sku } }
          items { amount currencyCode }
          duty { amount }
          total { amount }
          dutyIncluded
          breakdown { kind amount { amount } inTotal }
        }
      }
    `;
    // Canvas sneakers from New Jersey: €67.80 each in Germany, well under €150 alone.
    const one = await graphql(stack.gatewayUrl, query, { lines: [{ productId: SNEAKERS_FROM_NEW_JERSEY, quantity: 1 }] });
    const three = await graphql(stack.gatewayUrl, query, { lines: [{ productId: SNEAKERS_FROM_NEW_JERSEY, quantity: 3 }] });
    expect(one.errors).toBeUndefined();
    expect(three.errors).toBeUndefined();
    expect(one.data.quote.lines).toEqual([{ quantity: 1, product: { sku: 'FTW-CANVAS-BLA' } }]);
    expect(one.data.quote.items).toEqual({ amount: '67.80', currencyCode: 'EUR' });
    // Alone, the item owes the EU's €3 flat duty (since 2026-07-01) and 19 % import VAT on it, not its 17 % tariff rate.
    expect(one.data.quote.duty.amount).toBe('3.00');
    expect(one.data.quote.total.amount).toBe('71.37');
    // Three together are worth more than €150 before VAT: the consignment owes the tariff rate, and import VAT on it.
    expect(three.data.quote.items).toEqual({ amount: '203.40', currencyCode: 'EUR' });
    expect(three.data.quote.dutyIncluded).toBe(true);
    expect(Number(three.data.quote.duty.amount)).toBeGreaterThan(0);
    const breakdown = Object.fromEntries(
      three.data.quote.breakdown.map((entry: { kind: string; amount: { amount: string } }) => [entry.kind, entry.amount.amount]),
    );
    expect(breakdown.DUTY).toBe(three.data.quote.duty.amount);
    expect(Number(breakdown.IMPORT_TAX)).toBeGreaterThan(0);
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    expect(cents(three.data.quote.total.amount)).toBe(cents(breakdown.ITEMS) + cents(breakdown.DUTY) + cents(breakdown.IMPORT_TAX));
    expect(breakdown.TOTAL).toBe(three.data.quote.total.amount);
  });

  it('quotes the same sneaker alone, through Product.price, with the same €3 flat duty', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      'query($id: ID!) { product(id: $id) { price(country: DE) { amount { amount } duty { amount { amount } } } } }',
      {
        id: SNEAKERS_FROM_NEW_JERSEY,
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.product.price).toEqual({ amount: { amount: '71.37' }, duty: { amount: { amount: '3.00' } } });
  });
});

describe('the EU’s €3 flat duty through the gateway (Council Reg. (EU) 2026/382, since 2026-07-01)', () => {
  it('counts distinct tariff subheadings in a cart: a tee and sneakers under €150 owe €3 each', async () => {
    const query = /* GraphQL */ `
      query Cart($lines: [QuoteLineInput!]!) {
        quote(lines: $lines, shipTo: { country: DE }) {
          pricedLines { duty { amount } dutyBasis }
          customsValuation { goods { amount } }
          duty { amount }
          importTax { amount }
          belowDeMinimis
          explanation { steps { kind label amount } }
        }
      }
    `;
    // Both stocked in New Jersey: one parcel, one consignment at the EU border.
    const response = await graphql(stack.gatewayUrl, query, {
      lines: [
        { productId: TEE_FROM_NEW_JERSEY, quantity: 2 },
        { productId: SNEAKERS_FROM_NEW_JERSEY, quantity: 1 },
      ],
    });
    expect(response.errors).toBeUndefined();
    const quote = response.data.quote;
    // Goods 58.42 ÷ 1.19 = 49.09 + 67.80 ÷ 1.19 = 56.97: 106.06 net, under €150; two subheadings (6109.10, 6404.19) — two tees are one item.
    expect(quote.customsValuation.goods.amount).toBe('106.06');
    expect(quote.pricedLines).toEqual([
      { duty: { amount: '3.00' }, dutyBasis: 'FLAT_LOW_VALUE' },
      { duty: { amount: '3.00' }, dutyBasis: 'FLAT_LOW_VALUE' },
    ]);
    expect(quote.duty.amount).toBe('6.00');
    expect(quote.importTax.amount).toBe('1.14');
    expect(quote.belowDeMinimis).toBe(false);
    const duty = quote.explanation.steps.filter((step: { kind: string }) => step.kind === 'DUTY');
    expect(duty).toEqual([{ kind: 'DUTY', label: 'EU low-value flat duty €3 × 2 items', amount: '6.00' }]);
  });

  it('converts the €3 into złoty at the reference rate without margin, and says so', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      'query($id: ID!) { product(id: $id) { price(country: PL) { duty { amount { amount currencyCode } basis } explanation { steps { kind label } } } } }',
      { id: TEE_FROM_NEW_JERSEY },
    );
    expect(response.errors).toBeUndefined();
    const price = response.data.product.price;
    // 3 × 4.2315 (the ECB sample's EUR/PLN) = 12.6945 → PLN 12.69.
    expect(price.duty).toEqual({ amount: { amount: '12.69', currencyCode: 'PLN' }, basis: 'FLAT_LOW_VALUE' });
    expect(price.explanation.steps.find((step: { kind: string }) => step.kind === 'DUTY').label).toBe(
      'EU low-value flat duty €3 (PLN 12.69) × 1 item',
    );
  });

  it('keeps the relief outside the EU: the UK’s £135 on the intrinsic value, and Korea names its 513.6 % green-tea rate', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      'query($tee: ID!, $matcha: ID!) { tee: product(id: $tee) { price(country: GB) { duty { amount { amount } basis belowDeMinimis } } } matcha: product(id: $matcha) { price(country: KR) { duty { ratePercent hsPrefix basis } } } }',
      { tee: TEE, matcha: stableObjectIdHex('PAN-MATCHA-30') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.tee.price.duty).toEqual({ amount: { amount: '0.00' }, basis: 'RELIEF', belowDeMinimis: true });
    expect(response.data.matcha.price.duty).toEqual({ ratePercent: '513.6', hsPrefix: '090210', basis: 'RELIEF' });
  });
});

describe('what a shopper reads beside the price and the delivery date', () => {
  it('states VAT and duty in the shopper’s language: included under DDP, an estimate due on delivery under DAP', async () => {
    const query = /* GraphQL */ `
      query SmallPrint($headphones: ID!, $sneakers: ID!) {
        headphones: product(id: $headphones) { price(country: DE) { notes(locale: "de-DE") } }
        sneakers: product(id: $sneakers) { price(country: US) { duty { amount { amount } included } notes(locale: "en-US") } }
      }
    `;
    // A coffee mill from Chiba is an import into the US (the sneakers, stocked in New Jersey, would be domestic).
    const response = await graphql(stack.gatewayUrl, query, { headphones: HEADPHONES, sneakers: COFFEE_MILL });
    expect(response.errors).toBeUndefined();
    expect(response.data.headphones.price.notes).toEqual(['inkl. MwSt.', 'inkl. Einfuhrabgaben']);
    const sneakers = response.data.sneakers.price;
    expect(sneakers.duty.included).toBe(false);
    // What the door costs: the duty plus the carrier's USD 10.00 disbursement fee (illustrative); the US has no VAT.
    const due = new Decimal(sneakers.duty.amount.amount).plus('10.00').toFixed(2);
    expect(sneakers.notes).toEqual(['excl. tax', `Import duties of about $${due} are due on delivery`]);
  });

  it('lists every delivery option with its charge converted by pricing into the shopper’s currency', async () => {
    const query = /* GraphQL */ `
      query Options($id: ID!) {
        product(id: $id) {
          delivery(shipTo: JP) {
            options { level earliest latest charge { amount { amount currencyCode formatted(locale: "ja-JP") } } }
          }
        }
      }
    `;
    const response = await graphql(stack.gatewayUrl, query, { id: TEE });
    expect(response.errors).toBeUndefined();
    const options = response.data.product.delivery.options;
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) {
      expect(option.charge.amount).toMatchObject({ currencyCode: 'JPY', amount: expect.stringMatching(/^\d+$/) });
      expect(option.charge.amount.formatted).toMatch(/^￥[\d,]+$/);
      expect(option.earliest <= option.latest).toBe(true);
    }
  });
});

describe('bad input gets a clear error and no stack trace', () => {
  it('an unknown country is BAD_USER_INPUT naming the value, written bare or as a variable', async () => {
    const literal = await graphql(stack.gatewayUrl, productPageFor('XX', 'en'), { id: TEE });
    expect(literal.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Unknown country "XX"'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const variable = await graphql(
      stack.gatewayUrl,
      'query($id: ID!, $c: CountryCode) { product(id: $id) { price(country: $c) { amount { amount } } } }',
      { id: TEE, c: 'ZZ' },
    );
    expect(variable.errors?.[0]).toMatchObject({ message: expect.stringContaining('"ZZ"'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify([literal, variable])).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('a country we do not sell to says so, with reason NOT_SOLD', async () => {
    const response = await graphql(stack.gatewayUrl, '{ product(sku: "APP-TEE-NAV") { price(country: BR) { amount { amount } } } }');
    expect(response.errors?.[0]).toMatchObject({
      message: 'We do not sell to BR; Query.markets lists the countries we sell to',
      extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_SOLD', country: 'BR' },
    });
  });

  it('an unknown or malformed locale, and a malformed or unknown product id, are named', async () => {
    const locale = await graphql(stack.gatewayUrl, '{ product(sku: "APP-TEE-NAV") { content(locale: "xx-!!") { title } } }');
    expect(locale.errors?.[0]).toMatchObject({ message: expect.stringContaining('"xx-!!"'), extensions: { code: 'BAD_USER_INPUT' } });
    const malformed = await graphql(stack.gatewayUrl, '{ product(id: "12345") { sku } }');
    expect(malformed.errors?.[0]).toMatchObject({
      message: 'Malformed product id "12345": expected 24 hexadecimal characters',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const unknown = await graphql(stack.gatewayUrl, '{ product(id: "000000000000000000000000") { sku } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data.product).toBeNull();
    const cart = await graphql(
      stack.gatewayUrl,
      '{ quote(lines: [{productId: "000000000000000000000000", quantity: 1}], shipTo: {country: DE}) { id } }',
    );
    expect(cart.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('oversized and overly deep queries are refused with QUERY_TOO_COMPLEX', async () => {
    const deep = await graphql(
      stack.gatewayUrl,
      '{ categories { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } }',
    );
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const huge = await graphql(stack.gatewayUrl, `{ product(sku: "${'A'.repeat(100_000)}") { id } }`);
    expect(huge.status).toBe(413);
    expect(huge.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
