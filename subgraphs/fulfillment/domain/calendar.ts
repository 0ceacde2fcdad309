import Holidays from 'date-holidays';
import { DateTime, Info } from 'luxon';
import { badUserInput } from '../../common/contract/errors.ts';
import { parseCountryCode } from '../../common/contract/country.ts';

/**
 * A civil calendar date, `yyyy-mm-dd`. It names a day on a wall calendar and carries no time zone:
 * which zone it belongs to is decided by whoever produced it (the warehouse's or the shopper's).
 */
export type IsoDate = string;

/** ISO weekday numbers as luxon uses them: Monday = 1 … Sunday = 7. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * The rules that make a day a business day somewhere.
 * - `country`: ISO 3166-1 alpha-2; its nationwide public holidays are skipped.
 * - `workingDays`: ISO weekdays (Mon = 1 … Sun = 7). Default: every day that is not a weekend day in
 *   that country according to CLDR (so Kuwait works Sunday–Thursday, Germany Monday–Friday).
 */
export type BusinessCalendar = {
  country: string;
  workingDays?: readonly number[];
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
// A safety net, not a business rule: no real calendar lacks a business day for ten years, so
// scanning further means the calendar itself is broken and we fail loudly instead of spinning.
const MAX_SCAN_DAYS = 3_660;

/**
 * Parses a civil date. Civil dates are stepped in UTC because UTC has no daylight-saving gaps, so
 * "plus one day" is always exactly the next calendar day; the zone that gives the date its meaning
 * is applied only where an instant is turned into a date (see estimate.ts).
 */
export function parseIsoDate(date: IsoDate, field = 'date'): DateTime<true> {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : undefined;
  if (!parsed?.isValid) {
    throw badUserInput(`${field} must be a calendar date in the form yyyy-mm-dd, got "${date}"`, { [field]: date });
  }
  return parsed;
}

/** The calendar day `days` after (or, when negative, before) `date`. */
export function shiftDate(date: IsoDate, days: number): IsoDate {
  return parseIsoDate(date).plus({ days }).toISODate();
}

// One Holidays instance per country serves every year (getHolidays(year) computes a year on
// demand); constructing it parses the country's rule set, which is the expensive part. The
// resulting public-holiday dates are then cached per country + year.
const holidayEngines = new Map<string, Holidays>();
const publicHolidayCache = new Map<string, ReadonlyMap<IsoDate, string>>();
let countriesWithHolidayData: ReadonlySet<string> | undefined;

/**
 * Whether the date-holidays dataset knows this country's public holidays. Where it does not (it has
 * no Kuwait, for example) estimates still skip weekends but cannot skip holidays, so callers may
 * want to say the date is less certain.
 */
export function hasHolidayCalendar(country: string): boolean {
  countriesWithHolidayData ??= new Set(Object.keys(new Holidays().getCountries()));
  return countriesWithHolidayData.has(parseCountryCode(country));
}

function holidayEngineFor(country: string): Holidays {
  let engine = holidayEngines.get(country);
  if (!engine) {
    engine = new Holidays(country, { types: ['public'] });
    holidayEngines.set(country, engine);
  }
  return engine;
}

/**
 * The nationwide public holidays of `country` that start in `year`, as date → holiday name.
 * Only `type === 'public'` counts: bank, school, optional and observance days (US "Day after
 * Thanksgiving", German Christmas Eve) do not close carriers or customs nationwide. Regional
 * holidays (a German state's, a Swiss canton's) are not included because we do not know the
 * shopper's region. A holiday lasting several days (an Eid) contributes every day it covers.
 */
export function publicHolidaysOf(country: string, year: number): ReadonlyMap<IsoDate, string> {
  const key = `${country}:${year}`;
  const cached = publicHolidayCache.get(key);
  if (cached) return cached;

  const days = new Map<IsoDate, string>();
  if (hasHolidayCalendar(country)) {
    for (const holiday of holidayEngineFor(country).getHolidays(year, 'en')) {
      if (holiday.type !== 'public') continue;
      // `date` is "yyyy-mm-dd hh:mm:ss [±hhmm]" in the country's own calendar; its first ten
      // characters are the civil day the holiday falls on, whatever hour it starts (Islamic
      // holidays start at the previous sunset). Round the length so DST days still count as one.
      const first = holiday.date.slice(0, 10);
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      for (let offset = 0; offset < length; offset++) days.set(shiftDate(first, offset), holiday.name);
    }
  }
  publicHolidayCache.set(key, days);
  return days;
}

/** The name of the public holiday on `date` in `country`, or undefined when it is not one. */
export function publicHolidayOn(date: IsoDate, country: string): string | undefined {
  const { year } = parseIsoDate(date);
  // A multi-day holiday that starts late in December belongs to the previous year's list.
  return publicHolidaysOf(country, year).get(date) ?? publicHolidaysOf(country, year - 1).get(date);
}

const workingDaysCache = new Map<string, readonly Weekday[]>();

/**
 * The days a country normally works, derived from CLDR's weekend data (through luxon and Intl):
 * Saturday/Sunday off in most of the world, Friday/Saturday in Kuwait or Saudi Arabia, Friday only
 * in Iran. CLDR is maintained with the ICU release; hand-typed weekend tables go stale (the UAE
 * moved its weekend in 2022).
 */
export function defaultWorkingDays(country: string): readonly Weekday[] {
  parseCountryCode(country);
  let days = workingDaysCache.get(country);
  if (!days) {
    const weekend = new Set<number>(Info.getWeekendWeekdays({ locale: `und-${country}` }));
    days = ([1, 2, 3, 4, 5, 6, 7] as const).filter((day) => !weekend.has(day));
    workingDaysCache.set(country, days);
  }
  return days;
}

function workingDaysOf(calendar: BusinessCalendar): ReadonlySet<number> {
  const days = calendar.workingDays ?? defaultWorkingDays(calendar.country);
  if (days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw badUserInput(`workingDays must be a non-empty list of ISO weekdays 1 (Mon) … 7 (Sun), got [${days.join(', ')}]`, {
      workingDays: days,
    });
  }
  return new Set(days);
}

/**
 * Whether parcels move on `date` under `calendar`: it is one of the working weekdays and not a
 * nationwide public holiday of the calendar's country.
 */
export function isBusinessDay(date: IsoDate, calendar: BusinessCalendar): boolean {
  parseCountryCode(calendar.country);
  const { weekday } = parseIsoDate(date);
  return workingDaysOf(calendar).has(weekday) && publicHolidayOn(date, calendar.country) === undefined;
}

/**
 * The date `n` business days after `date`: each following business day counts one, and days that
 * are not business days are skipped. `date` itself never counts (it is "day zero", like the day an
 * order is placed), and `n = 0` returns `date` unchanged.
 */
export function addBusinessDays(date: IsoDate, n: number, calendar: BusinessCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 0) {
    throw badUserInput(`The number of business days must be a whole number ≥ 0, got ${n}`, { days: n });
  }
  parseCountryCode(calendar.country);
  const workingDays = workingDaysOf(calendar);
  let current = parseIsoDate(date);
  for (let remaining = n, scanned = 0; remaining > 0; ) {
    current = current.plus({ days: 1 });
    if (++scanned > MAX_SCAN_DAYS) {
      throw badUserInput(`No business day found within ${MAX_SCAN_DAYS} days after ${date} in ${calendar.country}`, {
        country: calendar.country,
      });
    }
    const day = current.toISODate();
    if (workingDays.has(current.weekday) && publicHolidayOn(day, calendar.country) === undefined) remaining--;
  }
  return current.toISODate();
}

/** The first business day strictly after `date` (the day a parcel moves when today is over). */
export function nextBusinessDay(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  return addBusinessDays(date, 1, calendar);
}

/** `date` itself when it is a business day, otherwise the next one (for a zero-day step). */
export function businessDayOnOrAfter(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  return isBusinessDay(date, calendar) ? date : nextBusinessDay(date, calendar);
}
