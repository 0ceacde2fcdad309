import { Decimal } from 'decimal.js';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { E2E_NOW, graphql, startTestStack } from './stack.ts';

// The clock of every subgraph, moved by the tests to expire a lock without sleeping.
let now = new Date(E2E_NOW);
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ clock: () => new Date(now) });
});
afterAll(async () => {
  await stack?.stop();
});

const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const MERINO_NAVY = stableObjectIdHex('APP-MERINO-NAV');
const MERINO_OLIVE = stableObjectIdHex('APP-MERINO-OLI');

const CART = /* GraphQL */ `
  query Cart($lines: [QuoteLineInput!]!, $country: CountryCode!, $locale: Locale) {
    quote(lines: $lines, shipTo: { country: $country }) {
      id
      total { amount currencyCode }
      paymentMethods(locale: $locale) { code name type currencies limits { currency min { amount } max { amount } } }
    }
  }
`;

async function cart(country: string, lines: { productId: string; quantity: number }[], locale?: string) {
  const response = await graphql(stack.gatewayUrl, CART, { lines, country, locale });
  expect(response.errors).toBeUndefined();
  return response.data.quote as {
    id: string;
    total: { amount: string; currencyCode: string };
    paymentMethods: {
      code: string;
      name: string;
      type: string;
      currencies: string[];
      limits: { currency: string; min: { amount: string } | null; max: { amount: string } | null }[];
    }[];
  };
}

const codesOf = (quote: { paymentMethods: { code: string }[] }) => quote.paymentMethods.map((method) => method.code);

