import { IANAZone } from 'luxon';
import { createMemoCache, memoize } from '../../common/memo-cache.ts';

// Keys are zone names from reference data and requests; about 600 exist, so the bound is never reached in use.
const zoneValidity = createMemoCache<boolean>('fulfillment.zoneValidity', 1_000);

/**
 * Whether `zone` is an IANA time zone this runtime knows. Luxon checks by building an Intl.DateTimeFormat each
 * time, which is costly on a product page; the answer never changes within a process, so it is remembered.
 */
export function isValidTimeZone(zone: string): boolean {
  return memoize(zoneValidity, zone, () => IANAZone.isValidZone(zone));
}
