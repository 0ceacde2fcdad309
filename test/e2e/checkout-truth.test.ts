import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator, type MessageKey } from '../../subgraphs/common/i18n/index.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { businessDaysPhrase } from '../../subgraphs/fulfillment/domain/text.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { E2E_NOW, graphql, startTestStack, type GraphQLResponse } from './stack.ts';

/**
 * Acceptance of issue #13 "Checkout truth": one `describe` per bullet of its "Done when" list, asked through the
 * gateway over real HTTP as a checkout page or a partner would. Figures are derived from the answer's own fields
 * (the EU's low-value duty regime may change; the sums and the rules may not).
 */

// The clock of every subgraph: moved (never slept on) to expire an FX lock.
let now = new Date(E2E_NOW);
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ clock: () => new Date(now) });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  now = new Date(E2E_NOW);
});

const SUNSCREEN = stableObjectIdHex('BTY-SPF-30'); // made in Japan, stocked only in Chiba
const DRY_SHAMPOO = stableObjectIdHex('BTY-DRYSHAMPOO-100'); // made in the Netherlands, stocked only in Venlo
const MERINO = stableObjectIdHex('APP-MERINO-OLI'); // made in Portugal, stocked only in Venlo
const COFFEE_MILL = stableObjectIdHex('HOM-MILL-BLA'); // made in Japan, stocked only in Chiba
const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA'); // made in Japan, stocked only in Chiba
const TEE = stableObjectIdHex('APP-TEE-NAV'); // made in the US, stocked in New Jersey and Venlo

const MONEY = '{ amount currencyCode }';
const QUOTE = /* GraphQL */ `
  query Checkout($lines: [QuoteLineInput!]!, $country: CountryCode!, $currency: CurrencyCode, $locale: Locale) {
    quote(lines: $lines, shipTo: { country: $country }, currency: $currency) {
      id currency shippable dutyIncluded belowDeMinimis
      pricedLines { productId quantity unitPrice ${MONEY} lineTotal ${MONEY} tax ${MONEY} }
      shipments { fromWarehouse { id country } lines { product { id } quantity } level earliest latest charge { id amount ${MONEY} } }
      selectedDeliveryOption { level window { earliest latest } }
      deliveryWindow { earliest latest }
      items ${MONEY} shipping ${MONEY} freeShipping tax ${MONEY} duty ${MONEY} importTax ${MONEY} dueOnDelivery ${MONEY} total ${MONEY}
      customsValue ${MONEY}
      customsValuation { basis goods ${MONEY} freight ${MONEY} insurance ${MONEY} value ${MONEY} }
      breakdown { kind amount ${MONEY} treatment inTotal }
      paymentMethods(locale: $locale) { code name type currencies }
      settlement { currency amount ${MONEY} rate fxLock { id rate expiresAt presentment ${MONEY} settlement ${MONEY} } }
      explanation { amount currency steps { kind label amount currency runningTotal } }
    }
  }
`;

interface Money {
  amount: string;
  currencyCode: string;
}
interface CheckoutQuote {
  id: string;
  currency: string;
  shippable: boolean;
  dutyIncluded: boolean;
  belowDeMinimis: boolean;
  pricedLines: { productId: string; quantity: number; unitPrice: Money; lineTotal: Money; tax: Money }[];
  shipments: {
    fromWarehouse: { id: string; country: string };
    lines: { product: { id: string }; quantity: number }[];
    level: string;
    earliest: string;
    latest: string;
    charge: { id: string; amount: Money };
  }[];
  selectedDeliveryOption: { level: string; window: { earliest: string; latest: string } } | null;
  deliveryWindow: { earliest: string; latest: string } | null;
  items: Money;
  shipping: Money | null;
  freeShipping: boolean;
  tax: Money;
  duty: Money;
  importTax: Money;
  dueOnDelivery: Money;
  total: Money;
  customsValue: Money;
  customsValuation: { basis: string; goods: Money; freight: Money; insurance: Money; value: Money };
  breakdown: { kind: string; amount: Money; treatment: string | null; inTotal: boolean }[];
  paymentMethods: { code: string; name: string; type: string; currencies: string[] }[];
  settlement: {
    currency: string;
    amount: Money;
    rate: string;
    fxLock: { id: string; rate: string; expiresAt: string; presentment: Money; settlement: Money };
  };
  explanation: {
    amount: string;
    currency: string;
    steps: { kind: string; label: string; amount: string; currency: string; runningTotal: string }[];
  };
}