describe('payment methods of a cart', () => {
  it('offers a German cart Klarna (pay later) and SEPA direct debit with German names, and not iDEAL', async () => {
    const quote = await cart('DE', [{ productId: MERINO_NAVY, quantity: 1 }], 'de-DE');
    expect(quote.total.currencyCode).toBe('EUR');
    expect(codesOf(quote)).toEqual(['VISA', 'MASTERCARD', 'AMEX', 'APPLE_PAY', 'PAYPAL', 'SEPA_DIRECT_DEBIT', 'KLARNA_PAY_LATER']);
    expect(quote.paymentMethods.find((method) => method.code === 'SEPA_DIRECT_DEBIT')?.name).toBe('SEPA-Lastschrift');
    expect(quote.paymentMethods.find((method) => method.code === 'KLARNA_PAY_LATER')).toMatchObject({
      type: 'BNPL',
      limits: [{ currency: 'EUR', min: { amount: '1.00' }, max: { amount: '1500.00' } }],
    });
  });

  it('drops Klarna from a German cart above its limit', async () => {
    const quote = await cart('DE', [{ productId: MERINO_NAVY, quantity: 20 }]);
    expect(Number(quote.total.amount)).toBeGreaterThan(1500);
    expect(codesOf(quote)).not.toContain('KLARNA_PAY_LATER');
    expect(codesOf(quote)).toContain('VISA');
  });

  it('offers a Dutch cart iDEAL under its brand name, and not Klarna', async () => {
    const quote = await cart('NL', [{ productId: MERINO_NAVY, quantity: 1 }], 'nl-NL');
    expect(codesOf(quote)).toContain('IDEAL');
    expect(codesOf(quote)).not.toContain('KLARNA_PAY_LATER');
    expect(quote.paymentMethods.find((method) => method.code === 'IDEAL')).toMatchObject({ name: 'iDEAL', type: 'BANK_TRANSFER' });
    expect(quote.paymentMethods.find((method) => method.code === 'SEPA_DIRECT_DEBIT')?.name).toBe('SEPA-incasso');
  });

  it('offers a Belgian cart Bancontact and SEPA direct debit (in Dutch), besides the cards', async () => {
    const quote = await cart('BE', [{ productId: MERINO_NAVY, quantity: 1 }], 'nl-BE');
    expect(quote.total.currencyCode).toBe('EUR');
    expect(codesOf(quote)).toEqual(['VISA', 'MASTERCARD', 'AMEX', 'APPLE_PAY', 'PAYPAL', 'BANCONTACT', 'SEPA_DIRECT_DEBIT']);
    expect(quote.paymentMethods.find((method) => method.code === 'BANCONTACT')).toMatchObject({
      name: 'Bancontact',
      type: 'CARD',
      currencies: ['EUR'],
      limits: [{ currency: 'EUR', min: { amount: '0.01' }, max: { amount: '50000.00' } }],
    });
    expect(quote.paymentMethods.find((method) => method.code === 'SEPA_DIRECT_DEBIT')?.name).toBe('SEPA-incasso');
  });

  it('offers a Japanese cart paid in yen Konbini (under ¥300,000) and JCB, in Japanese', async () => {
    const quote = await cart('JP', [{ productId: HEADPHONES, quantity: 1 }], 'ja-JP');
    expect(quote.total).toEqual({ amount: '41800', currencyCode: 'JPY' });
    expect(codesOf(quote)).toEqual(expect.arrayContaining(['JCB', 'KONBINI']));
    expect(quote.paymentMethods.find((method) => method.code === 'KONBINI')).toMatchObject({
      name: 'コンビニ払い',
      type: 'CASH_VOUCHER',
      currencies: ['JPY'],
      limits: [{ currency: 'JPY', min: { amount: '120' }, max: { amount: '300000' } }],
    });
  });

  it('drops Konbini from a Japanese cart over ¥300,000 but keeps JCB', async () => {
    const quote = await cart('JP', [{ productId: HEADPHONES, quantity: 8 }]);
    expect(quote.total).toEqual({ amount: '334400', currencyCode: 'JPY' });
    expect(codesOf(quote)).not.toContain('KONBINI');
    expect(codesOf(quote)).toContain('JCB');
  });

  it('offers a Swiss cart in francs TWINT, and a Kuwaiti cart in dinars KNET', async () => {
    const swiss = await cart('CH', [{ productId: MERINO_NAVY, quantity: 1 }]);
    expect(swiss.total.currencyCode).toBe('CHF');
    expect(codesOf(swiss)).toContain('TWINT');
    const kuwaiti = await cart('KW', [{ productId: MERINO_NAVY, quantity: 1 }], 'ar-KW');
    expect(kuwaiti.total.currencyCode).toBe('KWD');
    expect(kuwaiti.paymentMethods.find((method) => method.code === 'KNET')).toMatchObject({ name: 'كي نت', currencies: ['KWD'] });
    expect(codesOf(kuwaiti)).not.toContain('PAYPAL');
  });

  it("lists a market's methods whatever the amount, each with only the currencies the market accepts", async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ market(country: CH) { paymentMethods(locale: "de-CH") { code currencies illustrative source asOf } } }',
    );
    expect(response.errors).toBeUndefined();
    const methods = response.data.market.paymentMethods as { code: string; currencies: string[]; illustrative: boolean; source: string }[];
    // Switzerland accepts EUR besides CHF (Market.additionalCurrencies); TWINT charges CHF only.
    expect(methods.find((method) => method.code === 'VISA')?.currencies).toEqual(['CHF', 'EUR']);
    expect(methods.find((method) => method.code === 'TWINT')?.currencies).toEqual(['CHF']);
    expect(methods.map((method) => method.code)).not.toContain('IDEAL');
    expect(methods.every((method) => method.illustrative && method.source.includes('Illustrative'))).toBe(true);
  });

  it('answers every market with its methods and limits in one request, within the cost budget', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ markets { country paymentMethods { code limits { min { amount } max { amount } } } } }',
    );
    expect(response.errors).toBeUndefined();
    const byCountry = Object.fromEntries(
      (response.data.markets as { country: string; paymentMethods: { code: string }[] }[]).map((market) => [
        market.country,
        market.paymentMethods.map((method) => method.code),
      ]),
    );
    expect(byCountry.NL).toContain('IDEAL');
    expect(byCountry.KW).toEqual(['VISA', 'MASTERCARD', 'KNET', 'APPLE_PAY']);
  });
});

const SETTLEMENT = /* GraphQL */ `
  query Settle($lines: [QuoteLineInput!]!, $country: CountryCode!) {
    quote(lines: $lines, shipTo: { country: $country }) {
      id
      total { amount currencyCode }
      settlement {
        currency amount { amount currencyCode } rate rateSource
        fxLock { id rate expiresAt presentment { amount currencyCode } settlement { amount currencyCode } }
      }
    }
  }
`;

