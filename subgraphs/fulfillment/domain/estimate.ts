import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { isValidTimeZone } from './time-zone.ts';
import { badUserInput } from '../../common/contract/errors.ts';
import type { BusinessCalendar, IsoDate } from './calendar.ts';
import { addBusinessDays, businessDayOnOrAfter, isBusinessDay, nextBusinessDay } from './calendar.ts';
import { parseCountryCode } from '../../common/contract/country.ts';
import type { CarrierService } from './services.ts';
import type { Warehouse } from './warehouse.ts';
import { assertValidWarehouse, cutoffInstant, localDateAt, warehouseCalendar } from './warehouse.ts';

/**
 * Where the parcel goes: the shopper's country and IANA zone (the calendar the promise is made in).
 * `workingDays` overrides the country's CLDR working week if a carrier delivers on other days.
 */
export type Destination = {
  country: string;
  timeZone: string;
  workingDays?: readonly number[];
  /** ISO 3166-2 region, when known: restrictions by region apply. */
  region?: string;
  /** date-holidays state code: the region's own public holidays are skipped as well as the country's. */
  holidayRegion?: string;
  /** Carrier days added to transit (islands, remote areas), and customs days where the area is outside the customs or VAT territory. */
  extraTransitDays?: number;
  extraClearanceDays?: number;
  /** Warehouse countries whose parcels are not cleared into the area (Northern Ireland: EU member states). */
  unclearedFrom?: readonly string[];
};

/** The carrier figures an estimate needs; a full `CarrierService` fits. */
export type TransitTimes = Pick<CarrierService, 'transitDaysMin' | 'transitDaysMax' | 'clearanceDays'>;

/**
 * "When will it arrive?"
 * - `processingDate`: warehouse-local day the order is taken in (today before the cut-off, else the
 *   next warehouse working day).
 * - `shipDate`: warehouse-local day the parcel is handed to the carrier (processing + handling days).
 * - `earliest` / `latest`: delivery window, ISO dates in the DESTINATION's calendar.
 * - `cutoffAt`: today's cut-off instant when the order still makes it, else null.
 * - `timeLeftBeforeCutoffMinutes`: whole minutes left before `cutoffAt` (rounded down, so we never
 *   promise time that is not there), else null.
 */
export type DeliveryEstimate = {
  processingDate: IsoDate;
  shipDate: IsoDate;
  earliest: IsoDate;
  latest: IsoDate;
  cutoffAt: Date | null;
  timeLeftBeforeCutoffMinutes: number | null;
};

/**
 * The warehouse day that takes the order in. Uses the WAREHOUSE's zone and calendar, because the
 * cut-off is a wall clock in that building and its staff keep its weekdays and its country's public
 * holidays. At 23:30 in Tokyo it is already the next day there even though UTC is still on the
 * previous one, so "today" is read in the warehouse's zone, never in UTC or the shopper's.
 */
export function processingDateFor(now: Date, warehouse: Warehouse): { processingDate: IsoDate; cutoffAt: Date | null } {
  const calendar = warehouseCalendar(warehouse);
  const today = localDateAt(now, warehouse.timeZone);
  if (isBusinessDay(today, calendar)) {
    const cutoffAt = cutoffInstant(warehouse, today);
    if (now.getTime() < cutoffAt.getTime()) return { processingDate: today, cutoffAt };
  }
  return { processingDate: nextBusinessDay(today, calendar), cutoffAt: null };
}

/**
 * The shopper's calendar day on which the carrier takes the parcel: the ship date at the cut-off
 * (collection) time in the warehouse's zone, read in the destination's zone. A Chiba collection at
 * 14:00 JST is still the previous evening in Los Angeles; a New Jersey collection at 15:00 EST is
 * already the next morning in Tokyo. Transit is counted from this day, so crossing the date line
 * moves the delivery window the way the flight actually does.
 */
export function handoverDateAtDestination(shipDate: IsoDate, warehouse: Warehouse, destinationTimeZone: string): IsoDate {
  return localDateAt(cutoffInstant(warehouse, shipDate), destinationTimeZone);
}

/** `days` destination business days after `start`; with zero days, the first business day from `start`. */
function deliveryDateAfter(start: IsoDate, days: number, calendar: BusinessCalendar): IsoDate {
  return days === 0 ? businessDayOnOrAfter(start, calendar) : addBusinessDays(start, days, calendar);
}

function assertTransitTimes(service: TransitTimes): void {
  const counts = [service.transitDaysMin, service.transitDaysMax, service.clearanceDays];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0) || service.transitDaysMin > service.transitDaysMax) {
    throw badUserInput('Transit and clearance days must be whole numbers ≥ 0 with transitDaysMin ≤ transitDaysMax', {
      transitDaysMin: service.transitDaysMin,
      transitDaysMax: service.transitDaysMax,
      clearanceDays: service.clearanceDays,
    });
  }
}

