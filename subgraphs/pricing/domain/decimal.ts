import { Decimal } from 'decimal.js';
import { badUserInput } from '../../common/contract/errors.ts';

/**
 * Our own decimal.js constructor. A clone keeps pricing's precision independent of — and from
 * interfering with — anyone else's global `Decimal.set(...)`. 40 significant digits is far more than
 * any price × FX rate × tax rate product needs, so intermediate results are exact in practice; the
 * only rounding that matters is the explicit one in `rounding.ts`.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

/** A decimal given as an exact string ("12.34") or an already-parsed Decimal; never a JS number. */
export type DecimalInput = string | Decimal;

// Plain positional notation only: no exponent ("1e3"), no "+", no spaces, no ".5" or "5." —
// amounts and rates arrive from APIs and data files, where anything looser is more likely a bug.
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/**
 * Parses an exact decimal string, or passes a Decimal through. `what` names the value in the
 * error so a caller sees e.g. `Invalid amount "12,5"` rather than a decimal.js message.
 */
export function toDecimal(value: DecimalInput, what: string): Decimal {
  if (typeof value === 'string') {
    if (!DECIMAL_PATTERN.test(value)) throw invalidDecimal(value, what);
    return new Dec(value);
  }
  if (Decimal.isDecimal(value) && value.isFinite()) return new Dec(value);
  throw invalidDecimal(String(value), what);
}

function invalidDecimal(value: string, what: string): Error {
  return badUserInput(`Invalid ${what} "${value}": expected a plain decimal such as "12.34"`, { [what]: value });
}
