import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  destinationAreaOf,
  destinationWithin,
  type DestinationArea,
  isBusinessDay,
} from '../../../subgraphs/fulfillment/domain/index.ts';

const area = (id: string, fields: Partial<DestinationArea>): DestinationArea => ({
  id,
  country: 'DE',
  region: null,
  postalPrefixes: [],
  timeZone: null,
  holidayRegion: null,
  extraTransitDays: 0,
  extraClearanceDays: 0,
  unclearedFrom: [],
  source: 'test',
  asOf: '2026-12-07',
  ...fields,
});

describe('destinationAreaOf', () => {
  const areas = [
    area('DE-BUESINGEN', { postalPrefixes: ['78266'], extraClearanceDays: 1 }),
    area('ES-GC', { country: 'ES', region: 'ES-GC', postalPrefixes: ['35'] }),
    area('US-HI', { country: 'US', region: 'US-HI', timeZone: 'Pacific/Honolulu' }),
  ];

  it('matches a postal zone by the start of the code, and a region by its code', () => {
    expect(destinationAreaOf(areas, { country: 'DE', region: null, postalCode: '78266' })?.id).toBe('DE-BUESINGEN');
    expect(destinationAreaOf(areas, { country: 'ES', region: null, postalCode: '35001' })?.id).toBe('ES-GC');
    expect(destinationAreaOf(areas, { country: 'ES', region: 'ES-GC', postalCode: null })?.id).toBe('ES-GC');
    expect(destinationAreaOf(areas, { country: 'US', region: 'US-HI', postalCode: '96813' })?.id).toBe('US-HI');
  });

  it('finds nothing for a bare country, another country or another postal code', () => {
    expect(destinationAreaOf(areas, { country: 'DE', region: null, postalCode: null })).toBeNull();
    expect(destinationAreaOf(areas, { country: 'AT', region: null, postalCode: '78266' })).toBeNull();
    expect(destinationAreaOf(areas, { country: 'DE', region: null, postalCode: '78267' })).toBeNull();
  });
});

describe('regional holidays', () => {
  // Epiphany (6 January) is a public holiday in Bavaria, Baden-Württemberg and Saxony-Anhalt only (date-holidays DE).
  it('6 January 2027 is a business day in Germany but not in Bavaria', () => {
    expect(isBusinessDay('2027-01-06', { country: 'DE' })).toBe(true);
    expect(isBusinessDay('2027-01-06', { country: 'DE', holidayRegion: 'BY' })).toBe(false);
    expect(addBusinessDays('2027-01-05', 1, { country: 'DE', holidayRegion: 'BY' })).toBe('2027-01-07');
  });

  it('a region the holiday dataset knows brings its holidays without area data', () => {
    expect(destinationWithin('DE', 'Europe/Berlin', { region: 'DE-BY', area: null, precision: 'REGION' })).toEqual({
      country: 'DE',
      timeZone: 'Europe/Berlin',
      region: 'DE-BY',
      holidayRegion: 'BY',
    });
  });
});
