import { describe, expect, it } from 'vitest';
import { readPricingConfig } from '../../../subgraphs/pricing/config.ts';
import type { FxRate } from '../../../subgraphs/pricing/domain/fx.ts';
import { assertLockUsable, fxLockIdOf, lockWindowOf, settle } from '../../../subgraphs/pricing/domain/settlement.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const FIXED = new Date('2026-11-24T15:00:00Z');
const NOW = new Date('2026-11-25T10:00:00Z');
const RATES: FxRate[] = [
  { base: 'EUR', quote: 'JPY', rate: '180.12', source: 'ECB', asOf: FIXED },
  { base: 'EUR', quote: 'USD', rate: '1.1523', source: 'ECB', asOf: FIXED },
];
const options = { settlementCurrency: 'EUR', rates: RATES, now: NOW, maxAgeHours: 72 };

describe('settlement', () => {
  it('converts a yen total into euros at the reference rate, without margin, rounded half-even', () => {
    const result = settle(money('41800', 'JPY'), options);
    // 41800 / 180.12 = 232.0675105…: rate rounded to 12 significant digits, then the cents.
    expect(result.rate).toBe('0.00555185431934');
    expect(dec(result.settlement)).toBe('232.07');
    expect(result).toMatchObject({ rateSource: 'ECB', rateAsOf: FIXED });
  });

  it('rounds an exact half cent to the even cent, not always up', () => {
    const rates: FxRate[] = [{ base: 'USD', quote: 'EUR', rate: '0.5', source: 'test', asOf: FIXED }];
    expect(dec(settle(money('0.05', 'USD'), { ...options, rates }).settlement)).toBe('0.02');
    expect(dec(settle(money('0.07', 'USD'), { ...options, rates }).settlement)).toBe('0.04');
  });

  it('settles a total already in the settlement currency one to one', () => {
    expect(settle(eur('139.00'), options)).toMatchObject({ rate: '1', settlement: eur('139.00') });
  });

  it('settles into another currency when configured (USD)', () => {
    expect(dec(settle(eur('100.00'), { ...options, settlementCurrency: 'USD' }).settlement)).toBe('115.23');
  });
});

describe('the FX lock', () => {
  it('lasts until one window after the window it is issued in', () => {
    expect(lockWindowOf(new Date('2026-11-25T10:00:00Z'), 15).expiresAt.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(lockWindowOf(new Date('2026-11-25T10:14:59.999Z'), 15).expiresAt.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(lockWindowOf(new Date('2026-11-25T10:15:00Z'), 15)).toEqual({
      windowStart: new Date('2026-11-25T10:15:00Z'),
      expiresAt: new Date('2026-11-25T10:45:00Z'),
    });
  });

  it('has the same id for the same quote, amounts, rate and window, and another when any differs', () => {
    const settled = settle(money('41800', 'JPY'), options);
    const window = lockWindowOf(NOW, 15).windowStart;
    const id = fxLockIdOf('JP:q', settled, window);
    expect(id).toMatch(/^fxl_[A-Za-z0-9_-]{32}$/);
    expect(fxLockIdOf('JP:q', settle(money('41800', 'JPY'), options), window)).toBe(id);
    expect(fxLockIdOf('JP:other', settled, window)).not.toBe(id);
    expect(fxLockIdOf('JP:q', settled, new Date(window.getTime() + 15 * 60_000))).not.toBe(id);
    const newRate = settle(money('41800', 'JPY'), { ...options, rates: [{ ...RATES[0]!, rate: '180.13' }] });
    expect(fxLockIdOf('JP:q', newRate, window)).not.toBe(id);
  });

  it('has the same id for a euro total settled in euros at two moments of one window', () => {
    const window = lockWindowOf(NOW, 15).windowStart;
    const early = settle(eur('139.00'), { ...options, now: new Date('2026-11-25T10:01:00Z') });
    const late = settle(eur('139.00'), { ...options, now: new Date('2026-11-25T10:14:00Z') });
    expect(fxLockIdOf('DE:q', early, window)).toBe(fxLockIdOf('DE:q', late, window));
  });

  const lock = { quoteId: 'JP:q', expiresAt: new Date('2026-11-25T10:30:00Z') };
  it('is usable by its quote until just before it expires', () => {
    expect(assertLockUsable(lock, 'fxl_a', 'JP:q', new Date('2026-11-25T10:29:59.999Z'))).toBe(lock);
  });
  it('is refused at and after its expiry with FX_LOCK_EXPIRED, saying to re-quote', () => {
    expectDomainError(
      () => assertLockUsable(lock, 'fxl_a', 'JP:q', new Date('2026-11-25T10:30:00Z')),
      'FX_LOCK_EXPIRED',
      'request the quote again',
    );
  });
  it('keeps answering for its quote once confirmed in time, even after it expires (a retried confirmation)', () => {
    const confirmed = { ...lock, confirmedAt: new Date('2026-11-25T10:29:00Z') };
    expect(assertLockUsable(confirmed, 'fxl_a', 'JP:q', new Date('2026-11-25T11:00:00Z'))).toBe(confirmed);
    expectDomainError(() => assertLockUsable(confirmed, 'fxl_a', 'DE:q', NOW), 'BAD_USER_INPUT');
  });
  it('is NOT_FOUND when unknown and BAD_USER_INPUT for another quote', () => {
    expectDomainError(() => assertLockUsable(null, 'fxl_b', 'JP:q', NOW), 'NOT_FOUND', 'fxl_b');
    expectDomainError(() => assertLockUsable(lock, 'fxl_a', 'DE:q', NOW), 'BAD_USER_INPUT', 'another quote');
  });
});

describe('settlement configuration', () => {
  it('defaults to EUR and 15 minutes', () => {
    expect(readPricingConfig({})).toMatchObject({ settlementCurrency: 'EUR', fxLockMinutes: 15 });
  });
  it('reads a settlement currency and a lock length', () => {
    expect(readPricingConfig({ MERIDIAN_SETTLEMENT_CURRENCY: 'CHF', MERIDIAN_FX_LOCK_MINUTES: '30' })).toMatchObject({
      settlementCurrency: 'CHF',
      fxLockMinutes: 30,
    });
  });
  it('refuses at startup what is not a currency or a whole number of minutes, naming the variable', () => {
    expect(() => readPricingConfig({ MERIDIAN_SETTLEMENT_CURRENCY: 'EURO' })).toThrow(/MERIDIAN_SETTLEMENT_CURRENCY.*"EURO"/);
    expect(() => readPricingConfig({ MERIDIAN_SETTLEMENT_CURRENCY: 'eur' })).toThrow(/MERIDIAN_SETTLEMENT_CURRENCY/);
    expect(() => readPricingConfig({ MERIDIAN_FX_LOCK_MINUTES: '0' })).toThrow(/MERIDIAN_FX_LOCK_MINUTES/);
    expect(() => readPricingConfig({ MERIDIAN_FX_LOCK_MINUTES: '7.5' })).toThrow(/MERIDIAN_FX_LOCK_MINUTES/);
  });
});