async function settle(country: string, lines: { productId: string; quantity: number }[]) {
  const response = await graphql(stack.gatewayUrl, SETTLEMENT, { lines, country });
  expect(response.errors).toBeUndefined();
  return response.data.quote;
}

const CONFIRM = /* GraphQL */ `
  mutation Confirm($fxLockId: ID!, $quoteId: ID!) {
    confirmCheckout(fxLockId: $fxLockId, quoteId: $quoteId) {
      quoteId confirmedAt
      fxLock { id rate expiresAt presentment { amount currencyCode } settlement { amount currencyCode } }
    }
  }
`;

describe('settlement and the FX lock', () => {
  it('settles a Japanese cart in euros at the ECB rate without margin, rounded half-even to the cent', async () => {
    now = new Date(E2E_NOW);
    const quote = await settle('JP', [{ productId: HEADPHONES, quantity: 1 }]);
    const rates = await graphql(stack.gatewayUrl, '{ fxRates { base quote rate } }');
    const eurJpy = (rates.data.fxRates as { base: string; quote: string; rate: string }[]).find(
      (rate) => rate.base === 'EUR' && rate.quote === 'JPY',
    )!;
    // The inverse rate is rounded to 12 significant digits before use, so the reported rate is the applied one.
    const expectedRate = new Decimal(1).div(eurJpy.rate).toSignificantDigits(12, Decimal.ROUND_HALF_EVEN);
    expect(quote.settlement.rate).toBe(expectedRate.toString());
    expect(quote.settlement.rateSource).toBe('ECB');
    const expectedAmount = new Decimal(quote.total.amount).times(expectedRate).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
    expect(quote.settlement).toMatchObject({ currency: 'EUR', amount: { amount: expectedAmount, currencyCode: 'EUR' } });
    expect(quote.settlement.fxLock).toMatchObject({
      rate: quote.settlement.rate,
      presentment: { amount: '41800', currencyCode: 'JPY' },
      settlement: { amount: expectedAmount, currencyCode: 'EUR' },
      // Issued in the 10:00–10:15 window: held until one window after it, 10:30.
      expiresAt: '2026-11-25T10:30:00.000Z',
    });
  });

  it('settles a euro cart one to one, still with a lock', async () => {
    now = new Date(E2E_NOW);
    const quote = await settle('DE', [{ productId: MERINO_NAVY, quantity: 1 }]);
    expect(quote.settlement).toMatchObject({ currency: 'EUR', rate: '1', amount: quote.total });
    expect(quote.settlement.fxLock.id).toMatch(/^fxl_/);
    now = new Date('2026-11-25T10:09:00.000Z');
    expect((await settle('DE', [{ productId: MERINO_NAVY, quantity: 1 }])).settlement.fxLock).toEqual(quote.settlement.fxLock);
  });

  it('gives the same lock for the same quote within a window, and a new one in the next window', async () => {
    now = new Date('2026-11-25T10:01:00.000Z');
    const first = await settle('JP', [{ productId: HEADPHONES, quantity: 2 }]);
    now = new Date('2026-11-25T10:14:59.000Z');
    const again = await settle('JP', [{ productId: HEADPHONES, quantity: 2 }]);
    expect(again.settlement.fxLock).toEqual(first.settlement.fxLock);
    now = new Date('2026-11-25T10:15:00.000Z');
    const next = await settle('JP', [{ productId: HEADPHONES, quantity: 2 }]);
    expect(next.settlement.fxLock.id).not.toBe(first.settlement.fxLock.id);
    expect(next.settlement.fxLock.expiresAt).toBe('2026-11-25T10:45:00.000Z');
  });

  it('confirms a checkout within the window at exactly the amounts shown, and again with the same answer', async () => {
    now = new Date('2026-11-25T10:02:00.000Z');
    const quote = await settle('JP', [{ productId: HEADPHONES, quantity: 3 }]);
    now = new Date('2026-11-25T10:29:59.000Z');
    const confirmed = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: quote.settlement.fxLock.id, quoteId: quote.id });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmCheckout).toEqual({
      quoteId: quote.id,
      confirmedAt: '2026-11-25T10:29:59.000Z',
      fxLock: quote.settlement.fxLock,
    });
    // A retry, even once the window is over, answers the same: the checkout was confirmed in time.
    now = new Date('2026-11-25T10:40:00.000Z');
    const retried = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: quote.settlement.fxLock.id, quoteId: quote.id });
    expect(retried.data.confirmCheckout).toEqual(confirmed.data.confirmCheckout);
  });

  it('refuses an expired lock with FX_LOCK_EXPIRED, telling the shopper to re-quote', async () => {
    now = new Date('2026-11-25T10:03:00.000Z');
    const quote = await settle('JP', [{ productId: HEADPHONES, quantity: 4 }]);
    now = new Date('2026-11-25T10:30:00.000Z');
    const response = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: quote.settlement.fxLock.id, quoteId: quote.id });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FX_LOCK_EXPIRED');
    expect(response.errors?.[0]?.message).toContain('expired at 2026-11-25T10:30:00.000Z');
    expect(response.errors?.[0]?.message).toContain('request the quote again');
  });

  it('refuses an unknown lock (NOT_FOUND) and another quote’s lock (BAD_USER_INPUT)', async () => {
    now = new Date(E2E_NOW);
    const quote = await settle('JP', [{ productId: HEADPHONES, quantity: 1 }]);
    const unknown = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: 'fxl_nope', quoteId: quote.id });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('fxl_nope');
    const other = await graphql(stack.gatewayUrl, CONFIRM, { fxLockId: quote.settlement.fxLock.id, quoteId: 'CH:someone-else' });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('does not run a mutation sent with GET', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', 'mutation { confirmCheckout(fxLockId: "fxl_x", quoteId: "q") { quoteId } }');
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
  });
});