type Line = [productId: string, quantity: number];

function ask(
  country: string,
  lines: Line[],
  options: { currency?: string; locale?: string } = {},
): Promise<GraphQLResponse<{ quote: CheckoutQuote }>> {
  return graphql(stack.gatewayUrl, QUOTE, {
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
    country,
    currency: options.currency ?? null,
    locale: options.locale ?? null,
  });
}

async function checkout(country: string, lines: Line[], options: { currency?: string; locale?: string } = {}): Promise<CheckoutQuote> {
  const response = await ask(country, lines, options);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.quote;
}

const dec = (value: string) => new Decimal(value);
const sumOf = (values: readonly string[]) => values.reduce((total, value) => total.plus(value), new Decimal(0));
const rows = (quote: CheckoutQuote, kind: string) => quote.breakdown.filter((row) => row.kind === kind);
const codesOf = (quote: CheckoutQuote) => quote.paymentMethods.map((method) => method.code);
/** Every Money in the answer, wherever it sits. */
const moneysOf = (quote: CheckoutQuote): Money[] => [
  ...quote.pricedLines.flatMap((line) => [line.unitPrice, line.lineTotal, line.tax]),
  quote.items,
  quote.tax,
  quote.duty,
  quote.importTax,
  quote.dueOnDelivery,
  quote.total,
  ...(quote.shipping ? [quote.shipping] : []),
  quote.customsValue,
  quote.customsValuation.goods,
  quote.customsValuation.freight,
  quote.customsValuation.insurance,
  quote.customsValuation.value,
  ...quote.breakdown.map((row) => row.amount),
];

/** What every checkout answer must hold: the breakdown and the explanation both add up to the total, exactly. */
function expectAddsUp(quote: CheckoutQuote): void {
  const added = quote.breakdown.filter((row) => row.treatment === 'ADDED');
  expect(sumOf(added.map((row) => row.amount.amount)).eq(quote.total.amount), 'ADDED rows sum to the total').toBe(true);
  expect(rows(quote, 'TOTAL').map((row) => row.amount.amount)).toEqual([quote.total.amount]);
  expect(quote.explanation.amount).toBe(quote.total.amount);
  expect(quote.explanation.currency).toBe(quote.total.currencyCode);
  expect(sumOf(quote.explanation.steps.map((step) => step.amount)).eq(quote.total.amount), 'steps sum to the total').toBe(true);
  let running = new Decimal(0);
  for (const step of quote.explanation.steps) {
    running = running.plus(step.amount);
    expect(running.eq(step.runningTotal), `${step.kind} running total`).toBe(true);
  }
}

