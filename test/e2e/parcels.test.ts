import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

/**
 * Issue #13 acceptance review, "checkout truth": a cart's customs and shipping money follow its parcels. Each
 * parcel's charge is freight (CIF) and taxable shipping of its own lines; a parcel crosses a customs border when its
 * warehouse is outside the destination's customs territory; de minimis and the EU's €3 per subheading are assessed
 * per parcel; and a product page (an import from the origin) agrees with a one-item cart, or is an upper bound.
 */

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const SUNSCREEN = stableObjectIdHex('BTY-SPF-30'); // made in Japan, stocked only in Chiba
const DRY_SHAMPOO = stableObjectIdHex('BTY-DRYSHAMPOO-100'); // made in the Netherlands, stocked only in Venlo
const TEE = stableObjectIdHex('APP-TEE-NAV'); // made in the US, stocked in New Jersey and Venlo
const TEE_FROM_NEW_JERSEY = stableObjectIdHex('APP-TEE-WHI'); // made in the US, stocked only in New Jersey
const SNEAKERS = stableObjectIdHex('FTW-CANVAS-WHI'); // made in Vietnam, stocked in New Jersey and Venlo
const SNEAKERS_FROM_NEW_JERSEY = stableObjectIdHex('FTW-CANVAS-BLA'); // made in Vietnam, stocked only in New Jersey
const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA'); // made in Japan, stocked only in Chiba
const COFFEE_MILL = stableObjectIdHex('HOM-MILL-BLA'); // made in Japan, stocked only in Chiba

const MONEY = '{ amount currencyCode }';
const QUOTE = /* GraphQL */ `
  query Parcels($lines: [QuoteLineInput!]!, $country: CountryCode!) {
    quote(lines: $lines, shipTo: { country: $country }) {
      shipments { fromWarehouse { id country } lines { product { id } quantity } charge { amount ${MONEY} } }
      freeShipping items ${MONEY}
      tax ${MONEY} duty ${MONEY} importTax ${MONEY} total ${MONEY} belowDeMinimis
      customsValuation { basis goods ${MONEY} freight ${MONEY} insurance ${MONEY} value ${MONEY} }
      consignments {
        fromCountry productIds crossesCustomsBorder shipping ${MONEY} belowDeMinimis dutyBasis thresholdValue ${MONEY}
        customsValuation { goods ${MONEY} freight ${MONEY} value ${MONEY} }
        duty ${MONEY} importTax ${MONEY}
      }
      explanation { steps { kind label amount } }
    }
  }
`;

interface Money {
  amount: string;
  currencyCode: string;
}
interface Consignment {
  fromCountry: string | null;
  productIds: string[];
  crossesCustomsBorder: boolean;
  shipping: Money | null;
  belowDeMinimis: boolean;
  dutyBasis: string | null;
  thresholdValue: Money;
  customsValuation: { goods: Money; freight: Money; value: Money };
  duty: Money;
  importTax: Money;
}
interface ParcelQuote {
  shipments: {
    fromWarehouse: { id: string; country: string };
    lines: { product: { id: string }; quantity: number }[];
    charge: { amount: Money };
  }[];
  freeShipping: boolean;
  items: Money;
  tax: Money;
  duty: Money;
  importTax: Money;
  total: Money;
  belowDeMinimis: boolean;
  customsValuation: { basis: string; goods: Money; freight: Money; insurance: Money; value: Money };
  consignments: Consignment[];
  explanation: { steps: { kind: string; label: string; amount: string }[] };
}

async function quote(country: string, lines: [string, number][]): Promise<ParcelQuote> {
  const response = await graphql(stack.gatewayUrl, QUOTE, {
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
    country,
  });
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data.quote as ParcelQuote;
}

const dec = (value: string) => new Decimal(value);
const sumOf = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));

