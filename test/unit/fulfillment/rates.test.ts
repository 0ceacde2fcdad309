import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { chargeableWeightGrams, quoteParcel, rateForWeight, volumetricWeightGrams } from '../../../subgraphs/fulfillment/domain/rates.ts';
import { eur } from './fixtures.ts';

describe('chargeableWeightGrams', () => {
  it('bills a light but bulky box by its volume: 40×30×30 cm at ÷5000 is 7.2 kg, not the 2 kg it weighs', () => {
    expect(chargeableWeightGrams({ actualGrams: 2000, dimensionsCm: { l: 40, w: 30, h: 30 }, volumetricDivisor: 5000 })).toBe(7200);
  });

  it('bills a small heavy box by its actual weight', () => {
    expect(chargeableWeightGrams({ actualGrams: 3500, dimensionsCm: { l: 20, w: 15, h: 10 }, volumetricDivisor: 5000 })).toBe(3500);
  });

  it('rounds each dimension up to a whole centimetre and the result up to a whole gram', () => {
    // 30.2 cm counts as 31: 31×20×10 = 6200 cm³ → 1240 g; 33³ = 35937 cm³ → 7187.4 g → 7188 g.
    expect(volumetricWeightGrams({ l: 30.2, w: 20, h: 10 }, 5000)).toBe(1240);
    expect(volumetricWeightGrams({ l: 33, w: 33, h: 33 }, 5000)).toBe(7188);
    expect(chargeableWeightGrams({ actualGrams: 999.1, dimensionsCm: { l: 1, w: 1, h: 1 }, volumetricDivisor: 5000 })).toBe(1000);
  });

  it('depends on the carrier’s divisor (6000 makes the same box lighter)', () => {
    expect(volumetricWeightGrams({ l: 40, w: 30, h: 30 }, 6000)).toBe(6000);
  });

  it('refuses impossible measurements', () => {
    expect(() => volumetricWeightGrams({ l: 0, w: 30, h: 30 }, 5000)).toThrow(DomainError);
    expect(() => volumetricWeightGrams({ l: 10, w: 30, h: 30 }, 0)).toThrow(DomainError);
    expect(() => chargeableWeightGrams({ actualGrams: Number.NaN, dimensionsCm: { l: 1, w: 1, h: 1 }, volumetricDivisor: 5000 })).toThrow(
      DomainError,
    );
  });
});

describe('volumetricWeightGrams (exact integer division)', () => {
  // The reference: ceil(l)·ceil(w)·ceil(h)·1000 / divisor rounded up, all in BigInt.
  const exact = (l: number, w: number, h: number, divisor: number) => {
    const dividend = BigInt(Math.ceil(l)) * BigInt(Math.ceil(w)) * BigInt(Math.ceil(h)) * 1000n + BigInt(divisor) - 1n;
    return Number(dividend / BigInt(divisor));
  };

  it('rounds up exactly for every box size, on both sides of the 2^50 limit where the division moves to BigInt', () => {
    const boxes: [number, number, number, number][] = [
      [40, 30, 10, 5000],
      [0.1, 0.1, 0.1, 5000], // one cubic centimetre: 1 g after rounding up
      [12.01, 8, 8, 6000],
      [999_999, 999_999, 1_000, 7], // ~10^15 cm³: past 2^50 once multiplied by 1000
      [1_000_000, 1_000_000, 1_000_000, 5000], // a 10-km cube
      [104_857, 104_857, 102_399, 4999], // just around 2^50 / 1000
    ];
    let seed = 7;
    const next = (limit: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % limit) + 1;
    for (let i = 0; i < 2_000; i++) boxes.push([next(400) + next(100) / 100, next(300), next(200), next(10_000)]);
    for (const [l, w, h, divisor] of boxes) {
      expect(volumetricWeightGrams({ l, w, h }, divisor), `${l}×${w}×${h} ÷${divisor}`).toBe(exact(l, w, h, divisor));
    }
  });
});

describe('rateForWeight', () => {
  const bands = eur([
    [10000, 1690],
    [2000, 990],
    [5000, 1290],
  ]); // deliberately unsorted

  it('picks the first band whose limit covers the weight, the limit itself included', () => {
    expect(rateForWeight(bands, 2000)).toEqual({ minor: 990n, currency: 'EUR' });
    expect(rateForWeight(bands, 2001)).toEqual({ minor: 1290n, currency: 'EUR' });
    expect(rateForWeight(bands, 7200)).toEqual({ minor: 1690n, currency: 'EUR' });
  });

  it('has no price for a parcel heavier than the last band', () => {
    expect(rateForWeight(bands, 10001)).toBeNull();
  });

  it('refuses fractional minor units and mixed currencies instead of rounding or guessing', () => {
    expect(() => rateForWeight([{ upToGrams: 1000, price: { minor: 12.9 as unknown as bigint, currency: 'EUR' } }], 500)).toThrow(
      DomainError,
    );
    expect(() => rateForWeight([...eur([[1000, 990]]), { upToGrams: 2000, price: { minor: 1500n, currency: 'USD' } }], 500)).toThrow(
      /mix currencies/,
    );
  });

  it('keeps refusing a bad band list however often it is asked, and prices a corrected copy', () => {
    const mixed = [...eur([[1000, 990]]), { upToGrams: 2000, price: { minor: 1500n, currency: 'USD' } }];
    expect(() => rateForWeight(mixed, 500)).toThrow(/mix currencies/);
    expect(() => rateForWeight(mixed, 500)).toThrow(/mix currencies/);
    expect(rateForWeight(mixed.slice(0, 1), 500)).toEqual({ minor: 990n, currency: 'EUR' });
  });

  it('hands every caller its own price object (the sorted bands are shared, the answer is not)', () => {
    const first = rateForWeight(bands, 100)!;
    (first as { minor: bigint }).minor = 1n;
    expect(rateForWeight(bands, 100)).toEqual({ minor: 990n, currency: 'EUR' });
    expect(bands.map((band) => band.upToGrams)).toEqual([10000, 2000, 5000]);
  });

  it('quotes a bulky parcel at its volumetric band', () => {
    const quote = quoteParcel(
      { weightBands: bands, volumetricDivisor: 5000 },
      { actualGrams: 2000, dimensionsCm: { l: 40, w: 30, h: 30 } },
    );
    expect(quote).toEqual({ chargeableGrams: 7200, price: { minor: 1690n, currency: 'EUR' } });
  });
});
