import { describe, expect, it } from 'vitest';
import { convert } from '../../../subgraphs/pricing/domain/fx.ts';
import { moneyFromDecimal } from '../../../subgraphs/pricing/domain/money.ts';
import {
  CARRIED_FORWARD_SOURCE,
  FX_CARRY_FORWARD_MAX_DAYS,
  MARKETS,
  seedFxRateHistory,
  seedFxRates,
} from '../../../scripts/seed/pricing-reference.ts';

const days = (rates: { asOf: Date }[]) => [...new Set(rates.map((rate) => rate.asOf.toISOString()))].sort();

describe('seeded FX history (fresh demo data)', () => {
  it('is exactly the dated sample at the demo clock of the README', () => {
    expect(seedFxRateHistory(new Date('2026-11-25T10:00:00Z'))).toEqual(seedFxRates());
  });

  it('carries the sample forward to every ECB business day up to now, marked illustrative', () => {
    const history = seedFxRateHistory(new Date('2026-11-30T16:00:00Z')); // Monday, after the 16:00 CET fixing
    expect(days(history)).toEqual([
      '2026-11-24T15:00:00.000Z', // the sample
      '2026-11-25T15:00:00.000Z',
      '2026-11-26T15:00:00.000Z',
      '2026-11-27T15:00:00.000Z', // Friday; no weekend fixings
      '2026-11-30T15:00:00.000Z',
    ]);
    const carried = history.filter((rate) => rate.asOf.getTime() > Date.parse('2026-11-24T15:00:00Z'));
    expect(new Set(carried.map((rate) => rate.source))).toEqual(new Set([CARRIED_FORWARD_SOURCE]));
    expect(carried.find((rate) => rate.quote === 'USD' && rate.asOf.toISOString().startsWith('2026-11-30'))?.rate).toBe(
      seedFxRates().find((rate) => rate.quote === 'USD')?.rate,
    );
  });

  it('skips TARGET closing days, stamps summer fixings at 16:00 CEST and stays bounded', () => {
    const history = seedFxRateHistory(new Date('2027-07-01T12:00:00Z'));
    const carried = days(history).slice(1);
    expect(carried).toHaveLength(FX_CARRY_FORWARD_MAX_DAYS);
    expect(carried.at(-1)).toBe('2027-06-30T14:00:00.000Z');
    const christmas = days(seedFxRateHistory(new Date('2026-12-28T18:00:00Z')));
    expect(christmas).not.toContain('2026-12-25T15:00:00.000Z');
    expect(christmas).not.toContain('2026-12-26T15:00:00.000Z');
    expect(christmas).toContain('2026-12-28T15:00:00.000Z');
  });

  it('prices every market with a fresh rate on any day it is seeded (72 h default)', () => {
    for (const iso of ['2026-12-01T09:00:00Z', '2027-03-15T07:00:00Z', '2027-08-02T06:00:00Z']) {
      const now = new Date(iso);
      const rates = seedFxRateHistory(now);
      for (const market of MARKETS) {
        const result = convert(moneyFromDecimal('100.00', 'EUR'), market.currency, rates, { now, maxAgeHours: 72, rounding: 'HALF_UP' });
        expect(result.stale, `${market.country} at ${iso}`).toBe(false);
      }
    }
  });
});
