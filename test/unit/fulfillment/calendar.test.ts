import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../subgraphs/common/contract/errors.ts';
import {
  addBusinessDays,
  businessDayOnOrAfter,
  defaultWorkingDays,
  hasHolidayCalendar,
  isBusinessDay,
  nextBusinessDay,
  publicHolidayOn,
  publicHolidaysOf,
} from '../../../subgraphs/fulfillment/domain/calendar.ts';

function badInput(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return error as DomainError;
  }
  throw new Error('expected a BAD_USER_INPUT DomainError');
}

describe('isBusinessDay', () => {
  it('closes the US on Thanksgiving but not on the day after (an observance, not a public holiday)', () => {
    expect(isBusinessDay('2026-11-25', { country: 'US' })).toBe(true);
    expect(isBusinessDay('2026-11-26', { country: 'US' })).toBe(false);
    expect(isBusinessDay('2026-11-27', { country: 'US' })).toBe(true);
  });

  it('closes Germany on both Christmas days and New Year, but not on Christmas Eve or New Year’s Eve', () => {
    expect(isBusinessDay('2026-12-24', { country: 'DE' })).toBe(true);
    expect(isBusinessDay('2026-12-25', { country: 'DE' })).toBe(false);
    expect(isBusinessDay('2026-12-28', { country: 'DE' })).toBe(true);
    expect(isBusinessDay('2026-12-31', { country: 'DE' })).toBe(true);
    expect(isBusinessDay('2027-01-01', { country: 'DE' })).toBe(false);
  });

  it('skips weekends by the country’s own working week: Kuwait rests Friday and Saturday, works Sunday', () => {
    expect(defaultWorkingDays('KW')).toEqual([1, 2, 3, 4, 7]);
    expect(isBusinessDay('2026-11-27', { country: 'KW' })).toBe(false); // Friday
    expect(isBusinessDay('2026-11-29', { country: 'KW' })).toBe(true); // Sunday
    expect(isBusinessDay('2026-11-29', { country: 'DE' })).toBe(false);
  });

  it('honours explicit working days (a warehouse that works Saturdays) while still closing holidays', () => {
    const sixDays = { country: 'JP', workingDays: [1, 2, 3, 4, 5, 6] };
    expect(isBusinessDay('2026-11-28', sixDays)).toBe(true); // Saturday
    expect(isBusinessDay('2026-11-23', sixDays)).toBe(false); // Labour Thanksgiving Day, a Monday
  });

  it('treats every day of a multi-day holiday as closed (Eid al-Adha 2026 in the UAE, Wednesday to Friday)', () => {
    // The UAE works Monday to Friday, so these three weekdays are closed only because of the holiday.
    expect(defaultWorkingDays('AE')).toEqual([1, 2, 3, 4, 5]);
    expect(isBusinessDay('2026-05-26', { country: 'AE' })).toBe(true); // Tuesday
    for (const day of ['2026-05-27', '2026-05-28', '2026-05-29']) {
      expect(publicHolidayOn(day, 'AE'), day).toMatch(/Eid al-Adha/);
      expect(isBusinessDay(day, { country: 'AE' }), day).toBe(false);
    }
    expect(isBusinessDay('2026-06-01', { country: 'AE' })).toBe(true); // Monday after the weekend
    expect(addBusinessDays('2026-05-26', 1, { country: 'AE' })).toBe('2026-06-01');
  });

  it('closes all three days of Eid al-Fitr 2026 in the UAE even for a warehouse working seven days a week', () => {
    const everyDay = { country: 'AE', workingDays: [1, 2, 3, 4, 5, 6, 7] };
    expect(isBusinessDay('2026-03-19', everyDay)).toBe(true);
    for (const day of ['2026-03-20', '2026-03-21', '2026-03-22']) expect(isBusinessDay(day, everyDay), day).toBe(false);
    expect(isBusinessDay('2026-03-23', everyDay)).toBe(true);
  });

  it('rejects malformed dates, country codes and working weeks with BAD_USER_INPUT', () => {
    expect(badInput(() => isBusinessDay('2026-02-30', { country: 'DE' })).message).toContain('2026-02-30');
    badInput(() => isBusinessDay('25.11.2026', { country: 'DE' }));
    badInput(() => isBusinessDay('2026-11-25', { country: 'D3' }));
    badInput(() => isBusinessDay('2026-11-25', { country: 'DEU' }));
    badInput(() => isBusinessDay('2026-11-25', { country: 'DE', workingDays: [] }));
    badInput(() => isBusinessDay('2026-11-25', { country: 'DE', workingDays: [0, 8] }));
  });
});

describe('addBusinessDays / nextBusinessDay', () => {
  it('steps over a weekend', () => {
    expect(addBusinessDays('2026-11-27', 1, { country: 'DE' })).toBe('2026-11-30');
    expect(nextBusinessDay('2026-11-27', { country: 'DE' })).toBe('2026-11-30');
  });

  it('steps over Thanksgiving in the US', () => {
    expect(nextBusinessDay('2026-11-25', { country: 'US' })).toBe('2026-11-27');
    expect(addBusinessDays('2026-11-25', 3, { country: 'US' })).toBe('2026-12-01');
  });

  it('steps over Christmas and New Year in Germany at year-end', () => {
    expect(addBusinessDays('2026-12-23', 2, { country: 'DE' })).toBe('2026-12-28');
    expect(addBusinessDays('2026-12-30', 2, { country: 'DE' })).toBe('2027-01-04');
  });

  it('uses the Sunday–Thursday week in Kuwait', () => {
    expect(addBusinessDays('2026-11-26', 1, { country: 'KW' })).toBe('2026-11-29');
  });

  it('returns the date itself for zero days, and businessDayOnOrAfter rolls a closed day forward', () => {
    expect(addBusinessDays('2026-11-26', 0, { country: 'US' })).toBe('2026-11-26');
    expect(businessDayOnOrAfter('2026-11-26', { country: 'US' })).toBe('2026-11-27');
    expect(businessDayOnOrAfter('2026-11-25', { country: 'US' })).toBe('2026-11-25');
  });

  it('refuses negative or fractional day counts', () => {
    badInput(() => addBusinessDays('2026-11-25', -1, { country: 'US' }));
    badInput(() => addBusinessDays('2026-11-25', 1.5, { country: 'US' }));
  });
});

describe('holiday data', () => {
  it('lists only public holidays of the country and year, and caches them', () => {
    const us2026 = publicHolidaysOf('US', 2026);
    expect(us2026.has('2026-11-26')).toBe(true);
    expect(us2026.has('2026-12-24')).toBe(false); // Christmas Eve is "optional" in the dataset
    expect(publicHolidaysOf('US', 2026)).toBe(us2026);
  });

  it('says where the dataset has no calendar (Kuwait), so weekends are the only closed days there', () => {
    expect(hasHolidayCalendar('DE')).toBe(true);
    expect(hasHolidayCalendar('KW')).toBe(false);
    expect(publicHolidaysOf('KW', 2026).size).toBe(0);
  });
});
