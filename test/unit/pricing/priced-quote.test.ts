import { describe, expect, it } from 'vitest';
import {
  lineCrossesBorder,
  matchShippedLine,
  presentedMarket,
  thresholdInCurrency,
} from '../../../subgraphs/pricing/domain/priced-quote.ts';
import { breakdownLabelOf } from '../../../subgraphs/pricing/domain/quote-breakdown.ts';
import type { Market } from '../../../subgraphs/pricing/domain/market.ts';
import { spellQuoteKey } from '../../../subgraphs/pricing/services/spell-quote-key.ts';
import { eur, money } from './helpers.ts';

const CH: Market = {
  country: 'CH',
  currency: 'CHF',
  locale: 'de-CH',
  taxDisplay: 'inclusive',
  incoterm: 'DAP',
  presentment: { kind: 'increment', increment: '0.05' },
  fxMarginBps: 150,
  customsValuation: 'CIF',
  additionalCurrencies: ['EUR'],
};

describe('matchShippedLine', () => {
  const lines = [
    { productId: 'a', quantity: 1 },
    { productId: 'b', quantity: 2 },
    { productId: 'a', quantity: 3 },
  ];
  it('prefers the line of that product with the same quantity', () => {
    expect(matchShippedLine({ productId: 'a', quantity: 3 }, lines, new Set())).toBe(2);
  });
  it('else the first line of that product not yet carried', () => {
    expect(matchShippedLine({ productId: 'a', quantity: 5 }, lines, new Set([0]))).toBe(2);
  });
  it('none: null', () => {
    expect(matchShippedLine({ productId: 'c', quantity: 1 }, lines, new Set())).toBeNull();
    expect(matchShippedLine({ productId: 'b', quantity: 2 }, lines, new Set([1]))).toBeNull();
  });
});

describe('lineCrossesBorder', () => {
  const parcels = [
    { fromCountry: 'JP', lineIndexes: [0] },
    { fromCountry: 'NL', lineIndexes: [1] },
  ];
  it('Chiba → Germany crosses, Venlo → Germany does not (EU customs union), an unshipped line crosses nothing', () => {
    expect([0, 1, 2].map((index) => lineCrossesBorder(index, parcels, 'DE'))).toEqual([true, false, false]);
  });
});

describe('presentedMarket', () => {
  it('is the market in the presented currency, with that currency’s rounding (EUR in Switzerland: to the cent)', () => {
    expect(presentedMarket(CH, 'EUR')).toEqual({ ...CH, currency: 'EUR', presentment: { kind: 'exponent' } });
    expect(presentedMarket(CH, 'CHF')).toEqual(CH);
  });
});

describe('thresholdInCurrency', () => {
  it('keeps a threshold already in the quote’s currency', () => {
    expect(thresholdInCurrency(eur('50.00'), 'EUR', { rates: [], now: new Date(), maxRateAgeHours: 24 })).toEqual(eur('50.00'));
  });
  it('converts at the reference rate, without margin: €50.00 at 0.9 CHF = CHF 45.00', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const rates = [{ base: 'EUR', quote: 'CHF', rate: '0.9', source: 'test', asOf: new Date('2026-11-25T00:00:00Z') }];
    expect(thresholdInCurrency(eur('50.00'), 'CHF', { rates, now, maxRateAgeHours: 48 })).toEqual(money('45.00', 'CHF'));
  });
});

describe('breakdownLabelOf', () => {
  it('labels included VAT, estimates due on delivery, and the rest by kind', () => {
    expect(breakdownLabelOf({ kind: 'TAX', amount: eur('1.00'), treatment: 'INCLUDED' })).toBe('VAT/GST included');
    expect(breakdownLabelOf({ kind: 'TAX', amount: eur('1.00'), treatment: 'ADDED' })).toBe('VAT/GST');
    expect(breakdownLabelOf({ kind: 'DUTY', amount: eur('1.00'), treatment: 'DUE_ON_DELIVERY' })).toBe(
      'Import duty (estimate, due on delivery)',
    );
    expect(breakdownLabelOf({ kind: 'SHIPPING_DISCOUNT', amount: eur('-1.00'), treatment: 'ADDED' })).toBe('Free shipping');
  });
});

describe('spellQuoteKey', () => {
  const quote = {
    id: 'q1',
    shipToCountry: 'DE',
    requestedCurrency: null,
    lines: [{ quantity: 1, product: { id: 'p', hsCode: '611030', originCountry: 'JP' } }],
    shipments: [{ fromWarehouse: { country: 'JP' }, lines: [{ quantity: 1, product: { id: 'p' } }], charge: { id: 'c1' } }],
    freeShippingThreshold: null,
  };
  it('spells every input, not the id', () => {
    expect(spellQuoteKey(quote)).toBe(
      '"DE"|null|[{"quantity":1,"product":{"id":"p","hsCode":"611030","originCountry":"JP"}}]|[{"fromWarehouse":{"country":"JP"},"lines":[{"quantity":1,"product":{"id":"p"}}],"charge":{"id":"c1"}}]|null',
    );
    expect(spellQuoteKey({ ...quote, id: 'q2' })).toBe(spellQuoteKey(quote));
  });
  it('tells apart what prices differently: an absent threshold from a null one, another charge, another quantity', () => {
    const { freeShippingThreshold: _, ...absent } = quote;
    const keys = [
      quote,
      absent,
      { ...quote, shipments: [{ ...quote.shipments[0]!, charge: { id: 'c2' } }] },
      { ...quote, lines: [{ ...quote.lines[0]!, quantity: 2 }] },
      { ...quote, requestedCurrency: 'USD' },
    ].map(spellQuoteKey);
    expect(new Set(keys).size).toBe(5);
  });
});
