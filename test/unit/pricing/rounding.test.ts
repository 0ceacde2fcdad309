import { describe, expect, it } from 'vitest';
import {
  charmPrice,
  presentAmount,
  roundToIncrement,
  roundToMinor,
  type RoundingMode,
} from '../../../subgraphs/pricing/domain/rounding.ts';
import { dec, expectDomainError } from './helpers.ts';

describe('roundToMinor: one rounding function, explicit modes', () => {
  it('treats a EUR half cent according to the mode', () => {
    expect(roundToMinor('0.125', 'EUR', 'HALF_UP')).toBe(13n);
    expect(roundToMinor('0.125', 'EUR', 'HALF_EVEN')).toBe(12n);
    expect(roundToMinor('0.135', 'EUR', 'HALF_EVEN')).toBe(14n);
    expect(roundToMinor('0.125', 'EUR', 'DOWN')).toBe(12n);
    expect(roundToMinor('0.121', 'EUR', 'UP')).toBe(13n);
    expect(roundToMinor('0.129', 'EUR', 'DOWN')).toBe(12n);
  });

  it('rounds negative amounts symmetrically (HALF_UP is away from zero, DOWN towards it)', () => {
    expect(roundToMinor('-0.125', 'EUR', 'HALF_UP')).toBe(-13n);
    expect(roundToMinor('-0.129', 'EUR', 'DOWN')).toBe(-12n);
    expect(roundToMinor('-0.121', 'EUR', 'UP')).toBe(-13n);
  });

  it('rounds yen to whole yen (exponent 0)', () => {
    expect(roundToMinor('1234.5', 'JPY', 'HALF_UP')).toBe(1235n);
    expect(roundToMinor('1234.5', 'JPY', 'HALF_EVEN')).toBe(1234n);
    expect(roundToMinor('1235.5', 'JPY', 'HALF_EVEN')).toBe(1236n);
    expect(roundToMinor('1234.4999', 'JPY', 'HALF_UP')).toBe(1234n);
  });

  it('rounds Kuwaiti dinar to the fils (exponent 3)', () => {
    expect(roundToMinor('4.2505', 'KWD', 'HALF_UP')).toBe(4251n);
    expect(roundToMinor('4.2505', 'KWD', 'HALF_EVEN')).toBe(4250n);
    expect(roundToMinor('4.2515', 'KWD', 'HALF_EVEN')).toBe(4252n);
  });

  it('rejects an unknown mode instead of guessing', () => {
    expectDomainError(() => roundToMinor('1.005', 'EUR', 'CEILING' as RoundingMode), 'BAD_USER_INPUT', 'CEILING');
  });
});

describe("presentment rule 'exponent'", () => {
  it('is plain ISO rounding', () => {
    expect(dec(presentAmount('12.345', 'EUR', { kind: 'exponent' }, 'HALF_UP'))).toBe('12.35');
    expect(dec(presentAmount('4.2505', 'KWD', { kind: 'exponent' }, 'HALF_UP'))).toBe('4.251');
    expect(dec(presentAmount('1499.5', 'JPY', { kind: 'exponent' }, 'HALF_UP'))).toBe('1500');
  });
});

