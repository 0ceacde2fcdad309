import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { seedProducts } from '../../scripts/seed/catalog.ts';
import { MARKETS } from '../../scripts/seed/pricing-reference.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const QUOTE_FIELDS = /* GraphQL */ `
  id currency
  items { amount currencyCode } tax { amount } duty { amount } importTax { amount } dueOnDelivery { amount }
  total { amount currencyCode }
  shipping { amount currencyCode } freeShipping
  shippingCharges { id amount { amount currencyCode } }
  customsValue { amount }
  customsValuation { basis goods { amount } freight { amount } insurance { amount } value { amount } }
  breakdown { kind amount { amount currencyCode } treatment }
  explanation { amount currency steps { kind label amount currency runningTotal } }
`;

interface Money {
  amount: string;
  currencyCode?: string;
}
interface QuoteAnswer {
  id: string;
  currency: string;
  items: Money;
  tax: Money;
  duty: Money;
  importTax: Money;
  dueOnDelivery: Money;
  total: Money;
  shipping: Money | null;
  freeShipping: boolean;
  shippingCharges: { id: string; amount: Money }[];
  customsValue: Money;
  customsValuation: { basis: string; goods: Money; freight: Money; insurance: Money; value: Money };
  breakdown: { kind: string; amount: Money; treatment: string | null }[];
  explanation: { amount: string; currency: string; steps: { kind: string; amount: string; currency: string; runningTotal: string }[] };
}

const dec = (value: string) => new Decimal(value);
const sumOf = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));

async function quote(country: string, lines: { sku: string; quantity: number }[], currency?: string) {
  const response = await graphql(
    stack.gatewayUrl,
    `query Q($lines: [QuoteLineInput!]!, $currency: CurrencyCode) {
       quote(lines: $lines, shipTo: { country: ${country} }, currency: $currency) { ${QUOTE_FIELDS} }
     }`,
    { lines: lines.map(({ sku, quantity }) => ({ productId: stableObjectIdHex(sku), quantity })), currency: currency ?? null },
  );
  return response as { data?: { quote: QuoteAnswer } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** What every quote answer must satisfy, whatever the charges fulfillment sent. */
function expectConsistent(answer: QuoteAnswer, country: string): void {
  const market = MARKETS.find((entry) => entry.country === country)!;
  // The explanation adds up to the total, exactly, in the quote's currency.
  expect(answer.explanation.amount).toBe(answer.total.amount);
  expect(answer.explanation.currency).toBe(answer.currency);
  expect(sumOf(answer.explanation.steps.map((step) => step.amount)).eq(answer.total.amount), JSON.stringify(answer.explanation)).toBe(true);
  // ADDED breakdown rows add up to the total; one SHIPPING row per charge, at the charge's own converted amount.
  const added = answer.breakdown.filter((row) => row.treatment === 'ADDED').map((row) => row.amount.amount);
  expect(sumOf(added).eq(answer.total.amount)).toBe(true);
  const shippingRows = answer.breakdown.filter((row) => row.kind === 'SHIPPING').map((row) => row.amount.amount);
  const chargeSum = sumOf(answer.shippingCharges.map((charge) => charge.amount.amount));
  if (answer.currency === market.currency) expect(shippingRows).toEqual(answer.shippingCharges.map((charge) => charge.amount.amount));
  else expect(shippingRows).toHaveLength(answer.shippingCharges.length);
  const discount = answer.breakdown.find((row) => row.kind === 'SHIPPING_DISCOUNT');
  if (answer.freeShipping) {
    expect(dec(discount!.amount.amount).eq(sumOf(shippingRows).neg())).toBe(true);
    expect(dec(answer.shipping!.amount).isZero()).toBe(true);
  } else {
    expect(discount).toBeUndefined();
    if (answer.shippingCharges.length > 0) expect(dec(answer.shipping!.amount).eq(sumOf(shippingRows))).toBe(true);
  }
  if (answer.currency === market.currency) expect(sumOf(shippingRows).eq(chargeSum)).toBe(true);
  // Customs value: goods + freight + insurance on the market's basis; FOB carries no freight, insurance is zero.
  const valuation = answer.customsValuation;
  expect(valuation.basis).toBe(market.customsValuation);
  expect(dec(valuation.insurance.amount).isZero()).toBe(true);
  expect(dec(valuation.goods.amount).plus(valuation.freight.amount).plus(valuation.insurance.amount).eq(valuation.value.amount)).toBe(true);
  expect(valuation.value.amount).toBe(answer.customsValue.amount);
  if (market.customsValuation === 'FOB' || answer.freeShipping) expect(dec(valuation.freight.amount).isZero()).toBe(true);
  // Every amount is in the quote's currency.
  for (const money of [answer.items, answer.total, ...answer.breakdown.map((row) => row.amount)])
    expect(money.currencyCode).toBe(answer.currency);
}

const EVERY_PRODUCT = seedProducts().map((product) => ({ sku: product.sku, quantity: 1 }));
const SMALL_CART = [{ sku: 'BTY-DRYSHAMPOO-100', quantity: 1 }];
const IMPORTED_CART = [{ sku: 'APP-TEE-NAV', quantity: 5 }];

describe('Quote money with shipping, customs valuation and an explanation', () => {
  it('adds up for a cart of every seeded product, a small cart and an imported one, in every market', async () => {
    for (const market of MARKETS) {
      for (const cart of [EVERY_PRODUCT, SMALL_CART, IMPORTED_CART]) {
        const response = await quote(market.country, cart);
        expect(response.errors, `${market.country}: ${JSON.stringify(response.errors)}`).toBeUndefined();
        const answer = response.data!.quote;
        expect(answer.currency).toBe(market.currency);
        expectConsistent(answer, market.country);
      }
    }
  });

  it('puts shipping into the total: without free shipping the total is items + shipping (+ tax where added, + duty under DDP)', async () => {
    const answer = (await quote('DE', SMALL_CART)).data!.quote;
    expect(answer.shippingCharges.length).toBeGreaterThan(0);
    expect(answer.freeShipping).toBe(false);
    const expected = dec(answer.items.amount).plus(answer.shipping!.amount).plus(answer.duty.amount).plus(answer.importTax.amount);
    expect(expected.eq(answer.total.amount)).toBe(true);
    expect(answer.explanation.steps.map((step) => step.kind)).toEqual(['ITEM', ...answer.shippingCharges.map(() => 'SHIPPING'), 'TAX']);
  });

  it('values a CIF consignment with its freight and an FOB one without', async () => {
    const germany = (await quote('DE', IMPORTED_CART)).data!.quote;
    expect(germany.customsValuation.basis).toBe('CIF');
    if (!germany.freeShipping) expect(dec(germany.customsValuation.freight.amount).gt(0)).toBe(true);
    const us = (await quote('US', [{ sku: 'FTW-CANVAS-WHI', quantity: 1 }])).data!.quote;
    expect(us.customsValuation.basis).toBe('FOB');
    expect(us.customsValuation.freight.amount).toBe('0.00');
    expect(us.customsValuation.value.amount).toBe(us.customsValuation.goods.amount);
  });
});

describe('presentment currency', () => {
  it('quotes Switzerland in EUR when asked: Swiss VAT, euro amounts, and steps that add up', async () => {
    const response = await quote('CH', [...IMPORTED_CART, { sku: 'ELE-ANC-BLA', quantity: 1 }], 'EUR');
    expect(response.errors).toBeUndefined();
    const answer = response.data!.quote;
    expect(answer.currency).toBe('EUR');
    expect(answer.total.currencyCode).toBe('EUR');
    expect(answer.id).toContain('currency=EUR');
    expectConsistent(answer, 'CH');
    const inChf = (await quote('CH', [...IMPORTED_CART, { sku: 'ELE-ANC-BLA', quantity: 1 }])).data!.quote;
    expect(inChf.currency).toBe('CHF');
    expect(inChf.total.currencyCode).toBe('CHF');
  });

  it('prices a product in EUR in Switzerland without the Swiss VAT the carrier collects, with cent rounding', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      `{ product(sku: "APP-MERINO-OLI") {
           chf: price(country: CH) { amount { amount currencyCode } roundingRule tax { ratePercent } }
           eur: price(country: CH, currency: EUR) { amount { amount currencyCode } roundingRule tax { ratePercent }
                  explanation { amount currency steps { kind amount } } }
         } }`,
    );
    expect(response.errors).toBeUndefined();
    const { chf, eur } = response.data.product;
    expect(chf).toMatchObject({ amount: { currencyCode: 'CHF' }, roundingRule: 'nearest 0.05', tax: { ratePercent: '8.1' } });
    expect(eur).toMatchObject({ amount: { currencyCode: 'EUR' }, roundingRule: 'nearest 0.01', tax: { ratePercent: '8.1' } });
    // The merino's base price is EUR 119.00 net: no exchange and, CH being DAP without a registration, no Swiss VAT at
    // checkout (the carrier collects it on delivery: MWSTG Art. 50 ff.). Was 119.00 × 1.081 = 128.64.
    expect(eur.amount.amount).toBe('119.00');
    expect(sumOf(eur.explanation.steps.map((step: { amount: string }) => step.amount)).eq(eur.amount.amount)).toBe(true);
  });

  it('refuses a currency the market does not accept, naming it and the accepted ones', async () => {
    const price = await graphql(
      stack.gatewayUrl,
      '{ product(sku: "APP-TEE-NAV") { price(country: CH, currency: USD) { amount { amount } } } }',
    );
    expect(price.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(price.errors?.[0]?.message).toContain('USD');
    expect(price.errors?.[0]?.message).toContain('CHF, EUR');
    const cart = await quote('DE', SMALL_CART, 'CHF');
    expect(cart.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cart.errors?.[0]?.message).toContain('CHF');
    expect(cart.errors?.[0]?.message).toContain('EUR');
  });

  it('lists each market’s currencies and customs valuation basis', async () => {
    const response = await graphql(stack.gatewayUrl, '{ markets { country currency currencies customsValuation } }');
    expect(response.errors).toBeUndefined();
    for (const market of MARKETS) {
      expect(response.data.markets).toContainEqual({
        country: market.country,
        currency: market.currency,
        currencies: [market.currency, ...market.additionalCurrencies],
        customsValuation: market.customsValuation,
      });
    }
  });
});
