import { describe, expect, it } from 'vitest';
import { decodeListingCursor, encodeListingCursor, minorUnitsOf, priceBuckets } from '../../../subgraphs/pricing/domain/index.ts';

describe('market listing rules', () => {
  it('buckets prices on the 1–2–5 series between the cheapest and the dearest, the last open-ended', () => {
    // CHF 5.80 to CHF 99.00: edges 10, 20, 50 francs lie above the cheapest and not above the dearest.
    expect(priceBuckets(580, 9_900, 100)).toEqual([
      { fromMinor: 0, toMinor: 1_000 },
      { fromMinor: 1_000, toMinor: 2_000 },
      { fromMinor: 2_000, toMinor: 5_000 },
      { fromMinor: 5_000, toMinor: null },
    ]);
  });

  it('takes every second step of the series when every step would give too many buckets', () => {
    // ¥100 to ¥90,000 (no minor unit): every step gives 200, 500, 1,000 … 50,000, 9 edges (10 buckets); every
    // second step of 1, 5, 20, 100, 500, 2,000, 10,000, 50,000 gives 500, 2,000, 10,000, 50,000 (5 buckets).
    expect(priceBuckets(100, 90_000, 1).map((bucket) => bucket.fromMinor)).toEqual([0, 500, 2_000, 10_000, 50_000]);
  });

  it('round-trips a cursor and refuses a forged one with BAD_USER_INPUT', () => {
    const position = { amountMinor: 1_260, productId: '8b97b1ef9bf028530c2c3fa7' };
    expect(decodeListingCursor(encodeListingCursor(position))).toEqual(position);
    expect(() => decodeListingCursor('bm9wZQ')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('reads price bounds exactly in the currency’s minor units, refusing extra decimals and negatives', () => {
    expect(minorUnitsOf('100.00', 'CHF')).toBe(10_000);
    expect(minorUnitsOf('100', 'JPY')).toBe(100);
    expect(() => minorUnitsOf('99.999', 'CHF')).toThrow();
    expect(() => minorUnitsOf('-1', 'CHF')).toThrow(/negative/);
  });
});
