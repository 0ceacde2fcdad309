import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { assertValidService, servicesTo, zonesContaining } from '../../../subgraphs/fulfillment/domain/services.ts';
import { service } from './fixtures.ts';

const ZONES = [{ id: 'EU', countries: ['AT', 'DE', 'FR', 'NL'] }];
const LANES = [
  service({ id: 'nl-eu-road', origin: 'NL', destination: 'EU' }),
  service({ id: 'nl-de-road', origin: 'NL', destination: 'DE' }),
  service({ id: 'nl-eu-express', origin: 'NL', destination: 'EU', level: 'express', mode: 'air' }),
  service({ id: 'nl-gb-road', origin: 'NL', destination: 'GB', clearanceDays: 1 }),
];
const ids = (list: Array<{ id: string }>) => list.map((s) => s.id).sort();

describe('servicesTo', () => {
  it('resolves a country through its zone', () => {
    expect(zonesContaining('AT', ZONES)).toEqual(['EU']);
    expect(ids(servicesTo(LANES, 'AT', ZONES))).toEqual(['nl-eu-express', 'nl-eu-road']);
  });

  it('lets a country-specific service beat the zone service of the same level, but not of another level', () => {
    expect(ids(servicesTo(LANES, 'DE', ZONES))).toEqual(['nl-de-road', 'nl-eu-express']);
    expect(ids(servicesTo(LANES, 'DE', ZONES, 'standard'))).toEqual(['nl-de-road']);
  });

  it('finds nothing for a country outside every lane and zone', () => {
    expect(servicesTo(LANES, 'KW', ZONES)).toEqual([]);
    expect(ids(servicesTo(LANES, 'GB', ZONES))).toEqual(['nl-gb-road']);
  });

  it('refuses a malformed country code', () => {
    expect(() => servicesTo(LANES, 'DEU', ZONES)).toThrow(DomainError);
  });
});

describe('assertValidService', () => {
  it('refuses inverted transit times and bands in another currency than the rate currency', () => {
    expect(() => assertValidService(service({ id: 'x', origin: 'NL', destination: 'DE', transitDaysMin: 3, transitDaysMax: 1 }))).toThrow(DomainError);
    expect(() => assertValidService(service({ id: 'y', origin: 'NL', destination: 'DE', rateCurrency: 'USD' }))).toThrow(/expected USD/);
  });
});
