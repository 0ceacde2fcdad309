import { describe, expect, it } from 'vitest';
import { destinationReferenceOf } from '../../../subgraphs/pricing/destination-reference.ts';
import type { DeMinimis, FxRate } from '../../../subgraphs/pricing/domain/index.ts';
import type { DutyRateRecord, MarketRecord } from '../../../subgraphs/pricing/mappers.ts';
import { dec, eur } from './helpers.ts';

const NOW = new Date('2026-11-25T10:00:00Z');
const PL: MarketRecord = {
  country: 'PL',
  currency: 'PLN',
  locale: 'pl-PL',
  taxDisplay: 'inclusive',
  incoterm: 'DDP',
  presentment: { kind: 'exponent' },
  fxMarginBps: 100,
  customsValuation: 'CIF',
  additionalCurrencies: ['EUR'],
  fxMaxAgeHours: null,
};
const MARKETS = new Map([['PL', PL]]);
const EU_DE_MINIMIS: DeMinimis = { destination: 'PL', dutyThreshold: eur('150.00'), taxThreshold: null, asOf: NOW, source: 'test' };
const rate = (value: string): FxRate => ({ base: 'EUR', quote: 'PLN', rate: value, source: 'ECB', asOf: new Date('2026-11-24T15:00:00Z') });

describe('destinationReferenceOf: a destination’s reference data, shared by the products of one request', () => {
  it('converts the de minimis thresholds once per request and currency, at the reference rate without margin', () => {
    const reference = destinationReferenceOf('PL', NOW, { markets: MARKETS, taxRates: [], deMinimis: EU_DE_MINIMIS, dutyRates: [] }, [
      rate('4.2000'),
    ]);
    const inPln = reference.deMinimisIn('PLN', 96);
    expect(dec(inPln[0]!.dutyThreshold!)).toBe('630.00');
    expect(reference.deMinimisIn('PLN', 96)).toBe(inPln);
    expect(dec(reference.deMinimisIn('EUR', 96)[0]!.dutyThreshold!)).toBe('150.00');
    expect(reference.market).toBe(PL);
  });

  it('a later request with new rates converts again (nothing is kept across requests)', () => {
    const first = destinationReferenceOf('PL', NOW, { markets: MARKETS, taxRates: [], deMinimis: EU_DE_MINIMIS, dutyRates: [] }, [
      rate('4.2000'),
    ]);
    const next = destinationReferenceOf('PL', NOW, { markets: MARKETS, taxRates: [], deMinimis: EU_DE_MINIMIS, dutyRates: [] }, [
      rate('4.3000'),
    ]);
    expect(dec(first.deMinimisIn('PLN', 96)[0]!.dutyThreshold!)).toBe('630.00');
    expect(dec(next.deMinimisIn('PLN', 96)[0]!.dutyThreshold!)).toBe('645.00');
  });

  it('has no market and no de minimis where we do not sell', () => {
    const reference = destinationReferenceOf('ZZ', NOW, { markets: MARKETS, taxRates: [], deMinimis: null, dutyRates: [] }, []);
    expect(reference.market).toBeNull();
    expect(reference.deMinimisIn('EUR', 96)).toEqual([]);
  });

  it("picks the duty rates whose prefix is an HS code's chapter, heading or subheading, once per code", () => {
    const row = (hsPrefix: string, ratePercent: string): DutyRateRecord =>
      ({ destination: 'PL', hsPrefix, ratePercent, asOf: NOW, source: 'test' }) as DutyRateRecord;
    const rows = [row('61', '12'), row('6109', '10'), row('610910', '8'), row('6110', '9'), row('33', '0')];
    const reference = destinationReferenceOf('PL', NOW, { markets: MARKETS, taxRates: [], deMinimis: null, dutyRates: rows }, []);
    expect(reference.dutyRatesFor('610910').map((rate) => rate.hsPrefix)).toEqual(['61', '6109', '610910']);
    expect(reference.dutyRatesFor('6109.10')).toEqual(reference.dutyRatesFor('610910'));
    expect(reference.dutyRatesFor('611011').map((rate) => rate.hsPrefix)).toEqual(['61', '6110']);
    expect(reference.dutyRatesFor('612011').map((rate) => rate.hsPrefix)).toEqual(['61']);
    expect(reference.dutyRatesFor('620140')).toEqual([]);
    expect(reference.dutyRatesFor('610910')).toBe(reference.dutyRatesFor('610910'));
  });
});
