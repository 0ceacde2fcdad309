import { badUserInput } from '../../common/contract/errors.ts';
import type { BusinessCalendar, IsoDate } from './calendar.ts';
import { isBusinessDay, parseIsoDate, shiftDate } from './calendar.ts';
import { localDateAt } from './warehouse.ts';

// Delivery windows are weeks, not years; a longer span means a broken date, and we refuse it instead of
// scanning (the same safety net as addBusinessDays').
const MAX_SPAN_DAYS = 3_660;

/**
 * How many business days of `calendar` lie after `from` up to and including `to`: `from` is "day zero" (the
 * day the order is placed), as in addBusinessDays, so a delivery the next business day is 1 and a delivery
 * on the order day itself is 0. A `to` before `from` is 0.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, calendar: BusinessCalendar): number {
  const span = parseIsoDate(to, 'to').epochDay - parseIsoDate(from, 'from').epochDay;
  if (span > MAX_SPAN_DAYS) throw badUserInput(`${from} to ${to} is longer than ${MAX_SPAN_DAYS} days`, { from, to });
  let count = 0;
  for (let offset = 1; offset <= span; offset++) if (isBusinessDay(shiftDate(from, offset), calendar)) count++;
  return count;
}

/** A delivery window as business-day counts from the order day: "3–6 business days". */
export type BusinessDayRange = { min: number; max: number };

/**
 * The window `earliest`–`latest` as business days of the destination's calendar after `orderDate` (the
 * destination's own date when the order is placed).
 */
export function businessDayRange(orderDate: IsoDate, earliest: IsoDate, latest: IsoDate, calendar: BusinessCalendar): BusinessDayRange {
  return { min: businessDaysBetween(orderDate, earliest, calendar), max: businessDaysBetween(orderDate, latest, calendar) };
}

/**
 * A window promised at instant `now` as business days of the destination (its working week and public
 * holidays), counted from the destination's own date at `now`: what "3–6 business days" means to the shopper.
 */
export function businessDaysUntil(
  now: Date,
  destination: { country: string; timeZone: string; workingDays?: readonly number[] },
  window: { earliest: IsoDate; latest: IsoDate },
): BusinessDayRange {
  const calendar: BusinessCalendar = destination.workingDays
    ? { country: destination.country, workingDays: destination.workingDays }
    : { country: destination.country };
  return businessDayRange(localDateAt(now, destination.timeZone), window.earliest, window.latest, calendar);
}
