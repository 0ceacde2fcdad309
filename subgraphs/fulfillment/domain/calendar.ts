import Holidays from 'date-holidays';
import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { Info } from 'luxon';
import { badUserInput } from '../../common/contract/errors.ts';
import { parseCountryCode } from '../../common/contract/country.ts';
import { civilOf, DAY_MS, epochDayOf, isoOfEpochDay, tryEpochDayOfIso, weekdayOf } from './civil-date.ts';

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
  /** A date-holidays state code (`BY`, `ZH`): that region's public holidays are skipped too. */
  holidayRegion?: string;
};

// A safety net, not a business rule: no real calendar lacks a business day for ten years, so
// scanning further means the calendar itself is broken and we fail loudly instead of spinning.
const MAX_SCAN_DAYS = 3_660;

/** A parsed civil date: its parts, its epoch day (days since 1970-01-01) and its ISO weekday. */
export type CivilDate = { year: number; month: number; day: number; epochDay: number; weekday: Weekday };

/**
 * Parses a civil date. Civil dates are counted as whole days (see civil-date.ts) because a calendar has no
 * daylight-saving gaps, so "plus one day" is always exactly the next calendar day; the zone that gives the
 * date its meaning is applied only where an instant is turned into a date (see estimate.ts).
 */
export function parseIsoDate(date: IsoDate, field = 'date'): CivilDate {
  const epochDay = typeof date === 'string' ? tryEpochDayOfIso(date) : undefined;
  if (epochDay === undefined) {
    throw badUserInput(`${field} must be a calendar date in the form yyyy-mm-dd, got "${date}"`, { [field]: date });
  }
  const { year, month, day } = civilOf(epochDay);
  return { year, month, day, epochDay, weekday: weekdayOf(epochDay) as Weekday };
}

/** The calendar day `days` after (or, when negative, before) `date`. */
export function shiftDate(date: IsoDate, days: number): IsoDate {
  return isoOfEpochDay(parseIsoDate(date).epochDay + days);
}

// One Holidays instance per country serves every year (getHolidays(year) computes a year on
// demand); constructing it parses the country's rule set, which is the expensive part. Keyed by a
// validated ISO country code, so it holds at most one engine per country (~250).
const holidayEngines = new Map<string, Holidays>();
// The public holidays of a (country, year): a pure function of the date-holidays dataset shipped with
// this process, so an entry never goes stale. 2 000 entries cover every country for eight years.
const publicHolidayCache = createMemoCache<ReadonlyMap<IsoDate, string>>('fulfillment.publicHolidays', 2_000);
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

function holidayEngineFor(country: string, region = ''): Holidays {
  const key = region === '' ? country : `${country}-${region}`;
  let engine = holidayEngines.get(key);
  if (!engine) {
    engine = region === '' ? new Holidays(country, { types: ['public'] }) : new Holidays(country, region, { types: ['public'] });
    holidayEngines.set(key, engine);
  }
  return engine;
}

/**
 * The date-holidays state code for an ISO 3166-2 region whose code part is one (German states, Swiss cantons,
 * US states); null where the dataset has no such state, so a region never breaks an estimate.
 */
export function holidayRegionOf(region: string): string | null {
  const [country, code] = region.split('-');
  if (country === undefined || code === undefined || !hasHolidayCalendar(country)) return null;
  const states = new Holidays().getStates(country) as Record<string, string> | undefined;
  return states !== undefined && code in states ? code : null;
}

/**
 * The nationwide public holidays of `country` that start in `year`, as date → holiday name.
 * Only `type === 'public'` counts: bank, school, optional and observance days (US "Day after
 * Thanksgiving", German Christmas Eve) do not close carriers or customs nationwide. Regional
 * holidays (a German state's, a Swiss canton's) are not included because we do not know the
 * shopper's region. A holiday lasting several days (an Eid) contributes every day it covers.
 */
export function publicHolidaysOf(country: string, year: number, region = ''): ReadonlyMap<IsoDate, string> {
  return memoize(publicHolidayCache, `${country}:${region}:${year}`, () => computePublicHolidays(country, year, region));
}

function computePublicHolidays(country: string, year: number, region: string): ReadonlyMap<IsoDate, string> {
  const days = new Map<IsoDate, string>();
  if (hasHolidayCalendar(country)) {
    for (const holiday of holidayEngineFor(country, region).getHolidays(year, 'en')) {
      if (holiday.type !== 'public') continue;
      // `date` is "yyyy-mm-dd hh:mm:ss [±hhmm]" in the country's own calendar; its first ten
      // characters are the civil day the holiday falls on, whatever hour it starts (Islamic
      // holidays start at the previous sunset). Round the length so DST days still count as one.
      const first = parseIsoDate(holiday.date.slice(0, 10)).epochDay;
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      for (let offset = 0; offset < length; offset++) days.set(isoOfEpochDay(first + offset), holiday.name);
    }
  }
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
 * moved its weekend in 2022). Luxon is asked once per country per process (the map holds at most one
 * entry per valid country code).
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

