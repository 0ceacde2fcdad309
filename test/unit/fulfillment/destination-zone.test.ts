import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { destinationTimeZone } from '../../../subgraphs/fulfillment/domain/destination-zone.ts';

// The uncached rule, spelled out with luxon: among the country's CLDR zones, the one furthest ahead of UTC now.
function oracle(country: string, now: Date): string {
  const zones = (new Intl.Locale(`und-${country}`).getTimeZones?.() ?? []).filter((zone) => IANAZone.isValidZone(zone));
  const offsetOf = (zone: string) => IANAZone.create(zone).offset(now.getTime());
  return (
    zones.reduce<string | undefined>((best, zone) => (best === undefined || offsetOf(zone) > offsetOf(best) ? zone : best), undefined) ??
    'UTC'
  );
}

describe('destinationTimeZone for a country without a market', () => {
  it('is the CLDR zone furthest ahead of UTC, like the uncached rule, in winter and summer', () => {
    for (const now of [new Date('2026-01-15T12:00:00Z'), new Date('2026-07-15T12:00:00Z'), new Date('2026-03-29T01:30:00Z')]) {
      for (const country of ['ES', 'PT', 'FR', 'AU', 'BR', 'RU', 'KI', 'AQ']) {
        for (let call = 0; call < 2; call++)
          expect(destinationTimeZone(country, undefined, now), `${country} ${now.toISOString()}`).toBe(oracle(country, now));
      }
    }
    // Spain: a mainland zone (CET), never the Canaries' (WET) one hour behind.
    expect(destinationTimeZone('ES', undefined, new Date('2026-11-25T10:00:00Z'))).not.toBe('Atlantic/Canary');
  });

  it('is the market’s zone when we sell there', () => {
    const market = { country: 'DE', currency: 'EUR', defaultTimeZone: 'Europe/Berlin', freeShippingThreshold: null };
    expect(destinationTimeZone('DE', market, new Date())).toBe('Europe/Berlin');
  });
});