describe("presentment rule 'increment'", () => {
  const swiss = { kind: 'increment', increment: '0.05' } as const;

  it('rounds Swiss francs to 0.05 (5 rappen)', () => {
    expect(dec(presentAmount('12.32', 'CHF', swiss, 'HALF_UP'))).toBe('12.30');
    expect(dec(presentAmount('12.33', 'CHF', swiss, 'HALF_UP'))).toBe('12.35');
    expect(dec(presentAmount('12.3749', 'CHF', swiss, 'HALF_UP'))).toBe('12.35');
    expect(dec(presentAmount('12.375', 'CHF', swiss, 'HALF_UP'))).toBe('12.40');
    expect(dec(presentAmount('19.98', 'CHF', swiss, 'HALF_UP'))).toBe('20.00');
  });

  it('settles a tie exactly between two 0.05 steps by the mode', () => {
    expect(dec(presentAmount('12.325', 'CHF', swiss, 'HALF_UP'))).toBe('12.35');
    expect(dec(presentAmount('12.325', 'CHF', swiss, 'HALF_EVEN'))).toBe('12.30');
    expect(dec(presentAmount('12.301', 'CHF', swiss, 'UP'))).toBe('12.35');
  });

  it('rounds yen to whole yen or to tens', () => {
    expect(dec(presentAmount('1234.5', 'JPY', { kind: 'increment', increment: '1' }, 'HALF_UP'))).toBe('1235');
    expect(dec(presentAmount('1234', 'JPY', { kind: 'increment', increment: '10' }, 'HALF_UP'))).toBe('1230');
    expect(dec(presentAmount('1235', 'JPY', { kind: 'increment', increment: '10' }, 'HALF_UP'))).toBe('1240');
    expect(dec(presentAmount('1245', 'JPY', { kind: 'increment', increment: '10' }, 'HALF_EVEN'))).toBe('1240');
  });

  it('rounds once from the exact amount: rounding twice can give a different price', () => {
    const tens = { kind: 'increment', increment: '10' } as const;
    expect(dec(presentAmount('1234.5', 'JPY', tens, 'HALF_UP'))).toBe('1230');
    const roundedFirst = '1235'; // 1234.5 already rounded to whole yen
    expect(dec(presentAmount(roundedFirst, 'JPY', tens, 'HALF_UP'))).toBe('1240');
  });

  it('rounds dinar to 5 fils when asked', () => {
    const fiveFils = { kind: 'increment', increment: '0.005' } as const;
    expect(dec(roundToIncrement('4.2526', 'KWD', fiveFils.increment, 'HALF_UP'))).toBe('4.255');
    expect(dec(roundToIncrement('4.2524', 'KWD', fiveFils.increment, 'HALF_UP'))).toBe('4.250');
  });

  it('rejects increments that cannot be paid or make no sense', () => {
    expectDomainError(() => roundToIncrement('1.00', 'EUR', '0.005', 'HALF_UP'), 'BAD_USER_INPUT', '0.005', 'EUR');
    expectDomainError(() => roundToIncrement('1', 'JPY', '0.5', 'HALF_UP'), 'BAD_USER_INPUT', '0.5', 'JPY');
    expectDomainError(() => roundToIncrement('1.00', 'CHF', '0', 'HALF_UP'), 'BAD_USER_INPUT', 'positive');
    expectDomainError(() => roundToIncrement('1.00', 'CHF', '-0.05', 'HALF_UP'), 'BAD_USER_INPUT', 'positive');
  });
});

describe("presentment rule 'charm' (.99 endings)", () => {
  const charm = { kind: 'charm', ending: '0.99' } as const;
  const show = (amount: string) => dec(presentAmount(amount, 'EUR', charm, 'HALF_UP'));

  it('rounds up to the next .99', () => {
    expect(show('10.01')).toBe('10.99');
    expect(show('10.50')).toBe('10.99');
    expect(show('0.40')).toBe('0.99');
  });

  it('keeps a price already ending in .99', () => {
    expect(show('10.99')).toBe('10.99');
  });

  it('turns an exact whole amount into the .99 just below it (€10.00 → €9.99)', () => {
    expect(show('10.00')).toBe('9.99');
    expect(show('1.00')).toBe('0.99');
  });

  it('uses the exact amount: 10.995 lies in (10, 11] and so becomes 10.99', () => {
    expect(show('10.995')).toBe('10.99');
    expect(show('10.0001')).toBe('10.99');
  });

  it('keeps zero at zero and refuses negative amounts', () => {
    expect(show('0')).toBe('0.00');
    expectDomainError(() => show('-5.00'), 'BAD_USER_INPUT', '-5');
  });

  it('supports other endings and 3-decimal currencies', () => {
    expect(dec(charmPrice('12.30', 'EUR', '0.95'))).toBe('12.95');
    expect(dec(charmPrice('13.00', 'EUR', '0.95'))).toBe('12.95');
    expect(dec(charmPrice('4.2505', 'KWD', '0.990'))).toBe('4.990');
  });

  it('rejects endings a currency cannot express or that are not a fraction of a unit', () => {
    expectDomainError(() => charmPrice('1500', 'JPY', '0.99'), 'BAD_USER_INPUT', '0.99', 'JPY');
    expectDomainError(() => charmPrice('10.00', 'EUR', '0.999'), 'BAD_USER_INPUT', '0.999', 'EUR');
    expectDomainError(() => charmPrice('10.00', 'EUR', '0'), 'BAD_USER_INPUT', 'between 0 and 1');
    expectDomainError(() => charmPrice('10.00', 'EUR', '1'), 'BAD_USER_INPUT', 'between 0 and 1');
  });

  it('ignores the mode: the charm rule is its own rounding', () => {
    expect(dec(presentAmount('10.50', 'EUR', charm, 'DOWN'))).toBe('10.99');
  });
});
