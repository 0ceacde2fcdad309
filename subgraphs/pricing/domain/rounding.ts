import { Decimal } from 'decimal.js';
import { badUserInput } from '../../common/contract/errors.ts';
import { currencyExponent } from '../../common/contract/currency.ts';
import type { DecimalInput } from './decimal.ts';
import { divideRounded, Exact, RoundingMode } from './exact.ts';
import type { Money } from './money-type.ts';

export { RoundingMode } from './exact.ts';

/** The mode higher-level functions use when the caller does not name one. */
export const DEFAULT_ROUNDING: RoundingMode = RoundingMode.HALF_UP;

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  DOWN: Decimal.ROUND_DOWN,
  UP: Decimal.ROUND_UP,
};

/** An exact amount or rate as pricing computes with it: a decimal string, a Decimal or an {@link Exact}. */
export type ExactInput = DecimalInput | Exact;

/**
 * Reads an exact decimal: a plain decimal string ("12.34"; BAD_USER_INPUT naming `what` otherwise), a finite
 * Decimal, or an {@link Exact} as it is.
 */
export function toExact(value: ExactInput, what: string): Exact {
  if (value instanceof Exact) return value;
  if (typeof value === 'string') return Exact.parse(value, what);
  if (Decimal.isDecimal(value) && value.isFinite()) return Exact.parse(value.toFixed(), what);
  throw badUserInput(`Invalid ${what} "${String(value)}": expected a plain decimal such as "12.34"`, { [what]: String(value) });
}

/**
 * The one rounding function: an exact decimal amount in major units ("12.345" EUR) → integer minor
 * units of `currency` (1235n with HALF_UP), at the currency's ISO 4217 exponent. Exact: bigint arithmetic.
 */
export function roundToMinor(amount: ExactInput, currency: string, mode: RoundingMode): bigint {
  const exponent = currencyExponent(currency);
  const value = toExact(amount, 'amount');
  assertRoundingMode(mode);
  return value.roundedUnits(exponent, mode);
}

/** `roundToMinor`, returned as Money. */
export function roundToMoney(amount: ExactInput, currency: string, mode: RoundingMode): Money {
  return { minor: roundToMinor(amount, currency, mode), currency };
}

/** `numerator ÷ denominator` rounded to the minor unit of `currency` with `mode`, exactly (no intermediate precision). */
export function divideToMoney(numerator: Exact, denominator: Exact, currency: string, mode: RoundingMode): Money {
  assertRoundingMode(mode);
  return { minor: divideRounded(numerator, denominator, currencyExponent(currency), mode), currency };
}

/** Money as an {@link Exact} in major units (1999n EUR → 19.99): no arithmetic, just the exponent beside the units. */
export function moneyToExact(money: Money): Exact {
  return new Exact(money.minor, currencyExponent(money.currency));
}

/** Translates our mode to decimal.js's, failing loudly on anything else (e.g. a typo from config). */
export function roundingOf(mode: RoundingMode): Decimal.Rounding {
  assertRoundingMode(mode);
  return DECIMAL_JS_MODE[mode];
}

function assertRoundingMode(mode: RoundingMode): void {
  if (DECIMAL_JS_MODE[mode] === undefined) throw badUserInput(`Unknown rounding mode "${String(mode)}"`, { rounding: mode });
}

/**
 * How a market wants prices to look once converted — applied to prices pricing computes (FX
 * conversions), never to a price a merchant typed into a local price book.
 * - `exponent`: plain ISO rounding to the currency's minor unit (EUR 12.35, JPY 1235, KWD 4.250).
 * - `increment`: nearest multiple of `increment` in major units: Swiss cash rounding '0.05'
 *   (CHF 12.33 → 12.35), whole units '1', or '10' for round yen (¥1,234 → ¥1,230).
 * - `charm`: a psychological price ending such as '0.99' — see `charmPrice` for the exact rule.
 */
export type PresentmentRule =
  | { readonly kind: 'exponent' }
  | { readonly kind: 'increment'; readonly increment: string }
  | { readonly kind: 'charm'; readonly ending: string };

