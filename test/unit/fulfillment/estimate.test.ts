import { describe, expect, it } from 'vitest';
import { memoCacheStats } from '../../../subgraphs/common/memo-cache.ts';
import { computeEstimate, estimateDelivery, memoizeEstimates } from '../../../subgraphs/fulfillment/domain/estimate.ts';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import { CHIBA, NJ, VENLO } from './fixtures.ts';

// Every clock here is fixed. Wednesday 2026-11-25 is "today"; Thursday 2026-11-26 is Thanksgiving.
const at = (iso: string) => new Date(iso);
const DOMESTIC_GROUND = { transitDaysMin: 1, transitDaysMax: 5, clearanceDays: 0 };
const NEXT_DOOR = { transitDaysMin: 1, transitDaysMax: 2, clearanceDays: 0 };
const LOS_ANGELES = { country: 'US', timeZone: 'America/Los_Angeles' };
const BERLIN = { country: 'DE', timeZone: 'Europe/Berlin' };
const TOKYO = { country: 'JP', timeZone: 'Asia/Tokyo' };

describe('cut-off in the warehouse’s own zone', () => {
  it('ships today one minute before the Tokyo cut-off and tells how long is left', () => {
    const estimate = estimateDelivery({ now: at('2026-11-25T04:59:00Z'), warehouse: CHIBA, service: NEXT_DOOR, destination: TOKYO });
    expect(estimate.processingDate).toBe('2026-11-25');
    expect(estimate.cutoffAt?.toISOString()).toBe('2026-11-25T05:00:00.000Z'); // 14:00 JST
    expect(estimate.timeLeftBeforeCutoffMinutes).toBe(1);
  });

  it('misses the cut-off at exactly 14:00 JST and ships the next working day, with no countdown', () => {
    const estimate = estimateDelivery({ now: at('2026-11-25T05:00:00Z'), warehouse: CHIBA, service: NEXT_DOOR, destination: TOKYO });
    expect(estimate.processingDate).toBe('2026-11-26');
    expect(estimate.cutoffAt).toBeNull();
    expect(estimate.timeLeftBeforeCutoffMinutes).toBeNull();
  });

  it('at 23:30 JST the Tokyo day is over even though it is only 14:30 in UTC', () => {
    const estimate = estimateDelivery({ now: at('2026-11-25T14:30:00Z'), warehouse: CHIBA, service: NEXT_DOOR, destination: TOKYO });
    expect(estimate.processingDate).toBe('2026-11-26');
    expect(estimate.cutoffAt).toBeNull();
  });

  it('at 00:30 JST it is already Thursday in Tokyo (Wednesday in UTC), before that day’s cut-off', () => {
    const estimate = estimateDelivery({ now: at('2026-11-25T15:30:00Z'), warehouse: CHIBA, service: NEXT_DOOR, destination: TOKYO });
    expect(estimate.processingDate).toBe('2026-11-26');
    expect(estimate.cutoffAt?.toISOString()).toBe('2026-11-26T05:00:00.000Z');
    expect(estimate.timeLeftBeforeCutoffMinutes).toBe(13 * 60 + 30);
  });

  it('a Los Angeles shopper at 11:59 PST still makes the New Jersey 15:00 EST cut-off; Thanksgiving is skipped in transit', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-25T19:59:00Z'),
      warehouse: NJ,
      service: DOMESTIC_GROUND,
      destination: LOS_ANGELES,
    });
    expect(estimate).toMatchObject({ processingDate: '2026-11-25', shipDate: '2026-11-25', earliest: '2026-11-27', latest: '2026-12-03' });
    expect(estimate.timeLeftBeforeCutoffMinutes).toBe(1);
  });

  it('at 12:01 PST the New Jersey cut-off has passed and Thanksgiving closes the warehouse: it ships Friday', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-25T20:01:00Z'),
      warehouse: NJ,
      service: DOMESTIC_GROUND,
      destination: LOS_ANGELES,
    });
    expect(estimate).toMatchObject({ processingDate: '2026-11-27', shipDate: '2026-11-27', earliest: '2026-11-30', latest: '2026-12-04' });
  });
});

