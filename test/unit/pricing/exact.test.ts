import { describe, expect, it } from 'vitest';
import { Dec } from '../../../subgraphs/pricing/domain/decimal.ts';
import { divideRounded, Exact, memoisedByText, RoundingMode } from '../../../subgraphs/pricing/domain/exact.ts';
import { convert, type FxRate } from '../../../subgraphs/pricing/domain/fx.ts';
import { roundingOf } from '../../../subgraphs/pricing/domain/rounding.ts';
import { expectDomainError } from './helpers.ts';

const MODES = Object.values(RoundingMode);

// A small deterministic generator, so a failure names a reproducible case.
function* decimals(seed: number, count: number): Generator<string> {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  for (let i = 0; i < count; i++) {
    const whole = next() % 100_000;
    const places = next() % 9;
    const fraction = places === 0 ? '' : `.${String(next()).padStart(10, '0').slice(0, places)}`;
    yield `${next() % 5 === 0 ? '-' : ''}${whole}${fraction}`;
  }
}

describe('Exact: bigint decimals that replace decimal.js on the price path', () => {
  it('parses plain decimals only, naming the bad value', () => {
    expect(Exact.parse('249.00').toString()).toBe('249');
    expect(Exact.parse('-0.050').toString()).toBe('-0.05');
    expect(Exact.parse('0.0000001').toString()).toBe('0.0000001');
    for (const bad of ['1e3', '+1', ' 1', '.5', '5.', '12,5', '']) {
      expectDomainError(() => Exact.parse(bad, 'ratePercent'), 'BAD_USER_INPUT', `Invalid ratePercent "${bad}"`);
    }
  });

  it('adds, subtracts and multiplies exactly, as decimal.js does for the same inputs', () => {
    const values = [...decimals(7, 60)];
    for (let i = 0; i + 1 < values.length; i++) {
      const [a, b] = [values[i]!, values[i + 1]!];
      const [x, y] = [Exact.parse(a), Exact.parse(b)];
      expect(x.plus(y).toString(), `${a} + ${b}`).toBe(new Dec(a).plus(b).toString());
      expect(x.minus(y).toString(), `${a} - ${b}`).toBe(new Dec(a).minus(b).toString());
      expect(x.times(y).toString(), `${a} × ${b}`).toBe(new Dec(a).times(b).toString());
      expect(x.cmp(y), `${a} cmp ${b}`).toBe(new Dec(a).cmp(b));
      expect(x.decimalPlaces(), a).toBe(new Dec(a).decimalPlaces());
    }
  });

  it('rounds in every mode as decimal.js does, ties included', () => {
    const values = [...decimals(11, 200), '0.125', '-0.125', '0.135', '1234.5', '1235.5', '-1234.5', '4.2505', '0.005', '-0.005'];
    for (const value of values) {
      for (const mode of MODES) {
        for (const places of [0, 2, 3]) {
          const expected = new Dec(value).toDecimalPlaces(places, roundingOf(mode)).toFixed(places);
          const units = Exact.parse(value).roundedUnits(places, mode);
          expect(new Exact(units, places).toFixed(places), `${value} ${mode} ${places}`).toBe(expected);
        }
      }
    }
  });

  it('divides with one exact rounding, as decimal.js at 40 digits does for prices and rate sums', () => {
    // The split of a shown price back into its net: shown ÷ (1 + VAT + duty × (1 + VAT)).
    const divisors = ['1.19', '1.3328', '1.21', '1.081', '1.1', '1', '3'];
    for (const shown of [...decimals(3, 60)]) {
      for (const divisor of divisors) {
        for (const mode of MODES) {
          const expected = new Dec(shown).div(divisor).toDecimalPlaces(2, roundingOf(mode)).toFixed(2);
          const units = divideRounded(Exact.parse(shown), Exact.parse(divisor), 2, mode);
          expect(new Exact(units, 2).toFixed(2), `${shown} ÷ ${divisor} ${mode}`).toBe(expected);
        }
      }
    }
  });

  it('takes the ceiling and writes fixed places like the explanations need', () => {
    expect(Exact.parse('10.01').ceil().toString()).toBe('11');
    expect(Exact.parse('10.00').ceil().toString()).toBe('10');
    expect(Exact.parse('-0.5').ceil().toString()).toBe('0');
    expect(Exact.parse('28').toFixed(2)).toBe('28.00');
    expect(Exact.parse('-0.5').toFixed(2)).toBe('-0.50');
  });
});

describe('memoisedByText: pure functions of a rate string, bounded', () => {
  it('computes once per text, keeps no failure and starts over when full', () => {
    let calls = 0;
    const parse = memoisedByText((text) => {
      calls++;
      return Exact.parse(text, 'ratePercent');
    }, 2);
    expect(parse('19')).toBe(parse('19'));
    expect(calls).toBe(1);
    expect(() => parse('x')).toThrow('Invalid ratePercent "x"');
    expect(() => parse('x')).toThrow('Invalid ratePercent "x"');
    parse('7');
    parse('21'); // the bound of 2 is reached: the memo starts over
    expect(calls).toBe(5);
    parse('19');
    expect(calls).toBe(6);
  });
});

describe('convert: the route of a pair is found once per set of rates', () => {
  const asOf = new Date('2026-11-24T15:00:00Z');
  const now = new Date('2026-11-25T10:00:00Z');
  const options = { now, maxAgeHours: 96, rounding: 'HALF_UP' as const };
  const eur = (minor: bigint) => ({ minor, currency: 'EUR' });

  it('sees a new set of rates (the next reference snapshot) at once', () => {
    const first: FxRate[] = [{ base: 'EUR', quote: 'USD', rate: '1.1523', source: 'ECB', asOf }];
    const second: FxRate[] = [{ base: 'EUR', quote: 'USD', rate: '1.2000', source: 'ECB', asOf }];
    expect(convert(eur(10000n), 'USD', first, options).rate).toBe('1.1523');
    expect(convert(eur(10000n), 'USD', first, options).rate).toBe('1.1523');
    expect(convert(eur(10000n), 'USD', second, options).rate).toBe('1.2');
    // A set changed in place (a rate added) is a new set too.
    first.push({ base: 'EUR', quote: 'USD', rate: '1.3000', source: 'ECB', asOf: new Date('2026-11-25T09:00:00Z') });
    expect(convert(eur(10000n), 'USD', first, options).rate).toBe('1.3');
  });

  it('does not keep a route found before the newest rate of the set is published', () => {
    const rates: FxRate[] = [
      { base: 'EUR', quote: 'USD', rate: '1.1523', source: 'ECB', asOf },
      { base: 'EUR', quote: 'USD', rate: '1.2000', source: 'ECB', asOf: new Date('2026-11-26T15:00:00Z') },
    ];
    expect(convert(eur(10000n), 'USD', rates, options).rate).toBe('1.1523');
    expect(convert(eur(10000n), 'USD', rates, { ...options, now: new Date('2026-11-27T10:00:00Z') }).rate).toBe('1.2');
    expect(convert(eur(10000n), 'USD', rates, options).rate).toBe('1.1523');
  });
});
