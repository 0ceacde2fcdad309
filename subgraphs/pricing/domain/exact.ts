import { badUserInput } from '../../common/contract/errors.ts';

/**
 * How an exact decimal becomes a coarser one. Always named at the call site: pricing never rounds implicitly.
 * - HALF_UP: nearest, ties away from zero ("commercial" rounding: 0.125 → 0.13, −0.125 → −0.13).
 * - HALF_EVEN: nearest, ties to the even neighbour (banker's rounding: 0.125 → 0.12, 0.135 → 0.14).
 * - DOWN: towards zero (truncate).
 * - UP: away from zero.
 */
export const RoundingMode = {
  HALF_UP: 'HALF_UP',
  HALF_EVEN: 'HALF_EVEN',
  DOWN: 'DOWN',
  UP: 'UP',
} as const;
export type RoundingMode = (typeof RoundingMode)[keyof typeof RoundingMode];

// 10^n as a bigint for the scales prices reach (a rate of 12 digits × a price × a tax rate stays well below 64).
const POWERS = Array.from({ length: 64 }, (_, n) => 10n ** BigInt(n));
function tenToThe(n: number): bigint {
  return POWERS[n] ?? 10n ** BigInt(n);
}

/**
 * An exact decimal: `units × 10^−scale` with bigint units — prices, rates and their products without any
 * rounding. Sums and products of finite decimals are finite decimals, so the only rounding pricing does is the
 * one it names (`round`, `divideRounded`). Immutable.
 */
export class Exact {
  readonly units: bigint;
  /** Decimal places of `units` (≥ 0); not normalised: 249.00 may be 24900 at scale 2. */
  readonly scale: number;

  constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static readonly ZERO = new Exact(0n, 0);
  static readonly ONE = new Exact(1n, 0);

  /** An integer count of `10^−scale` units: minor units (1999n, 2) → 19.99, basis points (150, 4) → 0.015. */
  static of(units: bigint | number, scale = 0): Exact {
    return new Exact(BigInt(units), scale);
  }

