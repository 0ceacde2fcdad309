import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { addBusinessDays, defaultWorkingDays, isBusinessDay, publicHolidayOn } from '../../../subgraphs/fulfillment/domain/calendar.ts';
import { cutoffInstant, type Warehouse } from '../../../subgraphs/fulfillment/domain/warehouse.ts';

// The uncached meaning of a business day, written the slow, obvious way: luxon for the weekday, the
// holiday dataset for the closures. The remembered per-year tables must agree with it on every day.
function naiveIsBusinessDay(date: string, country: string, workingDays: readonly number[]): boolean {
  return workingDays.includes(DateTime.fromISO(date, { zone: 'utc' }).weekday) && publicHolidayOn(date, country) === undefined;
}

function naiveAddBusinessDays(date: string, n: number, country: string, workingDays: readonly number[]): string {
  let current = DateTime.fromISO(date, { zone: 'utc' });
  for (let remaining = n; remaining > 0; ) {
    current = current.plus({ days: 1 });
    if (naiveIsBusinessDay(current.toISODate()!, country, workingDays)) remaining--;
  }
  return current.toISODate()!;
}

describe('business-day tables per (country, working week, year)', () => {
  const calendars = [
    { country: 'DE', workingDays: defaultWorkingDays('DE') },
    { country: 'JP', workingDays: [1, 2, 3, 4, 5, 6] },
    { country: 'US', workingDays: defaultWorkingDays('US') },
    { country: 'KW', workingDays: defaultWorkingDays('KW') }, // Sunday–Thursday, no holiday data
    { country: 'AE', workingDays: defaultWorkingDays('AE') }, // multi-day Eid holidays
  ];

  it('answer isBusinessDay like the uncached rule on every day of 2025–2028', () => {
    for (const { country, workingDays } of calendars) {
      for (let day = DateTime.utc(2025, 1, 1); day.year <= 2028; day = day.plus({ days: 1 })) {
        const date = day.toISODate()!;
        if (isBusinessDay(date, { country, workingDays }) !== naiveIsBusinessDay(date, country, workingDays)) {
          throw new Error(`${country} ${date}`);
        }
      }
    }
  });

  it('answer addBusinessDays like the uncached rule, across year ends, Christmas and leap days', () => {
    for (const { country, workingDays } of calendars) {
      for (const start of ['2026-12-20', '2026-12-31', '2027-12-24', '2028-02-27', '2028-02-29', '2026-05-25', '2026-11-25']) {
        for (const n of [0, 1, 2, 5, 9]) {
          expect(addBusinessDays(start, n, { country, workingDays }), `${country} ${start} + ${n}`).toBe(
            naiveAddBusinessDays(start, n, country, workingDays),
          );
        }
      }
    }
  });

  it('keeps at most its bound of years', () => {
    const { max: BUSINESS_YEAR_CACHE_LIMIT } = memoCacheStats('fulfillment.businessYears');
    // Every working week there is × enough years to overflow the cache. Kuwait has no holiday dataset, so
    // each table is quick to build.
    for (let mask = 1; mask < 128; mask++) {
      const workingDays = [1, 2, 3, 4, 5, 6, 7].filter((day) => mask & (1 << (day - 1)));
      for (let year = 2020; year < 2020 + Math.ceil(BUSINESS_YEAR_CACHE_LIMIT / 127) + 1; year++) {
        isBusinessDay(`${year}-06-15`, { country: 'KW', workingDays });
      }
    }
    expect(memoCacheStats('fulfillment.businessYears').size).toBe(BUSINESS_YEAR_CACHE_LIMIT);
    // Still right after eviction.
    expect(isBusinessDay('2026-12-25', { country: 'DE' })).toBe(false);
    expect(isBusinessDay('2026-12-28', { country: 'DE' })).toBe(true);
  });
});

describe('cut-off instants per (zone, cut-off, day)', () => {
  const venlo: Warehouse = {
    id: 'wh-nl-venlo',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
    cutoffLocalTime: '17:00',
    handlingDays: 0,
    workingDays: [1, 2, 3, 4, 5],
  };
  const newJersey: Warehouse = {
    id: 'wh-us-nj',
    country: 'US',
    timeZone: 'America/New_York',
    cutoffLocalTime: '15:00',
    handlingDays: 0,
    workingDays: [1, 2, 3, 4, 5],
  };

  it('are the wall-clock cut-off in the warehouse zone, like luxon, on ordinary and DST days', () => {
    for (const warehouse of [venlo, newJersey]) {
      const [hour, minute] = warehouse.cutoffLocalTime.split(':').map(Number);
      for (let day = DateTime.utc(2026, 1, 1); day.year === 2026; day = day.plus({ days: 1 })) {
        const oracle = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: warehouse.timeZone });
        expect(cutoffInstant(warehouse, day.toISODate()!).getTime()).toBe(oracle.toMillis());
      }
    }
    expect(cutoffInstant(venlo, '2026-03-29').toISOString()).toBe('2026-03-29T15:00:00.000Z'); // CEST from today
    expect(cutoffInstant(newJersey, '2026-11-01').toISOString()).toBe('2026-11-01T20:00:00.000Z'); // EST from today
  });

  it('hand out a fresh Date each time, so no caller can change another’s', () => {
    const first = cutoffInstant(venlo, '2026-11-25');
    first.setTime(0);
    expect(cutoffInstant(venlo, '2026-11-25').toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });

  it('keeps at most its bound of instants', () => {
    const { max: CUTOFF_INSTANT_CACHE_LIMIT } = memoCacheStats('fulfillment.cutoffInstants');
    let day = DateTime.utc(2000, 1, 1);
    for (let i = 0; i <= CUTOFF_INSTANT_CACHE_LIMIT; i++, day = day.plus({ days: 1 })) cutoffInstant(newJersey, day.toISODate()!);
    expect(memoCacheStats('fulfillment.cutoffInstants').size).toBe(CUTOFF_INSTANT_CACHE_LIMIT);
  });
});