describe('calendars at origin and destination', () => {
  it('a holiday at origin: an order on Thanksgiving morning, before the cut-off hour, waits for Friday', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-26T14:00:00Z'),
      warehouse: NJ,
      service: DOMESTIC_GROUND,
      destination: LOS_ANGELES,
    });
    expect(estimate.processingDate).toBe('2026-11-27');
    expect(estimate.cutoffAt).toBeNull();
  });

  it('a Friday order before the cut-off ships Friday and arrives after the weekend', () => {
    const estimate = estimateDelivery({ now: at('2026-11-27T15:00:00Z'), warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    expect(estimate).toMatchObject({ shipDate: '2026-11-27', earliest: '2026-11-30', latest: '2026-12-01' });
  });

  it('a Friday order after the cut-off ships Monday', () => {
    const estimate = estimateDelivery({ now: at('2026-11-27T16:30:00Z'), warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    expect(estimate).toMatchObject({ shipDate: '2026-11-30', earliest: '2026-12-01', latest: '2026-12-02' });
  });

  it('a holiday at destination: German Christmas (25th and 26th) is not a delivery day', () => {
    const estimate = estimateDelivery({
      now: at('2026-12-23T10:00:00Z'),
      warehouse: VENLO,
      service: { transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 0 },
      destination: BERLIN,
    });
    expect(estimate).toMatchObject({ shipDate: '2026-12-23', earliest: '2026-12-28', latest: '2026-12-30' });
  });

  it('year-end: a window that starts in December ends after the New Year holiday', () => {
    const estimate = estimateDelivery({ now: at('2026-12-30T10:00:00Z'), warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    expect(estimate).toMatchObject({ shipDate: '2026-12-30', earliest: '2026-12-31', latest: '2027-01-04' });
  });

  it('year-end at origin: after the cut-off on New Year’s Eve the warehouse reopens on 4 January', () => {
    const estimate = estimateDelivery({ now: at('2026-12-31T17:00:00Z'), warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    expect(estimate).toMatchObject({ processingDate: '2027-01-04', shipDate: '2027-01-04', earliest: '2027-01-05' });
  });

  it('handling days are warehouse business days after processing', () => {
    const slowFloor = { ...NJ, handlingDays: 2 };
    const estimate = estimateDelivery({
      now: at('2026-11-25T15:00:00Z'),
      warehouse: slowFloor,
      service: DOMESTIC_GROUND,
      destination: LOS_ANGELES,
    });
    expect(estimate).toMatchObject({ processingDate: '2026-11-25', shipDate: '2026-11-30', earliest: '2026-12-01' });
  });
});

describe('cross-border lanes', () => {
  it('adds customs clearance days in the destination calendar (New Jersey → Berlin express, 1 clearance + 2–3 transit)', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-25T15:00:00Z'),
      warehouse: NJ,
      service: { transitDaysMin: 2, transitDaysMax: 3, clearanceDays: 1 },
      destination: BERLIN,
    });
    // Collected Wed 15:00 EST = 21:00 CET; 3 and 4 German business days later.
    expect(estimate).toMatchObject({ shipDate: '2026-11-25', earliest: '2026-11-30', latest: '2026-12-01' });
  });

  it('ignores clearance days on a domestic lane', () => {
    const input = { now: at('2026-11-25T15:00:00Z'), warehouse: NJ, destination: LOS_ANGELES };
    const withClearance = estimateDelivery({ ...input, service: { ...DOMESTIC_GROUND, clearanceDays: 2 } });
    expect(withClearance.earliest).toBe(estimateDelivery({ ...input, service: DOMESTIC_GROUND }).earliest);
  });

  // Windsor Framework: Northern Ireland follows EU rules for goods, so a parcel from Venlo is not cleared there;
  // one from New Jersey is, as into Great Britain.
  it('ignores clearance days into Northern Ireland from an EU warehouse, not from New Jersey', () => {
    const belfast = { country: 'GB', timeZone: 'Europe/London', unclearedFrom: ['NL'] };
    const service = { transitDaysMin: 2, transitDaysMax: 3, clearanceDays: 2 };
    const now = at('2026-11-25T15:00:00Z');
    const fromVenlo = estimateDelivery({ now, warehouse: VENLO, service, destination: belfast });
    const unclearedLane = estimateDelivery({ now, warehouse: VENLO, service: { ...service, clearanceDays: 0 }, destination: belfast });
    expect(fromVenlo.earliest).toBe(unclearedLane.earliest);
    const fromNewJersey = estimateDelivery({ now, warehouse: NJ, service, destination: belfast });
    const clearedLane = estimateDelivery({ now, warehouse: NJ, service, destination: { country: 'GB', timeZone: 'Europe/London' } });
    expect(fromNewJersey.earliest).toBe(clearedLane.earliest);
  });

  it('Tokyo → Los Angeles: collected 14:00 JST Wednesday is still Tuesday evening in LA, so transit counts from Tuesday', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-25T01:00:00Z'),
      warehouse: CHIBA,
      service: { transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1 },
      destination: LOS_ANGELES,
    });
    // From Tue 24th in LA: Wed 25 (1), Thanksgiving skipped, Fri 27 (2), Mon 30 (3) … Wed 2 Dec (5).
    expect(estimate).toMatchObject({ shipDate: '2026-11-25', earliest: '2026-11-30', latest: '2026-12-02' });
  });

  it('New Jersey → Tokyo: collected 15:00 EST Wednesday is already Thursday morning in Tokyo', () => {
    const estimate = estimateDelivery({
      now: at('2026-11-25T15:00:00Z'),
      warehouse: NJ,
      service: { transitDaysMin: 2, transitDaysMax: 4, clearanceDays: 1 },
      destination: TOKYO,
    });
    // From Thu 26th in Tokyo: Fri 27 (1), Mon 30 (2), Tue 1 Dec (3) … Thu 3 Dec (5).
    expect(estimate).toMatchObject({ earliest: '2026-12-01', latest: '2026-12-03' });
  });
});

