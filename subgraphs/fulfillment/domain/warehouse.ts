import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { isValidTimeZone } from './time-zone.ts';
import { badUserInput } from '../../common/contract/errors.ts';
import type { BusinessCalendar, IsoDate } from './calendar.ts';
import { parseIsoDate } from './calendar.ts';
import { parseCountryCode } from '../../common/contract/country.ts';
import { instantOfLocal, localIsoDateAt } from './zone-offset.ts';

/**
 * A building parcels leave from.
 * - `country`: ISO 3166-1 alpha-2; its public holidays close the warehouse.
 * - `timeZone`: IANA zone of the building; the cut-off is wall-clock time there.
 * - `cutoffLocalTime`: `HH:mm` (24 h). Orders placed before it on a working day are processed that day;
 *   it is also when the carrier collects.
 * - `handlingDays`: whole warehouse business days between processing and handing the parcel over.
 * - `workingDays`: ISO weekdays the warehouse works (Mon = 1 … Sun = 7).
 */
export type Warehouse = {
  id: string;
  country: string;
  timeZone: string;
  cutoffLocalTime: string;
  handlingDays: number;
  workingDays: readonly number[];
};

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Checks a warehouse record once, where it enters the domain, so that later arithmetic never
 * meets an unknown zone (luxon would silently produce invalid dates) or a malformed cut-off.
 */
export function assertValidWarehouse(warehouse: Warehouse): Warehouse {
  const details = { warehouseId: warehouse.id };
  parseCountryCode(warehouse.country, 'warehouse.country');
  if (!isValidTimeZone(warehouse.timeZone)) {
    throw badUserInput(`Warehouse ${warehouse.id} has an unknown IANA time zone "${warehouse.timeZone}"`, details);
  }
  if (!HH_MM.test(warehouse.cutoffLocalTime)) {
    throw badUserInput(`Warehouse ${warehouse.id} cut-off must be HH:mm, got "${warehouse.cutoffLocalTime}"`, details);
  }
  if (!Number.isInteger(warehouse.handlingDays) || warehouse.handlingDays < 0) {
    throw badUserInput(`Warehouse ${warehouse.id} handlingDays must be a whole number ≥ 0`, details);
  }
  const days = warehouse.workingDays;
  if (days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
    throw badUserInput(`Warehouse ${warehouse.id} workingDays must be ISO weekdays 1 (Mon) … 7 (Sun)`, details);
  }
  return warehouse;
}

/** The business calendar the warehouse floor works to: its own weekdays and its country's holidays. */
export function warehouseCalendar(warehouse: Warehouse): BusinessCalendar {
  return { country: warehouse.country, workingDays: warehouse.workingDays };
}

/** The warehouse's own calendar date at instant `now` (Tokyo is a day ahead of UTC after 15:00 UTC). */
export function localDateAt(now: Date, timeZone: string): IsoDate {
  const ms = now.getTime();
  if (Number.isNaN(ms) || !isValidTimeZone(timeZone)) {
    throw badUserInput(`Cannot read ${String(now)} in time zone "${timeZone}"`, { timeZone });
  }
  return localIsoDateAt(ms, timeZone);
}

// (zone, cut-off wall time, day) → the cut-off instant in epoch ms. A pure function of the zone's rules
// (fixed for the process) and its key, so it never goes stale; the day is part of the key, so nothing in it
// depends on the clock. 10 000 entries: three warehouses need a few dozen.
const cutoffInstants = createMemoCache<number>('fulfillment.cutoffInstants', 10_000);

/**
 * The instant of the warehouse's cut-off on `date` in its own zone. On a daylight-saving spring-forward
 * day where the cut-off time does not exist, it moves forward by the gap, as a wall clock would; a cut-off
 * that happens twice on a fall-back day is the first of the two.
 */
export function cutoffInstant(warehouse: Warehouse, date: IsoDate): Date {
  const { epochDay } = parseIsoDate(date);
  const key = `${warehouse.timeZone}\u0000${warehouse.cutoffLocalTime}\u0000${epochDay}`;
  const ms = memoize(cutoffInstants, key, () => {
    const match = HH_MM.exec(warehouse.cutoffLocalTime);
    if (!match || !isValidTimeZone(warehouse.timeZone)) assertValidWarehouse(warehouse);
    return instantOfLocal(warehouse.timeZone, epochDay, Number(match![1]) * 60 + Number(match![2]));
  });
  // A fresh Date each time: callers own what they get and may not share a mutable object.
  return new Date(ms);
}
