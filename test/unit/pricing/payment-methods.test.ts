import { describe, expect, it } from 'vitest';
import { MARKETS } from '../../../scripts/seed/pricing-reference.ts';
import { PAYMENT_METHODS, paymentMethodDocuments } from '../../../scripts/seed/payments.ts';
import { isCurrencyCode } from '../../../subgraphs/common/contract/currency.ts';
import {
  paymentMethodName,
  paymentMethodsForTotal,
  paymentMethodsOfMarket,
  refusalOf,
  type PaymentMethod,
} from '../../../subgraphs/pricing/domain/payment-methods.ts';
import { toPaymentMethod } from '../../../subgraphs/pricing/mappers.ts';
import { money } from './helpers.ts';

const CATALOGUE: PaymentMethod[] = paymentMethodDocuments().map(toPaymentMethod);
const market = (country: string) => {
  const found = MARKETS.find((candidate) => candidate.country === country);
  if (!found) throw new Error(`no market ${country}`);
  return found;
};
const codes = (methods: readonly PaymentMethod[]) => methods.map((method) => method.code);
const offered = (country: string, amount: string, currency: string, includesDuties = false) =>
  codes(paymentMethodsForTotal(CATALOGUE, market(country), money(amount, currency), includesDuties));

describe('payment methods for a total', () => {
  it('offers a German cart Klarna and not iDEAL; a Dutch cart iDEAL and not Klarna', () => {
    expect(offered('DE', '139.00', 'EUR')).toContain('KLARNA_PAY_LATER');
    expect(offered('DE', '139.00', 'EUR')).not.toContain('IDEAL');
    expect(offered('NL', '139.00', 'EUR')).toContain('IDEAL');
    expect(offered('NL', '139.00', 'EUR')).not.toContain('KLARNA_PAY_LATER');
  });

  it('applies limits inclusively: Konbini up to exactly ¥300,000, not a yen more; Klarna from €1.00', () => {
    expect(offered('JP', '300000', 'JPY')).toContain('KONBINI');
    expect(offered('JP', '300001', 'JPY')).not.toContain('KONBINI');
    expect(offered('JP', '119', 'JPY')).not.toContain('KONBINI');
    expect(offered('JP', '300001', 'JPY')).toContain('JCB');
    expect(offered('DE', '1.00', 'EUR')).toContain('KLARNA_PAY_LATER');
    expect(offered('DE', '0.99', 'EUR')).not.toContain('KLARNA_PAY_LATER');
    expect(offered('DE', '1500.01', 'EUR')).not.toContain('KLARNA_PAY_LATER');
  });

  it('offers TWINT for a Swiss total in francs, not for one presented in euros', () => {
    expect(offered('CH', '99.95', 'CHF')).toContain('TWINT');
    expect(offered('CH', '99.95', 'EUR')).not.toContain('TWINT');
    expect(offered('CH', '99.95', 'EUR')).toContain('VISA');
  });

  it('offers a Belgian cart Bancontact, in euros only, and cards in every market we sell to', () => {
    expect(offered('BE', '49.99', 'EUR')).toContain('BANCONTACT');
    expect(offered('NL', '49.99', 'EUR')).not.toContain('BANCONTACT');
    for (const { country, currency } of MARKETS) {
      const methods = paymentMethodsOfMarket(CATALOGUE, market(country));
      for (const card of ['VISA', 'MASTERCARD'])
        expect(methods.find((method) => method.code === card)?.currencies, `${card} in ${country}`).toContain(currency);
    }
  });

  it('offers SEPA Direct Debit in the euro markets, and PayPal only where it takes the currency', () => {
    expect(offered('FR', '49.99', 'EUR')).toContain('SEPA_DIRECT_DEBIT');
    expect(offered('PL', '199.99', 'PLN')).not.toContain('SEPA_DIRECT_DEBIT');
    expect(offered('PL', '199.99', 'PLN')).toContain('PAYPAL');
    expect(offered('RO', '199.99', 'RON')).not.toContain('PAYPAL');
    expect(offered('KR', '50000', 'KRW')).not.toContain('PAYPAL');
  });

  it('offers KNET in Kuwait, in dinars only', () => {
    expect(offered('KW', '12.500', 'KWD')).toContain('KNET');
    expect(offered('KW', '12.500', 'KWD')).not.toContain('PAYPAL');
  });

  it('refuses a method that cannot pay duties for a total that includes them, with the reason', () => {
    const cashOnly = { ...CATALOGUE.find((method) => method.code === 'KONBINI')!, canPayDdpDuties: false };
    expect(refusalOf(cashOnly, money('5000', 'JPY'), true)).toBe('DUTIES');
    expect(refusalOf(cashOnly, money('5000', 'JPY'), false)).toBeNull();
    expect(refusalOf(cashOnly, money('50.00', 'EUR'), false)).toBe('CURRENCY');
    expect(refusalOf(cashOnly, money('300001', 'JPY'), false)).toBe('ABOVE_MAX');
    expect(refusalOf(cashOnly, money('100', 'JPY'), false)).toBe('BELOW_MIN');
  });
});

