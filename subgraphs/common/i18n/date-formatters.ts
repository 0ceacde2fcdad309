import { createMemoCache, memoize } from '../memo-cache.ts';
import { DateTime } from 'luxon';

/**
 * A calendar date as the graph passes it around: an ISO 8601 date ('2026-12-02', the Date scalar),
 * a luxon DateTime (its date in its own zone counts), or a JS Date (its UTC date counts).
 */
export type CalendarDateInput = string | DateTime | Date;

/** Two calendar dates, earliest first, for `dateRange`; an array `[start, end]` works too. */
export type CalendarDateRange =
  | { readonly start: CalendarDateInput; readonly end: CalendarDateInput }
  | readonly [CalendarDateInput, CalendarDateInput];

/** How a delivery date reads unless a message says otherwise: 'Tue, Dec 2', 'Di., 2. Dez.'. */
const DEFAULT_DATE_PARTS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

// The only options a message may set, e.g. '{{date, calendarDate(month: long)}}'. i18next hands
// formatters every `t` option too, and none of those must leak into Intl.
const MESSAGE_OPTIONS = ['weekday', 'day', 'month', 'year', 'dateStyle'] as const;

/**
 * i18next formatter `calendarDate`: one date in the locale's words and digits. A delivery date is a
 * day in the destination's calendar, not an instant, so it is formatted in UTC from its Y-M-D parts;
 * the server's own time zone can then never move it to the previous day.
 */
export function formatCalendarDate(value: unknown, locale: string, options: Record<string, unknown> = {}): string {
  return dateFormat(locale, options).format(toUtcMidnight(value));
}

/**
 * i18next formatter `dateRange`: two dates as the locale joins them, sharing what they share
 * ('Tue, Dec 2 – Fri, Dec 5', 'Di., 2. – Fr., 5. Dez.', '12/02(火)～12/05(金)'). Equal dates give one.
 * A string value passes through, for callers that already formatted the range.
 */
export function formatDateRange(value: unknown, locale: string, options: Record<string, unknown> = {}): string {
  if (typeof value === 'string') return value;
  const [start, end] = endsOf(value);
  return dateFormat(locale, options).formatRange(toUtcMidnight(start), toUtcMidnight(end));
}

/** The two ends of a `CalendarDateRange`; throws naming a value that is not one. */
function endsOf(value: unknown): [unknown, unknown] {
  if (Array.isArray(value) && value.length === 2) return [value[0], value[1]];
  if (typeof value === 'object' && value !== null && 'start' in value && 'end' in value) return [value.start, value.end];
  throw new TypeError(`Not a date range: ${JSON.stringify(value)}`);
}

// (locale, message options) → formatter. Building an Intl.DateTimeFormat costs tens of microseconds and using
// one a few; a formatter is a pure function of its locale and options (and the ICU data of this Node binary),
// so a remembered one never goes stale. Locales are tags of at most 64 characters and options come from the
// catalogs, so 2 000 entries bound memory against a stream of distinct tags.
const formats = createMemoCache<Intl.DateTimeFormat>('common.dateFormat', 2_000);

function dateFormat(locale: string, options: Record<string, unknown>): Intl.DateTimeFormat {
  const chosen: Record<string, unknown> = {};
  for (const name of MESSAGE_OPTIONS) if (options[name] !== undefined) chosen[name] = options[name];
  const parts = Object.keys(chosen).length > 0 ? chosen : DEFAULT_DATE_PARTS;
  const key = JSON.stringify([locale, parts]);
  const build = () => new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' });
  return key.length <= 512 ? memoize(formats, key, build) : build();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 UTC of a `yyyy-mm-dd` string, or null when it names no real day (2026-02-30). */
function utcMidnightOfIsoDate(isoDate: string): Date | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as written
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** The calendar date as the JS Date at 00:00 UTC of that day; throws naming a value that is no date. */
function toUtcMidnight(value: unknown): Date {
  // The common case, a plain ISO date, without building a luxon DateTime.
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const midnight = utcMidnightOfIsoDate(value);
    if (midnight === null) throw new TypeError(`Not a calendar date: ${String(value)}`);
    return midnight;
  }
  const isoDate =
    typeof value === 'string'
      ? value
      : DateTime.isDateTime(value)
        ? value.toISODate()
        : value instanceof Date
          ? DateTime.fromJSDate(value, { zone: 'utc' }).toISODate()
          : null;
  const day = isoDate === null ? null : DateTime.fromISO(isoDate, { zone: 'utc' });
  if (day === null || !day.isValid) throw new TypeError(`Not a calendar date: ${String(value)}`);
  return day.startOf('day').toJSDate();
}