describe('a DE cart of two items from two warehouses', () => {
  // Sunscreen from Chiba (crosses the EU's customs border) and dry shampoo from Venlo (EU goods, already inside):
  // under the free-shipping threshold, so shipping is paid and is part of the customs value.
  const cart: Line[] = [
    [SUNSCREEN, 1],
    [DRY_SHAMPOO, 1],
  ];

  it('split shipment: two parcels, each from its own warehouse with its own lines and window', async () => {
    const quote = await checkout('DE', cart);
    expect(quote.shippable).toBe(true);
    expect(quote.shipments.map((shipment) => [shipment.fromWarehouse, shipment.lines])).toEqual([
      [{ id: 'wh-jp-chiba', country: 'JP' }, [{ product: { id: SUNSCREEN }, quantity: 1 }]],
      [{ id: 'wh-nl-venlo', country: 'NL' }, [{ product: { id: DRY_SHAMPOO }, quantity: 1 }]],
    ]);
    const [fromJapan, fromVenlo] = quote.shipments;
    // Each parcel has its own window; the cart is complete when the last one arrives.
    expect(fromVenlo!.latest < fromJapan!.earliest).toBe(true);
    expect(quote.deliveryWindow).toEqual({ earliest: fromJapan!.earliest, latest: fromJapan!.latest });
    expect(quote.selectedDeliveryOption?.window).toEqual(quote.deliveryWindow);
    expect(new Set(quote.shipments.map((shipment) => shipment.level))).toEqual(new Set([quote.selectedDeliveryOption!.level]));
  });

  it('CIF duty: the customs value of the goods that cross the border includes their freight', async () => {
    const quote = await checkout('DE', cart);
    const valuation = quote.customsValuation;
    expect(valuation.basis).toBe('CIF');
    expect(quote.freeShipping).toBe(false);
    expect(dec(valuation.freight.amount).gt(0)).toBe(true);
    // The freight is the Chiba parcel's own charge net of German VAT, not a share of both parcels' charges.
    const chibaCharge = quote.shipments.find((shipment) => shipment.fromWarehouse.country === 'JP')!.charge.amount.amount;
    expect(valuation.freight.amount).toBe(dec(chibaCharge).div('1.19').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    expect(dec(valuation.insurance.amount).isZero()).toBe(true);
    expect(dec(valuation.goods.amount).plus(valuation.freight.amount).plus(valuation.insurance.amount).eq(valuation.value.amount)).toBe(
      true,
    );
    expect(quote.customsValue).toEqual(valuation.value);
    // Only the Japanese sunscreen crosses the border: the goods are its net value, not the Dutch shampoo's.
    const sunscreenNet = quote.explanation.steps.find((step) => step.kind === 'ITEM' && step.label.includes(SUNSCREEN))!;
    expect(valuation.goods.amount).toBe(sunscreenNet.amount);
    // Germany is DDP: whatever duty and import VAT are owed on that value are collected at checkout, in the total.
    expect(quote.dutyIncluded).toBe(true);
    expect(rows(quote, 'DUTY')).toEqual([{ kind: 'DUTY', amount: quote.duty, treatment: 'ADDED', inTotal: true }]);
    expect(rows(quote, 'IMPORT_TAX')).toEqual([{ kind: 'IMPORT_TAX', amount: quote.importTax, treatment: 'ADDED', inTotal: true }]);
    expect(dec(quote.dueOnDelivery.amount).isZero()).toBe(true);
  });

  it('shipping in totals: one SHIPPING row per parcel, and total = items + shipping + duty + import VAT (VAT included)', async () => {
    const quote = await checkout('DE', cart);
    const shippingRows = rows(quote, 'SHIPPING');
    expect(shippingRows).toHaveLength(quote.shipments.length);
    expect(shippingRows.every((row) => row.treatment === 'ADDED' && dec(row.amount.amount).gt(0))).toBe(true);
    // Venlo's charge is in euros already; Chiba's (in yen) is converted by pricing.
    expect(shippingRows.map((row) => row.amount)).toEqual(quote.shipments.map((shipment) => shipment.charge.amount));
    expect(quote.shipping).toEqual({ amount: sumOf(shippingRows.map((row) => row.amount.amount)).toFixed(2), currencyCode: 'EUR' });
    // German prices include VAT (on goods and on shipping), so only duty and import VAT are added on top.
    expect(rows(quote, 'TAX')[0]).toMatchObject({ treatment: 'INCLUDED', inTotal: true });
    const expected = dec(quote.items.amount).plus(quote.shipping!.amount).plus(quote.duty.amount).plus(quote.importTax.amount);
    expect(quote.total.amount).toBe(expected.toFixed(2));
    expectAddsUp(quote);
  });

  it('iDEAL absent and Klarna present', async () => {
    const quote = await checkout('DE', cart, { locale: 'de-DE' });
    expect(codesOf(quote)).not.toContain('IDEAL');
    expect(quote.paymentMethods.find((method) => method.code === 'KLARNA_PAY_LATER')).toMatchObject({ type: 'BNPL', currencies: ['EUR'] });
    expect(codesOf(quote)).toEqual(expect.arrayContaining(['VISA', 'MASTERCARD', 'SEPA_DIRECT_DEBIT']));
  });

  it("settlement in the merchant's currency (EUR by default), with an FX lock on both amounts", async () => {
    const quote = await checkout('DE', cart);
    expect(quote.settlement).toMatchObject({ currency: 'EUR', rate: '1', amount: quote.total });
    expect(quote.settlement.fxLock).toMatchObject({ rate: '1', presentment: quote.total, settlement: quote.total });
    expect(quote.settlement.fxLock.id).toMatch(/^fxl_/);
    expect(Date.parse(quote.settlement.fxLock.expiresAt) - now.getTime()).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it("settlement in the merchant's currency: a merchant settling in USD receives dollars for the same euro cart", async () => {
    // A second stack, as a merchant configured to settle in US dollars would run it (pricing reads the setting
    // when it starts).
    const previous = process.env['MERIDIAN_SETTLEMENT_CURRENCY'];
    process.env['MERIDIAN_SETTLEMENT_CURRENCY'] = 'USD';
    let dollarMerchant: RunningStack | undefined;
    try {
      dollarMerchant = await startTestStack({ clock: () => new Date(now) });
    } finally {
      if (previous === undefined) delete process.env['MERIDIAN_SETTLEMENT_CURRENCY'];
      else process.env['MERIDIAN_SETTLEMENT_CURRENCY'] = previous;
    }
    try {
      const response = await graphql(dollarMerchant.gatewayUrl, QUOTE, {
        lines: cart.map(([productId, quantity]) => ({ productId, quantity })),
        country: 'DE',
      });
      expect(response.errors).toBeUndefined();
      const quote = response.data.quote as CheckoutQuote;
      const rates = await graphql(dollarMerchant.gatewayUrl, '{ fxRates { base quote rate } }');
      const eurUsd = (rates.data.fxRates as { base: string; quote: string; rate: string }[]).find(
        (rate) => rate.base === 'EUR' && rate.quote === 'USD',
      )!;
      // The shopper still sees and pays euros; the merchant receives dollars at the ECB rate, without margin.
      expect(quote.total.currencyCode).toBe('EUR');
      expect(quote.settlement.currency).toBe('USD');
      expect(dec(quote.settlement.rate).eq(eurUsd.rate)).toBe(true);
      const dollars = dec(quote.total.amount).times(eurUsd.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
      expect(quote.settlement.amount).toEqual({ amount: dollars, currencyCode: 'USD' });
      expect(quote.settlement.fxLock).toMatchObject({ presentment: quote.total, settlement: { amount: dollars, currencyCode: 'USD' } });
    } finally {
      await dollarMerchant.stop();
    }
  }, 60_000);

  it('explanation adding up: from each line net of VAT, through shipping, to VAT, duty and import VAT, exactly the total', async () => {
    const quote = await checkout('DE', cart);
    expectAddsUp(quote);
    expect(quote.explanation.steps.map((step) => step.kind).slice(0, 5)).toEqual(['ITEM', 'ITEM', 'SHIPPING', 'SHIPPING', 'TAX']);
    expect(quote.explanation.steps.every((step) => step.currency === 'EUR')).toBe(true);
  });
});

describe('a US cart', () => {
  // A coffee mill from Chiba: under the free-shipping threshold, and well under the $800 the US no longer exempts.
  const cart: Line[] = [[COFFEE_MILL, 1]];

  it('FOB: no freight in the customs value, although the shopper pays shipping', async () => {
    const quote = await checkout('US', cart);
    expect(quote.customsValuation.basis).toBe('FOB');
    expect(dec(quote.shipping!.amount).gt(0)).toBe(true);
    expect(quote.customsValuation.freight.amount).toBe('0.00');
    expect(quote.customsValuation.value).toEqual(quote.customsValuation.goods);
    expect(quote.customsValue).toEqual(quote.customsValuation.value);
  });

  it('no de minimis: duty is owed on a small cart, due on delivery (DAP) and not in the total', async () => {
    const quote = await checkout('US', cart);
    expect(dec(quote.customsValue.amount).lt(800)).toBe(true);
    expect(quote.belowDeMinimis).toBe(false);
    expect(dec(quote.duty.amount).gt(0)).toBe(true);
    expect(quote.dutyIncluded).toBe(false);
    expect(rows(quote, 'DUTY')).toEqual([{ kind: 'DUTY', amount: quote.duty, treatment: 'DUE_ON_DELIVERY', inTotal: false }]);
    // The door: duty + import tax (none in the US) + the carrier's disbursement fee, USD 10.00 (illustrative price list).
    expect(dec(quote.dueOnDelivery.amount).eq(dec(quote.duty.amount).plus(quote.importTax.amount).plus('10.00'))).toBe(true);
    // US prices are shown before tax: the total is items + shipping + sales tax (none here), without the duty.
    expect(quote.total.amount).toBe(dec(quote.items.amount).plus(quote.shipping!.amount).plus(quote.tax.amount).toFixed(2));
    expect(quote.settlement.fxLock.presentment).toEqual(quote.total);
    expectAddsUp(quote);
  });
});

describe('a JP cart paying in JPY', () => {
  // Sunscreen from Chiba (domestic) and tees from the US (imported): shipping, duty and import tax in yen too.
  const cart: Line[] = [
    [SUNSCREEN, 1],
    [TEE, 3],
  ];

  it('is whole yen everywhere, offers JCB and Konbini, and settles in EUR', async () => {
    const quote = await checkout('JP', cart, { locale: 'ja-JP' });
    expect(quote.currency).toBe('JPY');
    for (const money of [...moneysOf(quote), quote.settlement.fxLock.presentment]) {
      expect(money.currencyCode).toBe('JPY');
      expect(money.amount, 'a whole number of yen').toMatch(/^-?\d+$/);
    }
    expect(quote.explanation.steps.every((step) => /^-?\d+$/.test(step.amount) && step.currency === 'JPY')).toBe(true);
    expect(dec(quote.duty.amount).gt(0)).toBe(true);
    expectAddsUp(quote);

    expect(codesOf(quote)).toEqual(expect.arrayContaining(['JCB', 'KONBINI', 'VISA']));
    expect(quote.paymentMethods.find((method) => method.code === 'KONBINI')).toMatchObject({ name: 'コンビニ払い', currencies: ['JPY'] });

    expect(quote.settlement.currency).toBe('EUR');
    expect(quote.settlement.amount.amount).toMatch(/^\d+\.\d{2}$/);
    expect(
      dec(quote.settlement.amount.amount).eq(
        dec(quote.total.amount).times(quote.settlement.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN),
      ),
    ).toBe(true);
    expect(quote.settlement.fxLock).toMatchObject({
      presentment: quote.total,
      settlement: quote.settlement.amount,
      rate: quote.settlement.rate,
    });
  });
});

describe('a CH cart presented in EUR', () => {
  const cart: Line[] = [
    [MERINO, 1],
    [DRY_SHAMPOO, 2],
  ];

  it('quote(currency: EUR): amounts in EUR, Swiss VAT at the door, TWINT absent (francs only), cards present', async () => {
    const quote = await checkout('CH', cart, { currency: 'EUR' });
    expect(quote.currency).toBe('EUR');
    for (const money of moneysOf(quote)) expect(money.currencyCode).toBe('EUR');
    // CH is DAP and we are not registered there: no VAT in the lines (was 8.1 % Swiss VAT in each, which the carrier
    // then charged again at the door); the import VAT is 8.1 % of the customs value plus duty, due on delivery.
    for (const line of quote.pricedLines) expect(line.tax.amount, line.productId).toBe('0.00');
    expect(quote.tax.amount).toBe('0.00');
    const importVat = dec(quote.customsValuation.value.amount)
      .plus(quote.duty.amount)
      .times('0.081')
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    expect(quote.importTax.amount).toBe(importVat.toFixed(2));
    expect(codesOf(quote)).not.toContain('TWINT');
    expect(codesOf(quote)).toEqual(expect.arrayContaining(['VISA', 'MASTERCARD']));
    expect(quote.settlement).toMatchObject({ currency: 'EUR', rate: '1', amount: quote.total });
    expectAddsUp(quote);

    // The same cart in francs offers TWINT.
    const inFrancs = await checkout('CH', cart);
    expect(inFrancs.total.currencyCode).toBe('CHF');
    expect(codesOf(inFrancs)).toContain('TWINT');
  });

  it('price(country: CH, currency: EUR): a euro price with Swiss VAT', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      `{ product(id: "${MERINO}") { price(country: CH, currency: EUR) { amount ${MONEY} tax { ratePercent amount ${MONEY} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const price = response.data.product.price;
    expect(price.amount.currencyCode).toBe('EUR');
    expect(price.tax).toMatchObject({ ratePercent: '8.1', amount: { currencyCode: 'EUR' } });
  });

  it('an unaccepted currency (GBP in CH) or an unknown one is BAD_USER_INPUT naming it, for price and for quote', async () => {
    const price = await graphql(
      stack.gatewayUrl,
      `{ product(id: "${MERINO}") { price(country: CH, currency: GBP) { amount { amount } } } }`,
    );
    const quote = await ask('CH', cart, { currency: 'GBP' });
    for (const error of [price.errors?.[0], quote.errors?.[0]]) {
      expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(error?.message).toContain('GBP');
      expect(error?.message).toContain('CHF, EUR');
    }
    // A code that is no currency at all is refused the same way, naming it.
    const unknown = await ask('CH', cart, { currency: 'XYZ' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', currency: 'XYZ' });
    expect(unknown.errors?.[0]?.message).toContain('Unknown currency "XYZ"');
  });
});

describe('an expired FX lock refused', () => {
  const CONFIRM =
    'mutation Confirm($fxLockId: ID!, $quoteId: ID!) { confirmCheckout(fxLockId: $fxLockId, quoteId: $quoteId) { fxLock { presentment { amount } settlement { amount } } } }';

  it('confirms within the window at the amounts shown; once the lock has expired, refuses with FX_LOCK_EXPIRED', async () => {
    const cart: Line[] = [[HEADPHONES, 1]];
    const quote = await checkout('JP', cart);
    const lock = quote.settlement.fxLock;

    // Another cart's lock, confirmed in time, answers exactly what was shown.
    const other = await checkout('JP', [[HEADPHONES, 2]]);
    const confirmed = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: other.settlement.fxLock.id, quoteId: other.id });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmCheckout.fxLock).toEqual({
      presentment: { amount: other.total.amount },
      settlement: { amount: other.settlement.amount.amount },
    });

    now = new Date(lock.expiresAt); // the instant it expires: no longer valid
    const refused = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: lock.id, quoteId: quote.id });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FX_LOCK_EXPIRED');
    expect(refused.errors?.[0]?.message).toContain('request the quote again');
  });
});

describe('every country answered consistently by price, delivery and quote', () => {
  const SOLD_SAMPLE = ['DE', 'BE', 'FR', 'CH', 'US', 'JP', 'KW', 'AU'];
  const UNSOLD_SAMPLE = ['BR', 'CN', 'CU', 'IN', 'ZA'];
  const operationFor = (countries: readonly string[]) =>
    `{ product(id: "${TEE}") { ${countries.map((country) => `p${country}: price(country: ${country}) { amount { currencyCode } } d${country}: delivery(shipTo: ${country}) { shipTo }`).join(' ')} }
       ${countries.map((country) => `q${country}: quote(lines: [{ productId: "${TEE}", quantity: 1 }], shipTo: { country: ${country} }) { total { currencyCode } }`).join(' ')} }`;

  it('a sold country: price, delivery and quote all answer, in the market’s currency; the markets list has 38', async () => {
    const markets = await graphql(stack.gatewayUrl, '{ markets { country currency } }');
    const currencyOf = new Map(
      (markets.data.markets as { country: string; currency: string }[]).map((market) => [market.country, market.currency]),
    );
    expect(currencyOf.size).toBe(38);
    const response = await graphql(stack.gatewayUrl, operationFor(SOLD_SAMPLE));
    expect(response.errors).toBeUndefined();
    for (const country of SOLD_SAMPLE) {
      expect(response.data.product[`p${country}`].amount.currencyCode, country).toBe(currencyOf.get(country));
      expect(response.data.product[`d${country}`].shipTo, country).toBe(country);
      expect(response.data[`q${country}`].total.currencyCode, country).toBe(currencyOf.get(country));
    }
  });

  it('an unsold country: price, delivery and quote all refuse it the same way (BAD_USER_INPUT, reason NOT_SOLD, naming it)', async () => {
    const response = await graphql(stack.gatewayUrl, operationFor(UNSOLD_SAMPLE));
    // A refused quote may report the refusal once per field the gateway asked of it (`qBR.shippingCharges`, …):
    // one answer per root field.
    const refusals = [
      ...new Set(
        (response.errors ?? []).map((error) => {
          const [root, field] = error.path ?? [];
          return JSON.stringify([
            root === 'product' ? `product.${String(field)}` : root,
            error.extensions?.['code'],
            error.extensions?.['reason'],
            error.message,
          ]);
        }),
      ),
    ].map((refusal) => JSON.parse(refusal) as unknown[]);
    const expected = UNSOLD_SAMPLE.flatMap((country) =>
      [`product.p${country}`, `product.d${country}`, `q${country}`].map((path) => [
        path,
        'BAD_USER_INPUT',
        'NOT_SOLD',
        `We do not sell to ${country}; Query.markets lists the countries we sell to`,
      ]),
    );
    expect(refusals.sort()).toEqual(expected.sort());
  });
});

describe('Arabic text for 0, 1, 2, 5, 11 and 100 days all different', () => {
  it('the delivery catalog’s six Arabic plural forms (zero, one, two, few, many, other)', () => {
    // No cart waits 0, 11 or 100 business days, so the counts go through the text function delivery.text uses.
    const translator = createTranslator('ar');
    const texts = [0, 1, 2, 5, 11, 100].map((count) =>
      businessDaysPhrase({ min: count, max: count }, 'ar', (key, options) => translator.t(key as MessageKey, options)),
    );
    expect(new Set(texts).size).toBe(6);
    expect(texts).toEqual(['خلال يوم العمل نفسه', 'يوم عمل واحد', 'يوما عمل', '5 أيام عمل', '11 يوم عمل', '100 يوم عمل']);
  });

  it('the graph words a Kuwaiti cart’s window with the Arabic count', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      `{ quote(lines: [{ productId: "${TEE}", quantity: 1 }], shipTo: { country: KW }) { deliveryWindow { businessDaysMin businessDaysMax text(locale: "ar-KW") } } }`,
    );
    expect(response.errors).toBeUndefined();
    const window = response.data.quote.deliveryWindow;
    expect(window.text).toMatch(/(أيام|يوم) عمل/);
    expect(window.text).not.toMatch(/business day/);
  });
});