describe('the EU price-reduction rule (Omnibus)', () => {
  const PRICE = /* GraphQL */ `
    query Price($id: ID!, $country: CountryCode!) {
      product(id: $id) { price(country: $country) { amount { amount } compareAt { amount } lowestPrior30Days { amount } } }
    }
  `;
  async function priceOf(id: string, country: string) {
    const response = await graphql(stack.gatewayUrl, PRICE, { id, country });
    expect(response.errors).toBeUndefined();
    return response.data.product.price;
  }

  it('strikes through the lowest price of the 30 days before a German sale', async () => {
    now = new Date(E2E_NOW);
    expect(await priceOf(MERINO_OLIVE, 'DE')).toEqual({
      amount: { amount: '111.00' },
      compareAt: { amount: '139.00' },
      lowestPrior30Days: { amount: '139.00' },
    });
  });

  it('has no 30-day figure outside the EU', async () => {
    now = new Date(E2E_NOW);
    expect((await priceOf(MERINO_OLIVE, 'GB')).lowestPrior30Days).toBeNull();
  });

  it('shows no struck-through price when the price was raised shortly before the sale (the classic trick)', async () => {
    now = new Date(E2E_NOW);
    const client = await MongoClient.connect(stack.mongodbUri);
    try {
      const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
      const pricing = databases
        .map((database) => database.name)
        .find((name) => name.startsWith(`e2e_${process.pid}_`) && name.endsWith('_pricing'));
      const history = client.db(pricing).collection('price_history');
      const regular = await history.findOne({ productId: MERINO_OLIVE, market: 'DE', from: new Date('2026-09-01T00:00:00Z') });
      expect(regular).not.toBeNull();
      // 99.00 until 13 November, then raised to 139.00 ten days before the 111.00 sale.
      const raisedAt = new Date('2026-11-13T00:00:00Z');
      await history.updateOne({ _id: regular!._id }, { $set: { amountMinor: 9900, until: raisedAt } });
      await history.insertOne({
        productId: MERINO_OLIVE,
        market: 'DE',
        currency: 'EUR',
        amountMinor: 13900,
        from: raisedAt,
        until: regular!.until,
        source: 'test',
      });
      expect(await priceOf(MERINO_OLIVE, 'DE')).toEqual({
        amount: { amount: '111.00' },
        compareAt: null,
        lowestPrior30Days: { amount: '99.00' },
      });
      await history.deleteOne({ productId: MERINO_OLIVE, market: 'DE', from: raisedAt });
      await history.updateOne({ _id: regular!._id }, { $set: { amountMinor: regular!.amountMinor, until: regular!.until } });
    } finally {
      await client.close();
    }
  });
});
