import { describe, expect, it } from 'vitest';
import type { PriceChange, PriceChangeResult } from '../../../subgraphs/pricing/services/change-price.ts';
import {
  markOfExchangeRates,
  markOfReferenceChange,
  marksOfPriceChange,
} from '../../../subgraphs/pricing/services/mark-projection-stale.ts';

const PRODUCT = '0123456789abcdef01234567';
const AT = new Date('2026-12-07T10:00:00Z');

function resultOf(written: { rows: number; removed: number; priceBookChanged: boolean }): PriceChangeResult {
  return {
    productId: PRODUCT,
    market: 'CH',
    currency: 'CHF',
    at: AT,
    historyRowsWritten: written.rows,
    historyRowsRemoved: written.removed,
    priceBookChanged: written.priceBookChanged,
    history: [],
  };
}

describe('the marks a price change leaves for the price projector', () => {
  it('marks the product in its market at the change', () => {
    const change: PriceChange = { kind: 'REGULAR', productId: PRODUCT, country: 'ch', amount: '49.90' };
    expect(marksOfPriceChange(change, resultOf({ rows: 1, removed: 0, priceBookChanged: true }))).toEqual([
      { productId: PRODUCT, country: 'CH', reason: 'price-change', dueAt: AT },
    ]);
  });

  it('marks a scheduled sale again when it starts and when it ends, when the shown price changes with no write', () => {
    const from = new Date('2026-12-24T00:00:00Z');
    const until = new Date('2027-01-06T00:00:00Z');
    const change: PriceChange = { kind: 'SALE', productId: PRODUCT, country: 'CH', amount: '39.90', from, until };
    expect(
      marksOfPriceChange(change, resultOf({ rows: 1, removed: 0, priceBookChanged: true })).map((mark) => [mark.reason, mark.dueAt]),
    ).toEqual([
      ['price-change', AT],
      ['sale-start', from],
      ['sale-end', until],
    ]);
  });

  it('marks a sale that starts now only at the change and at its end', () => {
    const until = new Date('2026-12-08T00:00:00Z');
    const change: PriceChange = { kind: 'SALE', productId: PRODUCT, country: 'CH', amount: '39.90', until };
    expect(marksOfPriceChange(change, resultOf({ rows: 1, removed: 0, priceBookChanged: true })).map((mark) => mark.reason)).toEqual([
      'price-change',
      'sale-end',
    ]);
  });

  it('leaves no mark for a change that wrote nothing (a re-run)', () => {
    const change: PriceChange = { kind: 'END_SALE', productId: PRODUCT, country: 'CH' };
    expect(marksOfPriceChange(change, resultOf({ rows: 0, removed: 0, priceBookChanged: false }))).toEqual([]);
  });

  it('marks every product of every market once pricing has read new exchange rates (after its reference TTL)', () => {
    expect(markOfExchangeRates(AT, 60_000)).toEqual({
      productId: null,
      country: null,
      reason: 'exchange-rates',
      dueAt: new Date('2026-12-07T10:01:00Z'),
    });
  });

  it('marks every product of every market when a tax registration takes effect, after the reference TTL', () => {
    expect(markOfReferenceChange('tax-registration', new Date('2027-01-01T00:00:00Z'), 0)).toEqual({
      productId: null,
      country: null,
      reason: 'tax-registration',
      dueAt: new Date('2027-01-01T00:00:00Z'),
    });
  });
});
