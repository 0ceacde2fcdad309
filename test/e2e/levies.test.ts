import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

/**
 * Issue #23: levies and excise over the real stack (law memo §§ 11–12). Figures by hand from the rows' sources:
 * - KaffeeStG § 2(1): 250 g of roasted coffee × €2.19/kg = €0.5475 → €0.55 (half up), in the 7 % VAT base.
 * - Italy, L. 199/2025 art. 1 c. 126 (secondary): €2.00 per consignment ≤ €150 from outside the EU.
 * - Romania, Legea 239/2025 (secondary): RON 25.00 per parcel < €150 from outside the EU, owed by the seller.
 */
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const COFFEE = stableObjectIdHex('PAN-COFFEE-250');
const MATCHA = stableObjectIdHex('PAN-MATCHA-100'); // stocked only in Chiba: an import into the EU

const sumOf = (steps: { amount: string }[]) => steps.reduce((total, step) => total.plus(step.amount), new Decimal(0));

describe('levies and excise over the gateway', () => {
  it('the German coffee page: the coffee tax inside the price, its own step, the steps adding up to the price', async () => {
    const { data, errors } = await graphql(
      stack.gatewayUrl,
      /* GraphQL */ `query ($id: ID!) { product(id: $id) { price(country: DE) { amount { amount } excise { amount } explanation { amount steps { kind label amount } } } } }`,
      { id: COFFEE },
    );
    expect(errors).toBeUndefined();
    const { price } = data.product;
    expect(price.excise.amount).toBe('0.55');
    const excise = price.explanation.steps.find((step: { kind: string }) => step.kind === 'EXCISE');
    expect(excise).toMatchObject({ amount: '0.5475', label: 'Coffee tax (Kaffeesteuer), roasted coffee: EUR 2.19/kg × 0.25 kg' });
    // From the last conversion on, the steps add up to the shown price.
    const steps = price.explanation.steps as { kind: string; amount: string }[];
    const fromConversion = steps.slice(steps.findLastIndex((step) => step.kind === 'FX_CONVERSION'));
    expect(sumOf(fromConversion).eq(price.amount.amount)).toBe(true);
  });

  const QUOTE = /* GraphQL */ `
    query ($lines: [QuoteLineInput!]!, $country: CountryCode!) {
      quote(lines: $lines, shipTo: { country: $country }) {
        shipments { fromWarehouse { country } }
        total { amount } tax { amount } levies { amount } dueOnDelivery { amount }
        breakdown { kind amount { amount } treatment }
        explanation { steps { kind label amount } }
        consignments { fromCountry levies { code kind amount { amount } vat { amount } atCheckout inVatBase verified } }
        customsDeclarations { items { merchantProductId excise { code amount { amount } } } }
      }
    }
  `;

  it('an Italian cart from Chiba: €2.00 at checkout, outside the VAT base, unverified', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: MATCHA, quantity: 1 }], country: 'IT' });
    expect(errors).toBeUndefined();
    const { quote } = data;
    expect(quote.shipments.map((shipment: { fromWarehouse: { country: string } }) => shipment.fromWarehouse.country)).toEqual(['JP']);
    expect(quote.levies.amount).toBe('2.00');
    expect(quote.consignments[0].levies).toEqual([
      {
        code: 'IT_LOW_VALUE_CONTRIBUTION',
        kind: 'LEVY',
        amount: { amount: '2.00' },
        vat: { amount: '0.00' },
        atCheckout: true,
        inVatBase: false,
        verified: false,
      },
    ]);
    expect(quote.breakdown).toContainEqual({ kind: 'LEVY', amount: { amount: '2.00' }, treatment: 'ADDED' });
    expect(sumOf(quote.explanation.steps).eq(quote.total.amount)).toBe(true);
  });

  it('a Romanian cart from Chiba: RON 25.00 at checkout with its VAT, never due on delivery', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: MATCHA, quantity: 1 }], country: 'RO' });
    expect(errors).toBeUndefined();
    const { quote } = data;
    expect(quote.levies.amount).toBe('25.00');
    const [levy] = quote.consignments[0].levies;
    // The seed's RO food rate 11 %: 25.00 × 0.11 = 2.75.
    expect(levy).toMatchObject({ code: 'RO_PARCEL_LEVY', amount: { amount: '25.00' }, vat: { amount: '2.75' }, atCheckout: true });
    expect(quote.dueOnDelivery.amount).toBe('0.00');
    expect(sumOf(quote.explanation.steps).eq(quote.total.amount)).toBe(true);
  });

  it('a German coffee cart: the coffee tax at checkout, on the customs declaration item', async () => {
    const { data, errors } = await graphql(stack.gatewayUrl, QUOTE, { lines: [{ productId: COFFEE, quantity: 2 }], country: 'DE' });
    expect(errors).toBeUndefined();
    const { quote } = data;
    // 2 × 0.25 kg × €2.19 = €1.095 → €1.10 (one rounding per line, half up).
    expect(quote.levies.amount).toBe('1.10');
    expect(quote.consignments.flatMap((parcel: { levies: unknown[] }) => parcel.levies)).toMatchObject([
      { code: 'DE_COFFEE_TAX', kind: 'EXCISE', amount: { amount: '1.10' }, atCheckout: true, inVatBase: true, verified: true },
    ]);
    expect(quote.customsDeclarations[0].items[0].excise).toEqual([{ code: 'DE_COFFEE_TAX', amount: { amount: '1.10' } }]);
    expect(sumOf(quote.explanation.steps).eq(quote.total.amount)).toBe(true);
  });
});
