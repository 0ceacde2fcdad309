import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { epochDayOf } from '../../../subgraphs/fulfillment/domain/civil-date.ts';
import {
  computeZoneOffsetMinutes,
  instantOfLocal,
  localIsoDateAt,
  zoneOffsetMinutes,
} from '../../../subgraphs/fulfillment/domain/zone-offset.ts';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kuwait',
  'UTC',
];
const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

describe('zone offsets remembered per (zone, day)', () => {
  const agreesWithLuxon = (zone: string, from: string, to: string, stepMinutes: number) => {
    for (let ms = at(from); ms < at(to); ms += stepMinutes * MINUTE) {
      const oracle = DateTime.fromMillis(ms, { zone });
      if (zoneOffsetMinutes(zone, ms) !== oracle.offset || localIsoDateAt(ms, zone) !== oracle.toISODate()) {
        throw new Error(`${zone} at ${new Date(ms).toISOString()}: ${zoneOffsetMinutes(zone, ms)} vs ${oracle.offset}`);
      }
    }
  };

  it('give the same offset and local date as luxon every 5 minutes around the 2026 DST switches', () => {
    for (const zone of ZONES) {
      for (const day of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01']) {
        agreesWithLuxon(zone, `${day}T00:00:00Z`, `${day}T23:59:59Z`, 5);
      }
    }
  });

  it('give the same offset and local date as luxon every hour through 2026', () => {
    for (const zone of ZONES) {
      for (let ms = at('2026-01-01T00:00:00Z'); ms < at('2027-01-02T00:00:00Z'); ms += 60 * MINUTE) {
        const oracle = DateTime.fromMillis(ms, { zone });
        if (zoneOffsetMinutes(zone, ms) !== oracle.offset || localIsoDateAt(ms, zone) !== oracle.toISODate()) {
          throw new Error(`${zone} at ${new Date(ms).toISOString()}: ${zoneOffsetMinutes(zone, ms)} vs ${oracle.offset}`);
        }
      }
    }
  });

  it('switch exactly at the DST instant in Europe/Berlin and America/New_York', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-10-25T01:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', at('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', at('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('read the local date across the date line and the year boundary', () => {
    expect(localIsoDateAt(at('2026-12-31T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-12-31');
    expect(localIsoDateAt(at('2026-12-31T15:00:00Z'), 'Asia/Tokyo')).toBe('2027-01-01');
    expect(localIsoDateAt(at('2027-01-01T04:59:59Z'), 'America/New_York')).toBe('2026-12-31');
    expect(localIsoDateAt(at('2027-01-01T05:00:00Z'), 'America/New_York')).toBe('2027-01-01');
    expect(localIsoDateAt(at('2028-02-29T23:30:00Z'), 'Asia/Tokyo')).toBe('2028-03-01');
  });

  it('answer like the uncached computation, and keep at most their bound of days', () => {
    const { max: ZONE_OFFSET_CACHE_LIMIT } = memoCacheStats('fulfillment.zoneOffsets');
    const start = at('1990-01-01T12:00:00Z');
    for (let day = 0; day <= ZONE_OFFSET_CACHE_LIMIT + 50; day++) {
      const ms = start + day * 86_400_000;
      const cached = zoneOffsetMinutes('Europe/Berlin', ms);
      if (cached !== computeZoneOffsetMinutes('Europe/Berlin', ms)) throw new Error(`day ${day}`);
    }
    expect(memoCacheStats('fulfillment.zoneOffsets').size).toBeLessThanOrEqual(ZONE_OFFSET_CACHE_LIMIT);
    expect(memoCacheStats('fulfillment.zoneOffsets').size).toBeGreaterThan(ZONE_OFFSET_CACHE_LIMIT / 2);
  });
});

describe('instantOfLocal', () => {
  it('matches luxon every 90 minutes of 2026 on days without a DST switch', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe']) {
      for (let epochDay = epochDayOf(2026, 1, 1); epochDay <= epochDayOf(2026, 12, 31); epochDay++) {
        const dayStart = epochDay * 86_400_000;
        if (computeZoneOffsetMinutes(zone, dayStart - 86_400_000) !== computeZoneOffsetMinutes(zone, dayStart + 2 * 86_400_000)) continue;
        for (let minute = 0; minute < 1440; minute += 90) {
          const oracle = DateTime.fromMillis(dayStart + minute * MINUTE, { zone: 'utc' })
            .setZone(zone, { keepLocalTime: true })
            .toMillis();
          if (instantOfLocal(zone, epochDay, minute) !== oracle) throw new Error(`${zone} day ${epochDay} minute ${minute}`);
        }
      }
    }
  });

  it('moves a wall time skipped by spring-forward ahead by the gap (Berlin, New York)', () => {
    expect(new Date(instantOfLocal('Europe/Berlin', epochDayOf(2026, 3, 29), 2 * 60 + 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(new Date(instantOfLocal('America/New_York', epochDayOf(2026, 3, 8), 2 * 60 + 30)).toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    ); // 03:30 EDT
    expect(new Date(instantOfLocal('Europe/Berlin', epochDayOf(2026, 3, 29), 17 * 60)).toISOString()).toBe('2026-03-29T15:00:00.000Z');
  });

  it('takes the first of a wall time that happens twice on a fall-back day (Berlin, New York)', () => {
    expect(new Date(instantOfLocal('Europe/Berlin', epochDayOf(2026, 10, 25), 2 * 60 + 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // CEST
    expect(new Date(instantOfLocal('America/New_York', epochDayOf(2026, 11, 1), 60 + 30)).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(new Date(instantOfLocal('America/New_York', epochDayOf(2026, 11, 1), 15 * 60)).toISOString()).toBe('2026-11-01T20:00:00.000Z'); // EST
  });
});
