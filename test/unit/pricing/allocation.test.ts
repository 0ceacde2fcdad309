import { describe, expect, it } from 'vitest';
import { allocate } from '../../../subgraphs/pricing/domain/allocation.ts';
import { dec, eur } from './helpers.ts';

describe('allocate', () => {
  it('splits by largest remainder so the parts add up exactly', () => {
    expect(allocate(eur('10.00'), [1n, 1n, 1n]).map(dec)).toEqual(['3.34', '3.33', '3.33']);
    expect(allocate(eur('10.00'), [5950n, 5350n]).map(dec)).toEqual(['5.27', '4.73']);
    expect(allocate(eur('-0.05'), [1n, 1n]).map(dec)).toEqual(['-0.03', '-0.02']);
  });

  it('never loses a cent over many uneven weights', () => {
    const weights = Array.from({ length: 37 }, (_, index) => BigInt(index * 7 + 3));
    for (const total of ['0.01', '5.90', '1234.57']) {
      const parts = allocate(eur(total), weights);
      expect(parts.reduce((sum, part) => sum + part.minor, 0n)).toBe(eur(total).minor);
    }
  });

  it('shares equally when no weight is positive, and returns nothing for no weights', () => {
    expect(allocate(eur('1.00'), [0n, 0n, 0n]).map(dec)).toEqual(['0.34', '0.33', '0.33']);
    expect(allocate(eur('1.00'), [])).toEqual([]);
  });
});
