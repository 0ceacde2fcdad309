import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const QUERY = `query UnitPrices($id: ID!) {
  product(id: $id) {
    sku
    netQuantity { value unit }
    de: price(country: DE) { ...Shown }
    fr: price(country: FR) { ...Shown }
    gb: price(country: GB) { ...Shown }
    jp: price(country: JP) { ...Shown }
    us: price(country: US) { ...Shown }
  }
}
fragment Shown on ProductPrice {
  amount { amount currencyCode }
  unitPrice { amount { amount currencyCode formatted(locale: "de-DE") } referenceQuantity referenceUnit rounding source }
}`;

/** Cents of a decimal amount with two decimals ("14.90" → 1490n). */
const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));
/** `numerator ÷ denominator` rounded half up (both positive), as the law's unit price is rounded to the cent. */
const halfUp = (numerator: bigint, denominator: bigint): bigint => (numerator * 2n + denominator) / (denominator * 2n);
const asDecimal = (minor: bigint): string => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;

describe('unit prices over the gateway', () => {
  it('a 250 g bag of coffee: per kg beside the shown price in Germany and the UK, none in Japan or the US', async () => {
    const response = await graphql(stack.gatewayUrl, QUERY, { id: stableObjectIdHex('PAN-COFFEE-250') });
    expect(response.errors).toBeUndefined();
    const product = response.data.product;
    expect(product.netQuantity).toEqual({ value: '250', unit: 'G' });
    // Directive 98/6/EC Art. 2(b) / PAngV § 5(1): the shown price × 1000 g / 250 g = the shown price × 4, exactly.
    const de = product.de;
    expect(de.unitPrice).toMatchObject({
      amount: { amount: asDecimal(cents(de.amount.amount) * 4n), currencyCode: 'EUR' },
      referenceQuantity: 1,
      referenceUnit: 'KG',
      rounding: 'half up to 0.01',
      source: expect.stringContaining('PAngV'),
    });
    expect(de.unitPrice.amount.formatted).toMatch(/^\d+,\d{2}\u00a0€$/);
    expect(product.gb.unitPrice).toMatchObject({
      amount: { amount: asDecimal(cents(product.gb.amount.amount) * 4n), currencyCode: 'GBP' },
      referenceUnit: 'KG',
      source: expect.stringContaining('Price Marking Order 2004'),
    });
    // Japan and the US have no unit-price rule in our data.
    expect(product.jp.unitPrice).toBeNull();
    expect(product.us.unitPrice).toBeNull();
  });

  it('30 ml of serum in France: per litre, the quotient rounded half up to the cent', async () => {
    const response = await graphql(stack.gatewayUrl, QUERY, { id: stableObjectIdHex('BTY-SERUM-30') });
    expect(response.errors).toBeUndefined();
    const { fr } = response.data.product;
    // price × 1000 ml / 30 ml, rounded half up to the cent
    expect(fr.unitPrice).toMatchObject({
      amount: { amount: asDecimal(halfUp(cents(fr.amount.amount) * 1000n, 30n)), currencyCode: 'EUR' },
      referenceQuantity: 1,
      referenceUnit: 'L',
      source: expect.stringContaining('Directive 98/6/EC'),
    });
  });

  it('goods sold by the piece have no net quantity and no unit price', async () => {
    const response = await graphql(stack.gatewayUrl, QUERY, { id: stableObjectIdHex('APP-TEE-NAV') });
    expect(response.errors).toBeUndefined();
    expect(response.data.product.netQuantity).toBeNull();
    expect(response.data.product.de.unitPrice).toBeNull();
  });
});
