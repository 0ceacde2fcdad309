import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { DAY_MS, epochDayOf, epochDayOfMs, isoOfEpochDay } from './civil-date.ts';

/**
 * UTC offsets of IANA zones, from the runtime's own tz database through `Intl.DateTimeFormat`, remembered so
 * the hot path (every delivery estimate reads "today" in the warehouse's zone and a hand-over day in the
 * shopper's) does a map lookup instead of formatting a date.
 *
 * Zone rules are fixed for the life of the process (they change with the ICU/tzdata of the Node binary), so
 * the offset of a zone on a given day is a pure function of (zone, day): a cached answer can never go stale.
 */

// One formatter per zone: building one costs far more than using it. At most one per IANA zone name that
// passed `isValidTimeZone` (~600), and the cap keeps a stream of odd names from growing it without end.
const formatters = createMemoCache<Intl.DateTimeFormat>('fulfillment.zoneFormatters', 1_000);

function formatterFor(zone: string): Intl.DateTimeFormat {
  return memoize(
    formatters,
    zone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  );
}

/** The offset of `zone` from UTC at instant `ms`, in minutes (east positive), straight from Intl. */
export function computeZoneOffsetMinutes(zone: string, ms: number): number {
  const seconds = Math.floor(ms / 1000) * 1000;
  let year = 0,
    month = 0,
    day = 0,
    hour = 0,
    minute = 0,
    second = 0;
  for (const part of formatterFor(zone).formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = epochDayOf(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
  return Math.round((wall - seconds) / 60_000);
}

// (zone, UTC day) → the zone's offset all that day, or NaN on a day the offset changes (a DST switch), where
// each instant is then asked of Intl directly. Bounded: 20 000 entries is ~55 years of days for one zone or
// a week for 3 000 zone-days of traffic; real traffic touches a handful of zones and a few days.
const dayOffsets = createMemoCache<number>('fulfillment.zoneOffsets', 20_000);

/**
 * The offset of `zone` at instant `ms` in minutes. Remembered per (zone, UTC day): a day whose first and
 * last second share an offset has that offset throughout (zones change offset at most once a day), and a
 * transition day is answered exactly, instant by instant.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const day = epochDayOfMs(ms);
  const offset = memoize(dayOffsets, `${zone}\u0000${day}`, () => {
    const first = computeZoneOffsetMinutes(zone, day * DAY_MS);
    const last = computeZoneOffsetMinutes(zone, day * DAY_MS + DAY_MS - 1000);
    return first === last ? first : Number.NaN;
  });
  return Number.isNaN(offset) ? computeZoneOffsetMinutes(zone, ms) : offset;
}

/** The epoch day that instant `ms` falls on in `zone`. */
export function localEpochDayAt(ms: number, zone: string): number {
  return epochDayOfMs(ms + zoneOffsetMinutes(zone, ms) * 60_000);
}

/** `yyyy-mm-dd` of instant `ms` in `zone`. */
export function localIsoDateAt(ms: number, zone: string): string {
  return isoOfEpochDay(localEpochDayAt(ms, zone));
}

/**
 * The instant at which the wall clock in `zone` shows `minuteOfDay` on `epochDay`. A wall time that a
 * spring-forward gap skips is moved forward by the gap (02:30 on a Berlin spring-forward day is 03:30 CEST),
 * as luxon and Temporal's "compatible" disambiguation do; a wall time that happens twice on a fall-back day
 * is the earlier of the two (Temporal "compatible"; luxon picked by the season of the machine's clock).
 */
export function instantOfLocal(zone: string, epochDay: number, minuteOfDay: number): number {
  const wall = epochDay * DAY_MS + minuteOfDay * 60_000;
  // The offsets in force a day either side: a zone changes offset at most once in such a window.
  const before = zoneOffsetMinutes(zone, wall - DAY_MS);
  const after = zoneOffsetMinutes(zone, wall + DAY_MS);
  let earliest: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wall - offset * 60_000;
    if (zoneOffsetMinutes(zone, candidate) === offset && (earliest === undefined || candidate < earliest)) earliest = candidate;
  }
  // In a gap neither reading exists; the offset from before the jump lands just as far past it.
  return earliest ?? wall - before * 60_000;
}

/** For tests and diagnostics: `yyyy-mm-dd` of an epoch day (re-exported for symmetry with localIsoDateAt). */
export { isoOfEpochDay };
