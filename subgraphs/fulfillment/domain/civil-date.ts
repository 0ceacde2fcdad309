/**
 * Civil (wall-calendar) dates as whole days since 1970-01-01, the "epoch day". Plain integer arithmetic in
 * the proleptic Gregorian calendar: one day is always +1 (no daylight saving exists on a calendar), leap
 * years follow the Gregorian rule, and nothing here allocates a date object. Which zone a day belongs to is
 * decided where an instant is turned into a day (see zone-offset.ts); these functions only count days.
 *
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), exact for every year this API can see.
 */

import { daysInMonth, digitsAt, isLeapYear } from '../../common/contract/calendar-digits.ts';

export { daysInMonth, isLeapYear };

/** Milliseconds in a civil day (UTC has no leap seconds in ECMAScript time). */
export const DAY_MS = 86_400_000;

/** The epoch day of a Gregorian date (month 1–12, day 1–31; not validated). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The Gregorian year, month (1–12) and day of an epoch day. */
export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday of an epoch day: Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** The epoch day of a `yyyy-mm-dd` string, or undefined when it is not a real calendar date (2026-02-29). */
export function tryEpochDayOfIso(date: string): number | undefined {
  // Read by character codes, not a regular expression: this runs several times per delivery estimate.
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 7);
  const day = digitsAt(date, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDayOf(year, month, day);
}

/** `yyyy-mm-dd` of an epoch day (years 0–9999). */
export function isoOfEpochDay(epochDay: number): string {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The epoch day an epoch-millisecond instant falls on in UTC. */
export function epochDayOfMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}