/** Each consignment's duty, import tax and customs value add up to the cart's. */
function expectConsignmentsAddUp(cart: ParcelQuote): void {
  expect(sumOf(cart.consignments.map((consignment) => consignment.duty.amount)).eq(cart.duty.amount)).toBe(true);
  expect(sumOf(cart.consignments.map((consignment) => consignment.importTax.amount)).eq(cart.importTax.amount)).toBe(true);
  expect(
    sumOf(cart.consignments.map((consignment) => consignment.customsValuation.value.amount)).eq(cart.customsValuation.value.amount),
  ).toBe(true);
  expect(sumOf(cart.explanation.steps.map((step) => step.amount)).eq(cart.total.amount)).toBe(true);
}

describe('freight belongs to the parcel that carries the goods', () => {
  it("DE: the sunscreen's CIF freight is the Chiba parcel's own charge net of VAT (€20.73), not a share of both parcels", async () => {
    const cart = await quote('DE', [
      [SUNSCREEN, 1],
      [DRY_SHAMPOO, 1],
    ]);
    expect(cart.shipments.map((shipment) => shipment.fromWarehouse.country)).toEqual(['JP', 'NL']);
    expect(cart.freeShipping).toBe(false);
    const [fromChiba, fromVenlo] = cart.shipments;
    // German shipping carries the goods' 19 % VAT: the Chiba parcel's freight is its charge less that VAT.
    const chibaNet = dec(fromChiba!.charge.amount.amount).div('1.19').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(chibaNet.toFixed(2)).toBe('20.73');
    expect(cart.customsValuation).toMatchObject({ basis: 'CIF', freight: { amount: '20.73', currencyCode: 'EUR' } });
    expect(dec(cart.customsValuation.goods.amount).plus('20.73').eq(cart.customsValuation.value.amount)).toBe(true);
    // One consignment per parcel: Chiba's crosses the EU border, Venlo's does not (and carries no customs value).
    expect(
      cart.consignments.map((consignment) => [consignment.fromCountry, consignment.productIds, consignment.crossesCustomsBorder]),
    ).toEqual([
      ['JP', [SUNSCREEN], true],
      ['NL', [DRY_SHAMPOO], false],
    ]);
    expect(cart.consignments.map((consignment) => consignment.shipping)).toEqual([fromChiba!.charge.amount, fromVenlo!.charge.amount]);
    expect(cart.consignments[1]).toMatchObject({
      dutyBasis: null,
      belowDeMinimis: true,
      duty: { amount: '0.00' },
      customsValuation: { value: { amount: '0.00' } },
    });
    expectConsignmentsAddUp(cart);
  });
});

describe('customs is crossed where the parcel crosses a border', () => {
  it('DE: a US-made tee from Venlo is in free circulation — no duty, no customs value', async () => {
    const cart = await quote('DE', [[TEE, 6]]); // €175.26 of goods: above €150, yet nothing is owed
    expect(cart.shipments.map((shipment) => shipment.fromWarehouse.id)).toEqual(['wh-nl-venlo']);
    expect(cart.duty.amount).toBe('0.00');
    expect(cart.belowDeMinimis).toBe(true);
    expect(cart.customsValuation.value.amount).toBe('0.00');
    expect(cart.consignments).toMatchObject([{ fromCountry: 'NL', crossesCustomsBorder: false, dutyBasis: null }]);
  });

  it('US: a Vietnamese sneaker from New Jersey is domestic — no US duty', async () => {
    const cart = await quote('US', [[SNEAKERS, 1]]);
    expect(cart.shipments.map((shipment) => shipment.fromWarehouse.id)).toEqual(['wh-us-nj']);
    expect(cart.duty.amount).toBe('0.00');
    expect(cart.consignments).toMatchObject([{ fromCountry: 'US', crossesCustomsBorder: false }]);
  });
});

