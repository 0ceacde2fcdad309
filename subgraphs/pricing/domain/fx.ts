import { badUserInput, dataUnavailable } from '../../common/contract/errors.ts';
import { assertCurrency } from '../../common/contract/currency.ts';
import { Dec, toDecimal } from './decimal.ts';
import type { Money } from './money.ts';
import { moneyToDecimal, roundToMinor, type RoundingMode } from './rounding.ts';

/**
 * One published exchange rate: 1 `base` = `rate` `quote` (ECB: base EUR, quote USD, rate "1.1523").
 * `rate` is a decimal string, exact as published; `asOf` is when it was fixed.
 */
export type FxRate = {
  readonly base: string;
  readonly quote: string;
  readonly rate: string;
  readonly source: string;
  readonly asOf: Date;
};

/** How a conversion found its rate, so the API and logs can say so. */
export const FxRoute = {
  IDENTITY: 'IDENTITY',
  DIRECT: 'DIRECT',
  INVERSE: 'INVERSE',
  CROSS: 'CROSS',
} as const;
export type FxRoute = (typeof FxRoute)[keyof typeof FxRoute];

export type ConvertOptions = {
  /** The clock: rates dated after `now` are not yet published and are ignored; staleness is measured from it. */
  readonly now: Date;
  /** A rate older than this is still used but flagged `stale: true` (ECB rates are ~64 h old on a Monday morning). */
  readonly maxAgeHours: number;
  /** Conversion margin in basis points (100 = 1 %), applied in the shopper's disfavour: it raises the amount. Default 0. */
  readonly marginBps?: number;
  /** How the converted amount is rounded to the target currency's minor unit. */
  readonly rounding: RoundingMode;
  /** The currency cross rates go through when there is no direct or inverse rate. Default 'EUR', as the ECB publishes. */
  readonly pivot?: string;
};

export type Conversion = {
  /** The converted amount, rounded to the target currency's minor unit with `rounding`. */
  readonly money: Money;
  /** The converted amount before rounding — feed this to presentment rules to avoid rounding twice. */
  readonly exactAmount: string;
  /** The rate actually applied, margin included (amount × rate = exactAmount). */
  readonly rate: string;
  /** The published (or derived) rate before the margin: rate = referenceRate × (1 + marginBps/10 000). */
  readonly referenceRate: string;
  /** True when the oldest rate used is older than `maxAgeHours` at `now`. */
  readonly stale: boolean;
  /** When the (oldest) rate used was fixed; `now` for an identity conversion. */
  readonly asOf: Date;
  /** Source(s) of the rate(s), e.g. "ECB" or "ECB+illustrative" for a cross rate. */
  readonly source: string;
  readonly route: FxRoute;
};

// Inverse and cross rates are rounded to this many significant digits before use, so the rate we
// report is exactly the rate we applied. 12 digits keep the error below a yen on ¥100 billion.
const DERIVED_RATE_DIGITS = 12;
const BPS_PER_UNIT = 10_000;

type Leg = { rate: Dec; asOf: Date; source: string; inverse: boolean };

/**
 * Converts `money` into `toCurrency`: identity for the same currency, else the newest published
 * direct rate, else the inverse of the reverse rate, else a cross rate through `pivot` (EUR).
 * A stale rate is used but flagged rather than failing the page; a missing rate is BAD_USER_INPUT
 * naming both currencies.
 */
export function convert(
  money: Money,
  toCurrency: string,
  rates: readonly FxRate[],
  options: ConvertOptions,
): Conversion {
  const from = assertCurrency(money.currency);
  const to = assertCurrency(toCurrency);
  const { now, maxAgeHours, rounding } = options;
  assertValidClock(now);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours < 0) {
    throw badUserInput(`maxAgeHours must be a number ≥ 0, got ${maxAgeHours}`, { maxAgeHours });
  }
  const amount = moneyToDecimal(money);

  if (from === to) {
    // No exchange happens, so no margin is charged either.
    return {
      money,
      exactAmount: amount.toString(),
      rate: '1',
      referenceRate: '1',
      stale: false,
      asOf: now,
      source: 'identity',
      route: FxRoute.IDENTITY,
    };
  }

  const pivot = assertCurrency(options.pivot ?? 'EUR');
  const legs = findRoute(from, to, pivot, rates, now);
  if (!legs) {
    // The currencies are valid (checked above); a missing rate is missing reference data, our fault.
    throw dataUnavailable(`No exchange rate from ${from} to ${to} (directly, inversely or via ${pivot})`, {
      from,
      to,
    });
  }

  const derived = legs.length > 1 || legs[0]?.inverse === true;
  let rate = legs.reduce((product, leg) => product.times(leg.rate), new Dec(1));
  if (derived) rate = rate.toSignificantDigits(DERIVED_RATE_DIGITS, Dec.ROUND_HALF_EVEN);
  const referenceRate = rate;
  rate = rate.times(marginFactor(options.marginBps ?? 0));

  const asOf = new Date(Math.min(...legs.map((leg) => leg.asOf.getTime())));
  const exact = amount.times(rate);
  return {
    money: { minor: roundToMinor(exact, to, rounding), currency: to },
    exactAmount: exact.toString(),
    rate: rate.toString(),
    referenceRate: referenceRate.toString(),
    stale: now.getTime() - asOf.getTime() > maxAgeHours * 3_600_000,
    asOf,
    source: [...new Set(legs.map((leg) => leg.source))].join('+'),
    route: legs.length > 1 ? FxRoute.CROSS : legs[0]?.inverse ? FxRoute.INVERSE : FxRoute.DIRECT,
  };
}

/** 1 + bps/10 000: a 150 bps margin turns 1.1523 into 1.1523 × 1.015. */
function marginFactor(marginBps: number): Dec {
  if (!Number.isSafeInteger(marginBps) || marginBps < 0 || marginBps >= BPS_PER_UNIT) {
    throw badUserInput(`FX margin must be whole basis points from 0 to 9999, got ${marginBps}`, { marginBps });
  }
  return new Dec(1).plus(new Dec(marginBps).div(BPS_PER_UNIT));
}

function findRoute(from: string, to: string, pivot: string, rates: readonly FxRate[], now: Date): Leg[] | null {
  const single = findLeg(from, to, rates, now);
  if (single) return [single];
  if (from === pivot || to === pivot) return null;
  const first = findLeg(from, pivot, rates, now);
  const second = findLeg(pivot, to, rates, now);
  return first && second ? [first, second] : null;
}

/** The newest rate for from→to published by `now`, direct or inverted; direct wins a tie. */
function findLeg(from: string, to: string, rates: readonly FxRate[], now: Date): Leg | undefined {
  let best: Leg | undefined;
  for (const candidate of rates) {
    const direct = candidate.base === from && candidate.quote === to;
    const inverse = candidate.base === to && candidate.quote === from;
    if (!(direct || inverse) || candidate.asOf.getTime() > now.getTime()) continue;
    if (best && (candidate.asOf < best.asOf || (candidate.asOf.getTime() === best.asOf.getTime() && inverse))) continue;
    const published = toDecimal(candidate.rate, 'rate');
    if (published.lte(0)) {
      throw badUserInput(`Exchange rate ${candidate.base}/${candidate.quote} must be positive, got "${candidate.rate}"`, {
        base: candidate.base,
        quote: candidate.quote,
      });
    }
    best = {
      rate: direct ? published : new Dec(1).div(published),
      asOf: candidate.asOf,
      source: candidate.source,
      inverse,
    };
  }
  return best;
}

function assertValidClock(now: Date): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw badUserInput('`now` must be a valid Date', { now: String(now) });
  }
}