describe("a market's payment methods", () => {
  it('keeps only the currencies the market accepts, and their limits', () => {
    const swiss = paymentMethodsOfMarket(CATALOGUE, market('CH'));
    expect(swiss.find((method) => method.code === 'VISA')?.currencies).toEqual(['CHF', 'EUR']);
    expect(swiss.find((method) => method.code === 'TWINT')).toMatchObject({ currencies: ['CHF'], limits: [{ currency: 'CHF' }] });
    expect(codes(swiss)).not.toContain('IDEAL');
  });

  it('lists cards, then wallets, then local methods, the same in every market', () => {
    expect(codes(paymentMethodsOfMarket(CATALOGUE, market('JP')))).toEqual([
      'VISA',
      'MASTERCARD',
      'AMEX',
      'JCB',
      'APPLE_PAY',
      'PAYPAL',
      'KONBINI',
    ]);
  });
});

describe('payment method names', () => {
  const sepa = CATALOGUE.find((method) => method.code === 'SEPA_DIRECT_DEBIT')!;
  it('uses the exact locale, else its language, else the brand', () => {
    expect(paymentMethodName({ brand: 'X', names: { 'de-CH': 'Schweiz', de: 'Deutsch' } }, 'de-CH')).toBe('Schweiz');
    expect(paymentMethodName(sepa, 'de-AT')).toBe('SEPA-Lastschrift');
    expect(paymentMethodName(sepa, 'ja-JP')).toBe('SEPA Direct Debit');
    expect(paymentMethodName(CATALOGUE.find((method) => method.code === 'IDEAL')!, 'nl-NL')).toBe('iDEAL');
  });
});

describe('the seeded catalogue', () => {
  const countries = new Set(MARKETS.map((candidate) => candidate.country));
  it.each(PAYMENT_METHODS.map((method) => [method.code, method] as const))(
    '%s is offered only where we sell, in real currencies, with limits in them',
    (_, method) => {
      for (const country of method.countries) expect(countries.has(country), country).toBe(true);
      for (const currency of method.currencies) expect(isCurrencyCode(currency), currency).toBe(true);
      for (const limit of method.limits) {
        expect(method.currencies).toContain(limit.currency);
        if (limit.minMinor !== null && limit.maxMinor !== null) expect(limit.minMinor).toBeLessThanOrEqual(limit.maxMinor);
      }
    },
  );

  it('says where its figures come from and that they are illustrative', () => {
    for (const method of paymentMethodDocuments()) {
      expect(method.illustrative).toBe(true);
      expect(method.source).toMatch(/Illustrative/);
      expect(method.asOf).toBeInstanceOf(Date);
    }
    expect(new Set(PAYMENT_METHODS.map((method) => method.code)).size).toBe(PAYMENT_METHODS.length);
  });
});
