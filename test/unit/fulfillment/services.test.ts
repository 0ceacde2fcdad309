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
const ids = (list: ReadonlyArray<{ id: string }>) => list.map((s) => s.id).sort();

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

describe('servicesTo on reference lists (remembered per list)', () => {
  // The uncached rule, spelled out: country lanes beat zone lanes of the same origin and level.
  const reachingByRule = (lanes: typeof LANES, country: string, level?: string) => {
    const zoneIds = ZONES.filter((zone) => zone.countries.includes(country)).map((zone) => zone.id);
    const matching = lanes.filter(
      (lane) => (level === undefined || lane.level === level) && (lane.destination === country || zoneIds.includes(lane.destination)),
    );
    const specific = new Set(matching.filter((lane) => lane.destination === country).map((lane) => `${lane.origin}|${lane.level}`));
    return matching
      .filter((lane) => lane.destination === country || !specific.has(`${lane.origin}|${lane.level}`))
      .map((lane) => lane.id)
      .sort();
  };

  it('answers every destination and level like the rule, asked twice', () => {
    for (const round of [1, 2]) {
      for (const country of ['AT', 'DE', 'FR', 'NL', 'GB', 'KW', 'JP']) {
        for (const level of [undefined, 'standard', 'express'] as const) {
          expect(ids([...servicesTo(LANES, country, ZONES, level)]), `${country} ${level} round ${round}`).toEqual(
            reachingByRule(LANES, country, level),
          );
        }
      }
    }
  });

  it('answers a new list (a new reference snapshot) from that list, not from the one before', () => {
    const before = servicesTo(LANES, 'AT', ZONES);
    const withoutRoad = LANES.filter((lane) => lane.id !== 'nl-eu-road');
    expect(ids([...servicesTo(withoutRoad, 'AT', ZONES)])).toEqual(['nl-eu-express']);
    expect(ids([...servicesTo(LANES, 'AT', [{ id: 'EU', countries: ['DE'] }])])).toEqual([]);
    expect(servicesTo(LANES, 'AT', ZONES)).toBe(before);
    expect(Object.isFrozen(before)).toBe(true);
  });

  it('refuses a malformed country code every time it is asked', () => {
    expect(() => servicesTo(LANES, 'DEU', ZONES)).toThrow(DomainError);
    expect(() => servicesTo(LANES, 'DEU', ZONES)).toThrow(DomainError);
  });
});

describe('assertValidService', () => {
  it('refuses inverted transit times and bands in another currency than the rate currency', () => {
    expect(() => assertValidService(service({ id: 'x', origin: 'NL', destination: 'DE', transitDaysMin: 3, transitDaysMax: 1 }))).toThrow(
      DomainError,
    );
    expect(() => assertValidService(service({ id: 'y', origin: 'NL', destination: 'DE', rateCurrency: 'USD' }))).toThrow(/expected USD/);
  });
});
