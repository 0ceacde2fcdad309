import { describe, expect, it } from 'vitest';
import {
  assessConsignmentDuty,
  dutyOn,
  findDeMinimis,
  findDutyRate,
  type DeMinimis,
  type DutyRate,
} from '../../../subgraphs/pricing/domain/duty.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const RATES: DutyRate[] = [
  { destination: 'DE', hsPrefix: '64', ratePercent: '8' },
  { destination: 'DE', hsPrefix: '6402', ratePercent: '16.9' },
  { destination: 'DE', hsPrefix: '640291', ratePercent: '12' },
  { destination: 'US', hsPrefix: '85', ratePercent: '4.9' },
];

describe('findDutyRate: most specific HS prefix wins', () => {
  it('prefers the 6-digit subheading, then the 4-digit heading, then the 2-digit chapter', () => {
    expect(findDutyRate('6402.91.10', 'DE', RATES)).toEqual({ ratePercent: '12', hsPrefix: '640291', matched: true });
    expect(findDutyRate('640299', 'DE', RATES)).toEqual({ ratePercent: '16.9', hsPrefix: '6402', matched: true });
    expect(findDutyRate('6403190000', 'DE', RATES)).toEqual({ ratePercent: '8', hsPrefix: '64', matched: true });
  });

  it('falls back to 0 % flagged as unmatched, never borrowing another destination’s rate', () => {
    expect(findDutyRate('851713', 'DE', RATES)).toEqual({ ratePercent: '0', hsPrefix: null, matched: false });
  });

  it('rejects HS codes that are not 6–10 digits, naming them', () => {
    for (const bad of ['6402', 'ABC123', '64029110123', '']) {
      expectDomainError(() => findDutyRate(bad, 'DE', RATES), 'BAD_USER_INPUT', `"${bad}"`);
    }
  });
});

describe('dutyOn', () => {
  it('applies an ad valorem rate with the rounding step named', () => {
    expect(dec(dutyOn(eur('150.01'), '12', 'HALF_UP'))).toBe('18.00'); // 18.0012
    expect(dec(dutyOn(eur('0.50'), '17', 'HALF_UP'))).toBe('0.09'); // 0.085
    expect(dec(dutyOn(eur('0.50'), '17', 'HALF_EVEN'))).toBe('0.08');
    expect(dec(dutyOn(money('10001', 'JPY'), '10', 'HALF_UP'))).toBe('1000'); // 1000.1
  });
});

describe('de minimis', () => {
  const at = new Date('2025-07-01T00:00:00Z');
  const RECORDS: DeMinimis[] = [
    { destination: 'DE', dutyThreshold: eur('150.00'), taxThreshold: null, asOf: at, source: 'test' },
    { destination: 'US', dutyThreshold: null, taxThreshold: null, asOf: at, source: 'test' },
    { destination: 'JP', dutyThreshold: money('10000', 'JPY'), taxThreshold: money('10000', 'JPY'), asOf: at, source: 'test' },
  ];
  const assess = (value: ReturnType<typeof eur>, destination: string) => {
    const assessed = assessConsignmentDuty(value, findDeMinimis(destination, RECORDS), at);
    return { dutyOwed: assessed.basis !== 'RELIEF', importTaxOwed: assessed.importTaxOwed };
  };

  it('EU: no duty at exactly €150.00 ("not exceeding"), duty from €150.01; import VAT always', () => {
    expect(assess(eur('150.00'), 'DE')).toEqual({ dutyOwed: false, importTaxOwed: true });
    expect(assess(eur('150.01'), 'DE')).toEqual({ dutyOwed: true, importTaxOwed: true });
  });

  it('US: with the $800 de minimis suspended, even $1 owes duty', () => {
    expect(assess(money('1.00', 'USD'), 'US')).toEqual({ dutyOwed: true, importTaxOwed: true });
  });

  it('JP: nothing owed up to ¥10,000, both owed above', () => {
    expect(assess(money('10000', 'JPY'), 'JP')).toEqual({ dutyOwed: false, importTaxOwed: false });
    expect(assess(money('10001', 'JPY'), 'JP')).toEqual({ dutyOwed: true, importTaxOwed: true });
  });

  it('assumes no relief for a destination without a record', () => {
    expect(assess(money('0.01', 'CHF'), 'CH')).toEqual({ dutyOwed: true, importTaxOwed: true });
  });

  it('refuses to compare a value with a threshold in another currency', () => {
    expectDomainError(() => assess(money('100.00', 'USD'), 'DE'), 'BAD_USER_INPUT', 'USD', 'EUR');
  });

  it('a low-value regime in force replaces the relief: flat up to its ceiling ("not exceeding"), ad valorem above', () => {
    const regime = {
      kind: 'FLAT_PER_TARIFF_SUBHEADING',
      name: 'EU low-value flat duty',
      amountPerSubheading: eur('3.00'),
      valueCeiling: eur('150.00'),
      validFrom: new Date('2026-07-01T00:00:00Z'),
      excludedHsPrefixes: [],
      source: 'test',
      asOf: at,
    } as const;
    const record: DeMinimis = { ...RECORDS[0]!, lowValueRegime: regime };
    const july = new Date('2026-07-01T00:00:00Z');
    expect(assessConsignmentDuty(eur('150.00'), record, july)).toEqual({ basis: 'FLAT_LOW_VALUE', regime, importTaxOwed: true });
    expect(assessConsignmentDuty(eur('150.01'), record, july)).toEqual({ basis: 'AD_VALOREM', regime: null, importTaxOwed: true });
    expect(assessConsignmentDuty(eur('150.00'), record, new Date('2026-06-30T23:59:59.999Z')).basis).toBe('RELIEF');
  });
});