describe('input checks', () => {
  it('refuses an unknown zone, a malformed cut-off and inverted transit times', () => {
    const now = at('2026-11-25T12:00:00Z');
    const bad = [
      () => estimateDelivery({ now, warehouse: { ...NJ, timeZone: 'America/Gotham' }, service: NEXT_DOOR, destination: BERLIN }),
      () => estimateDelivery({ now, warehouse: { ...NJ, cutoffLocalTime: '3pm' }, service: NEXT_DOOR, destination: BERLIN }),
      () =>
        estimateDelivery({ now, warehouse: NJ, service: { transitDaysMin: 5, transitDaysMax: 2, clearanceDays: 0 }, destination: BERLIN }),
      () => estimateDelivery({ now, warehouse: NJ, service: NEXT_DOOR, destination: { country: 'DE', timeZone: 'Berlin' } }),
    ];
    for (const run of bad) expect(run).toThrow(DomainError);
  });
});

describe('a request’s memo of estimates (memoizeEstimates)', () => {
  it('answers exactly as estimateDelivery, and a second product to the same place and instant reuses the window', () => {
    const estimate = memoizeEstimates();
    const input = { now: at('2026-11-25T19:59:00Z'), warehouse: NJ, service: DOMESTIC_GROUND, destination: LOS_ANGELES };
    const first = estimate(input);
    expect(first).toEqual(estimateDelivery(input));
    expect(estimate({ ...input, destination: { ...LOS_ANGELES } })).toBe(first);
  });

  it('keeps the instant, the destination, the warehouse and the service apart', () => {
    const estimate = memoizeEstimates();
    const input = { now: at('2026-11-25T19:59:00Z'), warehouse: NJ, service: DOMESTIC_GROUND, destination: LOS_ANGELES };
    const before = estimate(input);
    // Two minutes later the New Jersey cut-off has passed: another answer, not the remembered one.
    expect(estimate({ ...input, now: at('2026-11-25T20:01:00Z') })).toMatchObject({ processingDate: '2026-11-27', latest: '2026-12-04' });
    expect(estimate({ ...input, destination: BERLIN })).toEqual(estimateDelivery({ ...input, destination: BERLIN }));
    expect(estimate({ ...input, service: NEXT_DOOR })).toEqual(estimateDelivery({ ...input, service: NEXT_DOOR }));
    expect(estimate({ ...input, warehouse: VENLO })).toEqual(estimateDelivery({ ...input, warehouse: VENLO }));
    expect(estimate({ ...input, destination: { ...LOS_ANGELES, workingDays: [1, 2, 3, 4, 5, 6] } })).toEqual(
      estimateDelivery({ ...input, destination: { ...LOS_ANGELES, workingDays: [1, 2, 3, 4, 5, 6] } }),
    );
    expect(estimate(input)).toBe(before);
  });

  it('refuses invalid input every time instead of remembering anything for it', () => {
    const estimate = memoizeEstimates();
    const input = {
      now: at('2026-11-25T19:59:00Z'),
      warehouse: NJ,
      service: DOMESTIC_GROUND,
      destination: { country: 'US', timeZone: 'Mars/Olympus' },
    };
    expect(() => estimate(input)).toThrow(DomainError);
    expect(() => estimate(input)).toThrow(DomainError);
  });
});