/** The working weekdays of a calendar as a bit mask (bit d set ⇔ ISO weekday d works), validated. */
function workingDaysMaskOf(calendar: BusinessCalendar): number {
  const days = calendar.workingDays ?? defaultWorkingDays(calendar.country);
  let mask = 0;
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) mask = -1;
    if (mask >= 0) mask |= 1 << day;
  }
  if (days.length === 0 || mask < 0) {
    throw badUserInput(`workingDays must be a non-empty list of ISO weekdays 1 (Mon) … 7 (Sun), got [${days.join(', ')}]`, {
      workingDays: days,
    });
  }
  return mask;
}

/** One year of a business calendar: flag `i` is 1 when day `i` of the year (0 = 1 January) is a business day. */
type BusinessYear = { firstDay: number; flags: Uint8Array };

// (country, working weekdays, year) → which days of that year are business days. A pure function of the
// holiday dataset and CLDR weekend data shipped with the process, so an entry never goes stale; the key has
// no clock in it, and a date is looked up in the year it belongs to. 1 000 entries ≈ 60 KB at most.
const businessYears = createMemoCache<BusinessYear>('fulfillment.businessYears', 1_000);

/** The business days of `year` under a calendar whose country is valid and whose working-day mask is `mask`. */
function businessYearOf(country: string, mask: number, year: number, region = ''): BusinessYear {
  return memoize(businessYears, `${country}:${region}:${mask}:${year}`, () => computeBusinessYear(country, mask, year, region));
}

function computeBusinessYear(country: string, mask: number, year: number, region: string): BusinessYear {
  const firstDay = epochDayOf(year, 1, 1);
  const length = epochDayOf(year + 1, 1, 1) - firstDay;
  const flags = new Uint8Array(length);
  const holidays = publicHolidaysOf(country, year, region);
  const previousYearHolidays = publicHolidaysOf(country, year - 1, region);
  for (let index = 0; index < length; index++) {
    const epochDay = firstDay + index;
    if ((mask & (1 << weekdayOf(epochDay))) === 0) continue;
    const iso = isoOfEpochDay(epochDay);
    // A multi-day holiday that starts late in December belongs to the previous year's list.
    if (holidays.has(iso) || previousYearHolidays.has(iso)) continue;
    flags[index] = 1;
  }
  return { firstDay, flags };
}

/**
 * Whether parcels move on `date` under `calendar`: it is one of the working weekdays and not a
 * nationwide public holiday of the calendar's country.
 */
export function isBusinessDay(date: IsoDate, calendar: BusinessCalendar): boolean {
  const country = parseCountryCode(calendar.country);
  const { year, epochDay } = parseIsoDate(date);
  const businessYear = businessYearOf(country, workingDaysMaskOf(calendar), year, calendar.holidayRegion);
  return businessYear.flags[epochDay - businessYear.firstDay] === 1;
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
  const country = parseCountryCode(calendar.country);
  const mask = workingDaysMaskOf(calendar);
  const start = parseIsoDate(date);
  if (n === 0) return date;
  let year = start.year;
  let businessYear = businessYearOf(country, mask, year, calendar.holidayRegion);
  let current = start.epochDay;
  for (let remaining = n, scanned = 0; remaining > 0; ) {
    current++;
    if (++scanned > MAX_SCAN_DAYS) {
      throw badUserInput(`No business day found within ${MAX_SCAN_DAYS} days after ${date} in ${calendar.country}`, {
        country: calendar.country,
      });
    }
    let index = current - businessYear.firstDay;
    if (index >= businessYear.flags.length) {
      businessYear = businessYearOf(country, mask, ++year, calendar.holidayRegion);
      index = current - businessYear.firstDay;
    }
    if (businessYear.flags[index] === 1) remaining--;
  }
  return isoOfEpochDay(current);
}

/** The first business day strictly after `date` (the day a parcel moves when today is over). */
export function nextBusinessDay(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  return addBusinessDays(date, 1, calendar);
}

/** `date` itself when it is a business day, otherwise the next one (for a zero-day step). */
export function businessDayOnOrAfter(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  return isBusinessDay(date, calendar) ? date : nextBusinessDay(date, calendar);
}