/**
 * Estimates the delivery window of an order placed at instant `now`. Each step uses the calendar of
 * the people doing the work:
 * 1. Processing date — warehouse zone + warehouse calendar (its working days, its country's public
 *    holidays): today if `now` is before today's cut-off on a working day, else the next working day.
 * 2. Handling — `warehouse.handlingDays` warehouse business days: pick and pack happen on the floor.
 * 3. Hand-over — the ship date's collection instant is read in the destination's zone (date line).
 * 4. Customs clearance — `clearanceDays` destination business days, only when origin and destination
 *    countries differ: import customs work the destination's week and close on its holidays. Lanes
 *    inside a customs union (EU → EU) carry 0 in their service data.
 * 5. Transit — min/max destination business days (weekends and destination public holidays
 *    skipped): carriers quote transit in delivery days of the delivering network, and the answer is
 *    read in the shopper's calendar. Clearance and transit are counted in one run from the hand-over
 *    day, which never counts itself.
 */
export function estimateDelivery(input: EstimateInput): DeliveryEstimate {
  const key = estimateDatesKey(input);
  if (key === undefined) return computeEstimate(input);
  const known = memoize(estimateDatesMemo, key, () => datesOf(computeEstimate(input)));
  const ms = input.now.getTime();
  return {
    processingDate: known.processingDate,
    shipDate: known.shipDate,
    earliest: known.earliest,
    latest: known.latest,
    cutoffAt: known.cutoffMs === null ? null : new Date(known.cutoffMs),
    timeLeftBeforeCutoffMinutes: known.cutoffMs === null ? null : Math.floor((known.cutoffMs - ms) / 60_000),
  };
}

/** What the memo keeps of an estimate: its dates and cut-off instant, not the minutes left. */
function datesOf({ processingDate, shipDate, earliest, latest, cutoffAt }: DeliveryEstimate): EstimateDates {
  return { processingDate, shipDate, earliest, latest, cutoffMs: cutoffAt === null ? null : cutoffAt.getTime() };
}

type EstimateInput = { now: Date; warehouse: Warehouse; service: TransitTimes; destination: Destination };

/** The dates of an estimate and its cut-off instant: everything in it but the minutes left, which run with the clock. */
type EstimateDates = Pick<DeliveryEstimate, 'processingDate' | 'shipDate' | 'earliest' | 'latest'> & { cutoffMs: number | null };

// (the warehouse's rules, the service's transit times, the destination, the warehouse-local day the order is
// placed on, and whether that is before the day's cut-off) → the estimate's dates. That is all an estimate
// depends on besides the minutes left: a pure function of its key and of the holiday, CLDR and time-zone data
// shipped with the process, so an entry never goes stale. Only inputs that passed every check are remembered
// (an entry is written after a successful estimate), and the key spells every field the checks read, so an
// invalid input never meets a remembered answer. 10 000 entries: three warehouses × a few dozen lanes × two
// halves of a day, for many days.
const estimateDatesMemo = createMemoCache<EstimateDates>('fulfillment.estimateDates', 10_000);

/** The memo key of an estimate, or undefined when the input is not one that can be remembered (it is invalid). */
function estimateDatesKey({ now, warehouse, service, destination }: EstimateInput): string | undefined {
  const ms = now.getTime();
  if (Number.isNaN(ms) || !isValidTimeZone(warehouse.timeZone)) return undefined;
  let today: IsoDate;
  let beforeCutoff: boolean;
  try {
    today = localDateAt(now, warehouse.timeZone);
    beforeCutoff = ms < cutoffInstant(warehouse, today).getTime();
  } catch {
    return undefined; // A malformed warehouse: the full estimate refuses it with the proper message.
  }
  return JSON.stringify([
    warehouse.country,
    warehouse.timeZone,
    warehouse.cutoffLocalTime,
    warehouse.handlingDays,
    warehouse.workingDays,
    service.transitDaysMin,
    service.transitDaysMax,
    service.clearanceDays,
    destination.country,
    destination.timeZone,
    destination.workingDays ?? null,
    today,
    beforeCutoff,
    // Only an address-level destination spells its area, so country-level keys stay as short as they were.
    ...(destination.holidayRegion || destination.extraTransitDays || destination.extraClearanceDays || destination.unclearedFrom
      ? [
          destination.holidayRegion ?? null,
          destination.extraTransitDays ?? 0,
          destination.extraClearanceDays ?? 0,
          destination.unclearedFrom?.join(',') ?? '',
        ]
      : []),
  ]);
}

