import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  civilOf,
  daysInMonth,
  epochDayOf,
  isoOfEpochDay,
  tryEpochDayOfIso,
  weekdayOf,
} from '../../../subgraphs/fulfillment/domain/civil-date.ts';

describe('civil dates as epoch days', () => {
  it('agrees with luxon on every day from 1999 to 2032 (date, weekday, round trip)', () => {
    const first = epochDayOf(1999, 1, 1);
    const last = epochDayOf(2032, 12, 31);
    for (let epochDay = first; epochDay <= last; epochDay++) {
      const iso = isoOfEpochDay(epochDay);
      const oracle = DateTime.fromMillis(epochDay * 86_400_000, { zone: 'utc' });
      if (iso !== oracle.toISODate() || weekdayOf(epochDay) !== oracle.weekday || tryEpochDayOfIso(iso) !== epochDay) {
        throw new Error(`mismatch at ${epochDay}: ${iso} vs ${oracle.toISODate()}`);
      }
    }
  });

  it('knows leap days by the Gregorian rule', () => {
    expect(tryEpochDayOfIso('2028-02-29')).toBe(epochDayOf(2028, 2, 29));
    expect(tryEpochDayOfIso('2000-02-29')).toBe(epochDayOf(2000, 2, 29));
    expect(tryEpochDayOfIso('2026-02-29')).toBeUndefined();
    expect(tryEpochDayOfIso('2100-02-29')).toBeUndefined();
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(isoOfEpochDay(epochDayOf(2028, 2, 28) + 1)).toBe('2028-02-29');
    expect(isoOfEpochDay(epochDayOf(2028, 2, 29) + 1)).toBe('2028-03-01');
    expect(isoOfEpochDay(epochDayOf(2026, 2, 28) + 1)).toBe('2026-03-01');
  });

  it('steps across year boundaries both ways', () => {
    expect(isoOfEpochDay(epochDayOf(2026, 12, 31) + 1)).toBe('2027-01-01');
    expect(isoOfEpochDay(epochDayOf(2027, 1, 1) - 1)).toBe('2026-12-31');
    expect(civilOf(epochDayOf(2026, 12, 31) + 366)).toEqual({ year: 2028, month: 1, day: 1 });
    expect(epochDayOf(1970, 1, 1)).toBe(0);
    expect(weekdayOf(0)).toBe(4); // a Thursday
    expect(weekdayOf(epochDayOf(2026, 11, 25))).toBe(3); // a Wednesday
  });

  it('refuses strings that are not yyyy-mm-dd calendar dates', () => {
    for (const bad of [
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-4-01',
      '2026/04/01',
      '20260401',
      ' 2026-04-01',
      '2026-04-01T00:00',
      '',
      'abcd-ef-gh',
    ]) {
      expect(tryEpochDayOfIso(bad), bad).toBeUndefined();
    }
  });
});
