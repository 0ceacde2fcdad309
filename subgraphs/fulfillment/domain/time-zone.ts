import { IANAZone } from 'luxon';

const validity = new Map<string, boolean>();

/**
 * Whether `zone` is an IANA time zone this runtime knows. Luxon checks by building an Intl.DateTimeFormat each
 * time, which showed up at 5 % of a product page's CPU; the answer never changes within a process, so it is
 * remembered.
 */
export function isValidTimeZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validity.size < 1_000) validity.set(zone, valid);
  }
  return valid;
}