describe('de minimis and the EU flat duty are assessed per parcel', () => {
  it('DE: two parcels from outside the EU each owe €3 for their own subheading, and each is compared alone', async () => {
    const cart = await quote('DE', [
      [HEADPHONES, 1],
      [SNEAKERS_FROM_NEW_JERSEY, 1],
      [TEE_FROM_NEW_JERSEY, 1],
    ]);
    expect(cart.shipments.map((shipment) => shipment.fromWarehouse.country)).toEqual(['JP', 'US']);
    const [fromChiba, fromNewJersey] = cart.consignments;
    // The headphones alone are above €150: the tariff rate; the New Jersey parcel alone is under it: €3 per
    // subheading (sneakers 6404.19, tee 6109.10), whatever the headphones are worth.
    expect(fromChiba).toMatchObject({ fromCountry: 'JP', dutyBasis: 'AD_VALOREM', belowDeMinimis: false });
    expect(dec(fromChiba!.thresholdValue.amount).gt(150)).toBe(true);
    expect(fromNewJersey).toMatchObject({
      fromCountry: 'US',
      dutyBasis: 'FLAT_LOW_VALUE',
      duty: { amount: '6.00' },
      importTax: { amount: '1.14' },
    });
    expect(dec(fromNewJersey!.thresholdValue.amount).lte(150)).toBe(true);
    const dutySteps = cart.explanation.steps.filter((step) => step.kind === 'DUTY').map((step) => step.label);
    expect(dutySteps[0]).toMatch(/^Shipment 1 of 2 \(from JP\): Import duty on the CIF customs value /);
    expect(dutySteps[1]).toBe('Shipment 2 of 2 (from US): EU low-value flat duty €3 × 2 items');
    expectConsignmentsAddUp(cart);
  });
});

describe('the product page prices an import from the origin: the cart agrees, or owes less where stock is already inside', () => {
  const PAGE =
    'query($id: ID!, $country: CountryCode!) { product(id: $id) { price(country: $country) { amount { amount } duty { amount { amount } importTax { amount } basis } } } }';
  const agreeing: [string, string, string][] = [
    ['DE', TEE_FROM_NEW_JERSEY, 'a tee from New Jersey: the €3 flat duty on both'],
    ['DE', SUNSCREEN, 'sunscreen from Chiba: the €3 flat duty on both'],
    ['DE', HEADPHONES, 'headphones from Chiba above €150 (shipping free): the tariff rate on both'],
    ['NL', TEE_FROM_NEW_JERSEY, 'a tee from New Jersey (.99 on the DDP price): the €3 flat duty on both'],
    ['US', COFFEE_MILL, 'a coffee mill from Chiba to the US (FOB): the tariff rate on both'],
  ];
  it.each(agreeing)('%s: %s — %s', async (country, id) => {
    const page = await graphql(stack.gatewayUrl, PAGE, { id, country });
    expect(page.errors).toBeUndefined();
    const duty = page.data.product.price.duty as { amount: { amount: string }; importTax: { amount: string }; basis: string } | null;
    const cart = await quote(country, [[id, 1]]);
    expect(cart.consignments[0]!.crossesCustomsBorder).toBe(true);
    expect(duty?.amount.amount).toBe(cart.duty.amount);
    expect(duty?.importTax.amount).toBe(cart.importTax.amount);
    expect(duty?.basis).toBe(cart.consignments[0]!.dutyBasis);
    // Under DDP the page's price is what the cart charges for the unit: goods, duty and import VAT (shipping aside).
    if (country !== 'US') {
      expect(dec(cart.items.amount).plus(cart.duty.amount).plus(cart.importTax.amount).toFixed(2)).toBe(
        page.data.product.price.amount.amount,
      );
    }
  });

  const stockedInside: [string, string, string][] = [
    ['DE', TEE, 'a US-made tee stocked in Venlo'],
    ['NL', TEE, 'a US-made tee stocked in Venlo'],
    ['US', SNEAKERS, 'Vietnamese sneakers stocked in New Jersey'],
  ];
  it.each(stockedInside)('%s: %s — %s: the page shows import duty, the cart owes none (never the other way)', async (country, id) => {
    const page = await graphql(stack.gatewayUrl, PAGE, { id, country });
    expect(page.errors).toBeUndefined();
    const cart = await quote(country, [[id, 1]]);
    expect(cart.consignments[0]!.crossesCustomsBorder).toBe(false);
    expect(cart.duty.amount).toMatch(/^0(\.0+)?$/);
    expect(dec(page.data.product.price.duty.amount.amount).gt(0)).toBe(true);
  });
});
