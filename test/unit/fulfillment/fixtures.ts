import type { CarrierService, Warehouse, WeightBand } from '../../../subgraphs/fulfillment/domain/index.ts';

// Fixed, explicit fixtures so a change to the seed data cannot silently change what these tests
// assert. "Today" is Wednesday 2026-11-25; Thursday 2026-11-26 is US Thanksgiving.

export const NJ: Warehouse = {
  id: 'wh-us-nj',
  country: 'US',
  timeZone: 'America/New_York',
  cutoffLocalTime: '15:00',
  handlingDays: 0,
  workingDays: [1, 2, 3, 4, 5],
};

export const CHIBA: Warehouse = {
  id: 'wh-jp-chiba',
  country: 'JP',
  timeZone: 'Asia/Tokyo',
  cutoffLocalTime: '14:00',
  handlingDays: 0,
  workingDays: [1, 2, 3, 4, 5],
};

export const VENLO: Warehouse = {
  id: 'wh-nl-venlo',
  country: 'NL',
  timeZone: 'Europe/Amsterdam',
  cutoffLocalTime: '17:00',
  handlingDays: 0,
  workingDays: [1, 2, 3, 4, 5],
};

export function eur(steps: Array<[number, number]>): WeightBand[] {
  return steps.map(([upToGrams, amountMinor]) => ({ upToGrams, price: { minor: BigInt(amountMinor), currency: 'EUR' } }));
}

export function service(overrides: Partial<CarrierService> & Pick<CarrierService, 'id' | 'origin' | 'destination'>): CarrierService {
  return {
    carrier: 'Test Carrier',
    level: 'standard',
    mode: 'road',
    transitDaysMin: 1,
    transitDaysMax: 2,
    clearanceDays: 0,
    rateCurrency: 'EUR',
    weightBands: eur([
      [2000, 590],
      [10000, 1090],
    ]),
    volumetricDivisor: 5000,
    ...overrides,
  };
}
