import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import type { Market } from './market.ts';
import { isValidTimeZone } from './time-zone.ts';
import { zoneOffsetMinutes } from './zone-offset.ts';

/**
 * The IANA zone delivery dates are read in: the market's default zone; for a country we reach (a zone lane
 * such as EU) but keep no market for, its own zone from CLDR, and where it has several (Spain, Portugal) the
 * one furthest ahead of UTC now, so a window is never promised a calendar day early.
 */
export function destinationTimeZone(country: string, market: Market | undefined, now: Date): string {
  if (market) return market.defaultTimeZone;
  const valid = timeZonesOf(country);
  const offsetOf = (zone: string) => zoneOffsetMinutes(zone, now.getTime());
  return (
    valid.reduce<string | undefined>((best, zone) => (best === undefined || offsetOf(zone) > offsetOf(best) ? zone : best), undefined) ??
    'UTC'
  );
}

// Country → its valid IANA zones from CLDR. A pure function of the country and the ICU data in this Node
// binary, so an entry never goes stale; keys are country codes, so 500 entries hold them all. Which of the
// zones is furthest ahead depends on the instant and is decided per call from the remembered offsets.
const countryZones = createMemoCache<readonly string[]>('fulfillment.countryZones', 500);

function timeZonesOf(country: string): readonly string[] {
  return memoize(countryZones, country, () =>
    Object.freeze((new Intl.Locale(`und-${country}`).getTimeZones?.() ?? []).filter((zone) => isValidTimeZone(zone))),
  );
}
