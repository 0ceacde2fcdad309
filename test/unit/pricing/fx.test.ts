import { describe, expect, it } from 'vitest';
import { convert, type ConvertOptions, type FxRate } from '../../../subgraphs/pricing/domain/fx.ts';
import { dec, eur, expectDomainError, money } from './helpers.ts';

const FIXED = new Date('2026-11-24T15:00:00Z'); // ECB fixing, 16:00 Frankfurt
const DAY_BEFORE = new Date('2026-11-23T15:00:00Z');
const HOUR = 3_600_000;

const ecb = (quote: string, rate: string, asOf = FIXED): FxRate => ({ base: 'EUR', quote, rate, source: 'ECB', asOf });
const RATES: FxRate[] = [
  ecb('USD', '1.0500', DAY_BEFORE),
  ecb('USD', '1.1523'),
  ecb('JPY', '180.12'),
  ecb('GBP', '0.8772'),
  { base: 'EUR', quote: 'KWD', rate: '0.3535', source: 'illustrative', asOf: FIXED },
];
const opts = (overrides: Partial<ConvertOptions> = {}): ConvertOptions => ({
  now: new Date(FIXED.getTime() + 2 * HOUR),
  maxAgeHours: 72,
  rounding: 'HALF_UP',
  ...overrides,
});

describe('convert', () => {
  it('leaves an amount in its own currency untouched, without margin', () => {
    const result = convert(eur('12.34'), 'EUR', RATES, opts({ marginBps: 150 }));
    expect(dec(result.money)).toBe('12.34');
    expect(result).toMatchObject({ rate: '1', stale: false, route: 'IDENTITY' });
  });

  it('uses the newest published direct rate: €100.00 → $115.23', () => {
    const result = convert(eur('100.00'), 'USD', RATES, opts());
    expect(result.money).toEqual({ minor: 11523n, currency: 'USD' });
    expect(result).toMatchObject({ rate: '1.1523', route: 'DIRECT', source: 'ECB', stale: false, asOf: FIXED });
  });

  it('inverts a rate when only the reverse is published: $115.23 → €100.00', () => {
    const result = convert(money('115.23', 'USD'), 'EUR', RATES, opts());
    expect(dec(result.money)).toBe('100.00');
    expect(result.route).toBe('INVERSE');
    expect(result.rate).toBe('0.867829558275'); // 1 / 1.1523 to 12 significant digits: the rate shown is the rate used
  });

  it('crosses through EUR when neither currency is EUR: $100 → ¥15,631', () => {
    const result = convert(money('100.00', 'USD'), 'JPY', RATES, opts());
    expect(result.money).toEqual({ minor: 15631n, currency: 'JPY' }); // 100 ÷ 1.1523 × 180.12 = 15631.35
    expect(result).toMatchObject({ route: 'CROSS', rate: '156.313460036', source: 'ECB' });
  });

  it('converts into 3-decimal dinar through a rate from another named source', () => {
    const result = convert(money('100.00', 'USD'), 'KWD', RATES, opts());
    expect(dec(result.money)).toBe('30.678'); // 100 ÷ 1.1523 × 0.3535 = 30.6778
    expect(result.source).toBe('ECB+illustrative');
  });

  it('converts yen to euro cents: ¥1,500 → €8.33', () => {
    expect(dec(convert(money('1500', 'JPY'), 'EUR', RATES, opts()).money)).toBe('8.33');
  });

  it("applies the margin in the shopper's disfavour and reports the rate charged", () => {
    // 115.23 × 1.015 = 116.95845
    const up = convert(eur('100.00'), 'USD', RATES, opts({ marginBps: 150 }));
    expect(dec(up.money)).toBe('116.96');
    expect(up.rate).toBe('1.1695845');
    expect(up.exactAmount).toBe('116.95845');
    expect(dec(convert(eur('100.00'), 'USD', RATES, opts({ marginBps: 150, rounding: 'DOWN' })).money)).toBe('116.95');
  });

  it('flags a rate older than maxAgeHours as stale instead of failing', () => {
    const justInTime = convert(eur('1.00'), 'USD', RATES, opts({ now: new Date(FIXED.getTime() + 72 * HOUR) }));
    expect(justInTime.stale).toBe(false);
    const late = convert(eur('1.00'), 'USD', RATES, opts({ now: new Date(FIXED.getTime() + 80 * HOUR) }));
    expect(late.stale).toBe(true);
    expect(dec(late.money)).toBe('1.15');
  });

  it('ignores rates not yet published at `now` (the injectable clock)', () => {
    const before = convert(eur('100.00'), 'USD', RATES, opts({ now: new Date(FIXED.getTime() - HOUR) }));
    expect(dec(before.money)).toBe('105.00');
    expect(before.asOf).toEqual(DAY_BEFORE);
  });

  it('dates a cross rate by its older leg', () => {
    const rates = [ecb('USD', '1.1523', DAY_BEFORE), ecb('JPY', '180.12')];
    const result = convert(money('1.00', 'USD'), 'JPY', rates, opts({ maxAgeHours: 24 }));
    expect(result.asOf).toEqual(DAY_BEFORE);
    expect(result.stale).toBe(true);
  });

  it("names both currencies when no rate exists, as missing reference data (our fault), not the client's", () => {
    expectDomainError(() => convert(eur('1.00'), 'CHF', RATES, opts()), 'DATA_UNAVAILABLE', 'EUR', 'CHF');
    expectDomainError(() => convert(money('1.00', 'USD'), 'CHF', RATES, opts()), 'DATA_UNAVAILABLE', 'USD', 'CHF');
  });

  it('rejects unusable inputs', () => {
    expectDomainError(() => convert(eur('1.00'), 'ZZZ', RATES, opts()), 'BAD_USER_INPUT', 'ZZZ');
    expectDomainError(() => convert(eur('1.00'), 'USD', [ecb('USD', '0')], opts()), 'BAD_USER_INPUT', 'EUR/USD');
    expectDomainError(() => convert(eur('1.00'), 'USD', RATES, opts({ marginBps: -5 })), 'BAD_USER_INPUT', '-5');
    expectDomainError(() => convert(eur('1.00'), 'USD', RATES, opts({ marginBps: 1.5 })), 'BAD_USER_INPUT', '1.5');
  });
});