  /**
   * Parses a plain decimal ("12.34", "-0.5", "19"), exactly; `what` names the value in the error.
   * No exponent, "+", spaces, ".5" or "5.": amounts and rates come from data files and APIs, where anything
   * looser is more likely a bug.
   */
  static parse(text: string, what = 'amount'): Exact {
    if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) {
      throw badUserInput(`Invalid ${what} "${String(text)}": expected a plain decimal such as "12.34"`, { [what]: String(text) });
    }
    const dot = text.indexOf('.');
    return dot < 0 ? new Exact(BigInt(text), 0) : new Exact(BigInt(text.slice(0, dot) + text.slice(dot + 1)), text.length - dot - 1);
  }

  plus(other: Exact): Exact {
    if (this.scale === other.scale) return new Exact(this.units + other.units, this.scale);
    return this.scale > other.scale
      ? new Exact(this.units + other.units * tenToThe(this.scale - other.scale), this.scale)
      : new Exact(this.units * tenToThe(other.scale - this.scale) + other.units, other.scale);
  }

  minus(other: Exact): Exact {
    return this.plus(other.negated());
  }

  times(other: Exact): Exact {
    return new Exact(this.units * other.units, this.scale + other.scale);
  }

  negated(): Exact {
    return new Exact(-this.units, this.scale);
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  isNegative(): boolean {
    return this.units < 0n;
  }

  isInteger(): boolean {
    return this.units % tenToThe(this.scale) === 0n;
  }

  /** −1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: Exact): -1 | 0 | 1 {
    let left = this.units;
    let right = other.units;
    if (this.scale > other.scale) right *= tenToThe(this.scale - other.scale);
    else if (this.scale < other.scale) left *= tenToThe(other.scale - this.scale);
    return left < right ? -1 : left > right ? 1 : 0;
  }

  eq(other: Exact): boolean {
    return this.cmp(other) === 0;
  }

  /** Rounded to `scale` decimal places with `mode`, as units of `10^−scale` (e.g. minor units for scale 2). */
  roundedUnits(scale: number, mode: RoundingMode): bigint {
    if (scale >= this.scale) return this.units * tenToThe(scale - this.scale);
    return divideRounding(this.units, tenToThe(this.scale - scale), mode);
  }

  /** The smallest integer not below this value. */
  ceil(): Exact {
    if (this.scale === 0) return this;
    const unit = tenToThe(this.scale);
    const whole = this.units / unit; // towards zero
    return new Exact(this.units > 0n && this.units % unit !== 0n ? whole + 1n : whole, 0);
  }

  /** Trailing zeros dropped: 249.00 → 249, 0.50 → 0.5. */
  normalized(): Exact {
    let { units, scale } = this;
    if (units === 0n) return scale === 0 ? this : new Exact(0n, 0);
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }
    return scale === this.scale ? this : new Exact(units, scale);
  }

  /** Decimal places needed to write the value exactly (trailing zeros do not count): 249.00 → 0, 5.6772 → 4. */
  decimalPlaces(): number {
    return this.normalized().scale;
  }

  /** Plain notation with the fewest decimals that are exact: "249", "5.6772", "-0.05" (never an exponent). */
  toString(): string {
    const { units, scale } = this.normalized();
    return writeUnits(units, scale);
  }

  /**
   * Plain notation with exactly `places` decimals, rounded half-even where the value has more (the rounding
   * of pricing's decimal.js constructor, which this replaces in explanations).
   */
  toFixed(places: number): string {
    return writeUnits(this.roundedUnits(places, RoundingMode.HALF_EVEN), places);
  }
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Memoises a pure function of a rate string (a tax or duty rate from the reference tables, a handful of distinct
 * values): parsed and checked once, not once per price. At most `bound` entries; when full it starts over.
 * A call that throws is not kept.
 */
export function memoisedByText<T>(compute: (text: string) => T, bound = 256): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = compute(text);
      if (memo.size >= bound) memo.clear();
      memo.set(text, value);
    }
    return value;
  };
}

function writeUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.length > scale ? digits : digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  return negative ? `-${text}` : text;
}

/**
 * `numerator ÷ denominator` (denominator > 0) rounded to an integer with `mode`, exactly: the remainder decides,
 * so no intermediate precision can tip a tie.
 */
export function divideRounding(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator; // truncates towards zero
  const remainder = numerator % denominator; // sign of the numerator
  if (remainder === 0n) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  switch (mode) {
    case RoundingMode.DOWN:
      return quotient;
    case RoundingMode.UP:
      return away;
    case RoundingMode.HALF_UP:
    case RoundingMode.HALF_EVEN: {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      if (twice > denominator) return away;
      if (twice < denominator) return quotient;
      return mode === RoundingMode.HALF_UP || quotient % 2n !== 0n ? away : quotient;
    }
    default: {
      const unknown: never = mode;
      throw badUserInput(`Unknown rounding mode "${String(unknown)}"`, { rounding: unknown });
    }
  }
}

/** `numerator ÷ denominator` rounded to `scale` decimal places with `mode`, as units of 10^−scale; exact. */
export function divideRounded(numerator: Exact, denominator: Exact, scale: number, mode: RoundingMode): bigint {
  if (denominator.isZero()) throw new RangeError('Division by zero');
  // n/10^a ÷ d/10^b = n × 10^(b + scale − a) / d, in units of 10^−scale.
  const shift = denominator.scale + scale - numerator.scale;
  let top = shift >= 0 ? numerator.units * tenToThe(shift) : numerator.units;
  let bottom = shift >= 0 ? denominator.units : denominator.units * tenToThe(-shift);
  if (bottom < 0n) {
    top = -top;
    bottom = -bottom;
  }
  return divideRounding(top, bottom, mode);
}