/** `estimateDelivery` worked out afresh, without the memo of dates (what the memo must always agree with). */
export function computeEstimate(input: EstimateInput): DeliveryEstimate {
  const { now, warehouse, service, destination } = input;
  if (Number.isNaN(now.getTime())) throw badUserInput('now must be a valid instant', {});
  assertValidWarehouse(warehouse);
  assertTransitTimes(service);
  parseCountryCode(destination.country, 'destination.country');
  if (!isValidTimeZone(destination.timeZone)) {
    throw badUserInput(`Unknown IANA time zone "${destination.timeZone}"`, { timeZone: destination.timeZone });
  }

  const { processingDate, cutoffAt } = processingDateFor(now, warehouse);
  const shipDate = addBusinessDays(processingDate, warehouse.handlingDays, warehouseCalendar(warehouse));
  const handover = handoverDateAtDestination(shipDate, warehouse, destination.timeZone);

  const destinationCalendar: BusinessCalendar = {
    country: destination.country,
    ...(destination.workingDays ? { workingDays: destination.workingDays } : {}),
    ...(destination.holidayRegion ? { holidayRegion: destination.holidayRegion } : {}),
  };
  // An area outside its country's customs or VAT territory clears customs even from a warehouse in that country.
  // Northern Ireland follows EU rules for goods (Windsor Framework): a parcel from Venlo is not cleared there.
  const cleared = warehouse.country !== destination.country && !destination.unclearedFrom?.includes(warehouse.country);
  const clearance = (cleared ? service.clearanceDays : 0) + (destination.extraClearanceDays ?? 0);
  const extra = clearance + (destination.extraTransitDays ?? 0);

  return {
    processingDate,
    shipDate,
    earliest: deliveryDateAfter(handover, extra + service.transitDaysMin, destinationCalendar),
    latest: deliveryDateAfter(handover, extra + service.transitDaysMax, destinationCalendar),
    cutoffAt,
    timeLeftBeforeCutoffMinutes: cutoffAt ? Math.floor((cutoffAt.getTime() - now.getTime()) / 60_000) : null,
  };
}

/**
 * `estimateDelivery` remembering its answers, for the life of one request: a listing asks the same few
 * (warehouse, service, destination) windows once per product. Warehouses and services are matched by identity
 * (one request reads them from one reference snapshot), the destination by its fields, the instant by its
 * time. Only answers are kept; invalid input throws every time, as the plain function does. The caller drops
 * the memo with the request, so nothing outlives it. Answers are shared: callers must not mutate them.
 */
export function memoizeEstimates(): typeof estimateDelivery {
  type ByWarehouse = Map<Warehouse, Map<TransitTimes, DeliveryEstimate>>;
  // instant → destination (spelled as a key) → warehouse → service → window.
  const byInstant = new Map<number, Map<string, ByWarehouse>>();
  // A plan asks for several services to one destination object: its part of the key is spelled once.
  const destinationKeys = new WeakMap<Destination, string>();
  // The last (instant, destination object) asked and its windows: a plan asks for all its services in a row,
  // so most calls find their table here without spelling or looking up a key.
  let lastMs = Number.NaN;
  let lastDestination: Destination | undefined;
  let lastWindows: ByWarehouse | undefined;
  return (input) => {
    const { now, warehouse, service, destination } = input;
    const ms = now.getTime();
    let windows = lastWindows;
    if (ms !== lastMs || destination !== lastDestination || windows === undefined) {
      let destinationKey = destinationKeys.get(destination);
      if (destinationKey === undefined) {
        destinationKey = `${destination.country}|${destination.timeZone}|${destination.workingDays?.join(',') ?? ''}|${destination.holidayRegion ?? ''}|${destination.extraTransitDays ?? 0}|${destination.extraClearanceDays ?? 0}|${destination.unclearedFrom?.join(',') ?? ''}`;
        destinationKeys.set(destination, destinationKey);
      }
      let byDestination = byInstant.get(ms);
      if (byDestination === undefined) byInstant.set(ms, (byDestination = new Map()));
      windows = byDestination.get(destinationKey);
      if (windows === undefined) byDestination.set(destinationKey, (windows = new Map()));
      // An invalid instant (NaN) is never remembered as "last": NaN !== NaN sends it back here and on to
      // estimateDelivery, which refuses it.
      lastMs = ms;
      lastDestination = destination;
      lastWindows = windows;
    }
    let byService = windows.get(warehouse);
    if (byService === undefined) windows.set(warehouse, (byService = new Map()));
    let estimate = byService.get(service);
    if (estimate === undefined) byService.set(service, (estimate = estimateDelivery(input)));
    return estimate;
  };
}