/**
 * Rounds an exact (unrounded) amount for display in a market. Pass the exact amount rather than an
 * already-rounded Money where you have it: rounding twice can differ from rounding once
 * (¥1,234.5 → ¥1,235 → ¥1,240, but ¥1,234.5 → ¥1,230 to the nearest 10).
 * `mode` decides ties for `exponent` and `increment`; `charm` has its own rule.
 */
export function presentAmount(amount: ExactInput, currency: string, rule: PresentmentRule, mode: RoundingMode): Money {
  switch (rule.kind) {
    case 'exponent':
      return roundToMoney(amount, currency, mode);
    case 'increment':
      return roundToIncrement(amount, currency, rule.increment, mode);
    case 'charm':
      return charmPrice(amount, currency, rule.ending);
    default: {
      const unknown: never = rule;
      throw badUserInput(`Unknown presentment rule ${JSON.stringify(unknown)}`, { rule: unknown });
    }
  }
}

/**
 * Nearest multiple of `increment` (major units), ties by `mode`. The increment must be a whole
 * number of minor units: CHF '0.05' is fine, EUR '0.005' or JPY '0.5' cannot be paid and are rejected.
 */
export function roundToIncrement(amount: ExactInput, currency: string, increment: string, mode: RoundingMode): Money {
  const step = toExact(increment, 'increment');
  assertWholeMinorUnits(step, currency, 'increment', increment);
  if (step.units <= 0n) throw badUserInput(`Rounding increment must be positive, got "${increment}"`, { increment });
  const value = toExact(amount, 'amount');
  assertRoundingMode(mode);
  const steps = divideRounded(value, step, 0, mode);
  return roundToMoney(step.times(Exact.of(steps)), currency, RoundingMode.HALF_UP /* exact already */);
}

/**
 * Charm pricing with an `ending` between 0 and 1 exclusive ('0.99', '0.95', KWD '0.990').
 * Rule: an amount in the whole-unit interval (n−1, n] becomes (n−1) + ending. In words: round up
 * to the next whole unit, then step down to the ending — so with '0.99':
 *   10.01 → 10.99 (up), 10.99 → 10.99 (kept), 10.00 → 9.99 (an exact whole drops one cent, the
 *   classic €10 → €9.99), 0.40 → 0.99, and 0 stays 0 (free stays free).
 * With '0.99' the result is never more than 0.01 below nor 0.99 above the amount. Negative amounts
 * are rejected (charm pricing is for prices, not refunds). Use `{kind:'increment', increment:'1'}`
 * for whole prices; an ending of 0 would make this rule drop a full unit.
 */
export function charmPrice(amount: ExactInput, currency: string, ending: string): Money {
  const tail = toExact(ending, 'ending');
  if (tail.units <= 0n || tail.cmp(Exact.ONE) >= 0) {
    throw badUserInput(`Charm ending must be between 0 and 1 exclusive, got "${ending}"`, { ending });
  }
  assertWholeMinorUnits(tail, currency, 'ending', ending);
  const value = toExact(amount, 'amount');
  if (value.isNegative()) {
    throw badUserInput(`Charm pricing applies to prices, not negative amounts (${value.toString()})`, {
      amount: value.toString(),
    });
  }
  if (value.isZero()) return { minor: 0n, currency };
  return roundToMoney(value.ceil().minus(Exact.ONE).plus(tail), currency, RoundingMode.HALF_UP /* exact already */);
}

/** The presentment rule in words, e.g. `nearest 0.05` for Switzerland or `round up to .99` for a charm ending. */
export function describePresentment(rule: PresentmentRule, currency: string): string {
  switch (rule.kind) {
    case 'exponent': {
      const exponent = currencyExponent(currency);
      return `nearest ${exponent === 0 ? '1' : `0.${'1'.padStart(exponent, '0')}`}`;
    }
    case 'increment':
      return `nearest ${rule.increment}`;
    case 'charm':
      return `round up to ${rule.ending.replace(/^0/, '')}`;
    default: {
      const unknown: never = rule;
      throw new Error(`Unknown presentment rule ${JSON.stringify(unknown)}`);
    }
  }
}

function assertWholeMinorUnits(value: Exact, currency: string, what: string, raw: string): void {
  if (value.decimalPlaces() > currencyExponent(currency)) {
    throw badUserInput(`${what} "${raw}" is finer than the minor unit of ${currency}`, { [what]: raw, currency });
  }
}