describe('the process-wide memo of estimate dates', () => {
  const SERVICES = [DOMESTIC_GROUND, NEXT_DOOR, { transitDaysMin: 2, transitDaysMax: 6, clearanceDays: 2 }];
  const DESTINATIONS = [
    LOS_ANGELES,
    BERLIN,
    TOKYO,
    { country: 'KW', timeZone: 'Asia/Kuwait' },
    { ...BERLIN, workingDays: [1, 2, 3, 4, 5, 6] },
  ];

  it('answers exactly as a fresh estimate at every instant: across cut-offs, midnights in every zone, weekends and Thanksgiving', () => {
    // Every 19 minutes for four days, so each remembered (day, before/after cut-off) is asked again at many
    // other instants, and the minutes left must still run with the clock.
    const start = at('2026-11-24T00:00:00Z').getTime();
    for (let ms = start; ms < start + 4 * 86_400_000; ms += 19 * 60_000) {
      const now = new Date(ms);
      for (const warehouse of [CHIBA, NJ, VENLO]) {
        for (const service of SERVICES) {
          for (const destination of DESTINATIONS) {
            const input = { now, warehouse, service, destination };
            expect(estimateDelivery(input), `${now.toISOString()} ${warehouse.id} → ${destination.country}`).toEqual(
              computeEstimate(input),
            );
          }
        }
      }
    }
    const { size, max } = memoCacheStats('fulfillment.estimateDates');
    expect(size).toBeLessThanOrEqual(max);
  }, 30_000);

  it('tells warehouses apart by every rule, not by id: a changed cut-off or working week is a new answer', () => {
    const now = at('2026-11-25T10:30:00Z'); // 11:30 in Venlo
    const before = estimateDelivery({ now, warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    const earlyCutoff = { ...VENLO, cutoffLocalTime: '11:00' };
    expect(estimateDelivery({ now, warehouse: earlyCutoff, service: NEXT_DOOR, destination: BERLIN })).toEqual(
      computeEstimate({ now, warehouse: earlyCutoff, service: NEXT_DOOR, destination: BERLIN }),
    );
    expect(estimateDelivery({ now, warehouse: earlyCutoff, service: NEXT_DOOR, destination: BERLIN }).processingDate).not.toBe(
      before.processingDate,
    );
    const moreHandling = { ...VENLO, handlingDays: VENLO.handlingDays + 2 };
    expect(estimateDelivery({ now, warehouse: moreHandling, service: NEXT_DOOR, destination: BERLIN }).shipDate).not.toBe(before.shipDate);
  });

  it('never answers invalid input from memory, however close it looks to a remembered one', () => {
    const now = at('2026-11-25T10:30:00Z');
    estimateDelivery({ now, warehouse: VENLO, service: NEXT_DOOR, destination: BERLIN });
    const textDays = { ...VENLO, handlingDays: String(VENLO.handlingDays) as unknown as number };
    const badCutoff = { ...VENLO, cutoffLocalTime: '25:00' };
    const badTransit = { ...NEXT_DOOR, transitDaysMin: 1.5 };
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => estimateDelivery({ now, warehouse: textDays, service: NEXT_DOOR, destination: BERLIN })).toThrow(DomainError);
      expect(() => estimateDelivery({ now, warehouse: badCutoff, service: NEXT_DOOR, destination: BERLIN })).toThrow(
        /cut-off must be HH:mm/,
      );
      expect(() => estimateDelivery({ now, warehouse: VENLO, service: badTransit, destination: BERLIN })).toThrow(DomainError);
      expect(() =>
        estimateDelivery({ now, warehouse: VENLO, service: NEXT_DOOR, destination: { country: 'DE', timeZone: 'Mars/Olympus' } }),
      ).toThrow(DomainError);
    }
  });
});
