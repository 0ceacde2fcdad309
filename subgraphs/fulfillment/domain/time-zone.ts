import { IANAZone } from 'luxon';

const validity = new Map<string, boolean>();

/**
 * Whether `zone` is an IANA time zone this runtime knows. Luxon checks by building an Intl.DateTimeFormat each
 * time, which is costly on a product page; the answer never changes within a process, so it is remembered. A
 * plain Map that stops growing at 1 000 zones (there are about 600), not an LRU: this sits on the hot path.
 */
export function isValidTimeZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validity.size < 1_000) validity.set(zone, valid);
  }
  return valid;
}
