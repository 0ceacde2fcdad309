import { badUserInput, dataUnavailable } from '../../common/contract/errors.ts';
import { assertCurrency } from '../../common/contract/currency.ts';
import { Dec, toDecimal } from './decimal.ts';
import { Exact } from './exact.ts';
import type { Money } from './money.ts';
import { moneyToExact, roundToMinor, type RoundingMode } from './rounding.ts';

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
  /** `exactAmount` as an exact value, for computing on without parsing it again. */
  readonly exactValue: Exact;
  /** The rate actually applied, margin included (amount × rate = exactAmount). */
  readonly rate: string;
  /** The published (or derived) rate before the margin: rate = referenceRate × (1 + marginBps/10 000). */
  readonly referenceRate: string;
  /** `referenceRate` as an exact value. */
  readonly referenceRateValue: Exact;
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
export function convert(money: Money, toCurrency: string, rates: readonly FxRate[], options: ConvertOptions): Conversion {
  const from = assertCurrency(money.currency);
  const to = assertCurrency(toCurrency);
  const { now, maxAgeHours, rounding } = options;
  assertValidClock(now);
  if (!Number.isFinite(maxAgeHours) || maxAgeHours < 0) {
    throw badUserInput(`maxAgeHours must be a number ≥ 0, got ${maxAgeHours}`, { maxAgeHours });
  }
  const amount = moneyToExact(money);

  if (from === to) {
    // No exchange happens, so no margin is charged either.
    return {
      money,
      exactAmount: amount.toString(),
      exactValue: amount,
      rate: '1',
      referenceRate: '1',
      referenceRateValue: Exact.ONE,
      stale: false,
      asOf: now,
      source: 'identity',
      route: FxRoute.IDENTITY,
    };
  }

  const pivot = assertCurrency(options.pivot ?? 'EUR');
  const route = routeOf(from, to, pivot, rates, now);
  const referenceRate = route.rate;
  const rate = referenceRate.times(marginFactor(options.marginBps ?? 0));
  const exact = amount.times(rate);
  return new ExactConversion(
    { minor: roundToMinor(exact, to, rounding), currency: to },
    exact,
    rate,
    route,
    now.getTime() - route.asOf.getTime() > maxAgeHours * 3_600_000,
  );
}

/**
 * A conversion through a rate: a class, so that the decimal strings (`exactAmount`, `rate`) are prototype getters
 * written out only when read — a product price computes with `exactValue` and shows `rate` only if asked.
 */
class ExactConversion implements Conversion {
  readonly money: Money;
  readonly exactValue: Exact;
  readonly #rate: Exact;
  readonly referenceRate: string;
  readonly referenceRateValue: Exact;
  readonly stale: boolean;
  readonly asOf: Date;
  readonly source: string;
  readonly route: FxRoute;

  constructor(money: Money, exact: Exact, rate: Exact, route: Route, stale: boolean) {
    this.money = money;
    this.exactValue = exact;
    this.#rate = rate;
    this.referenceRate = route.rateText;
    this.referenceRateValue = route.rate;
    this.stale = stale;
    this.asOf = route.asOf;
    this.source = route.source;
    this.route = route.route;
  }

  get exactAmount(): string {
    return this.exactValue.toString();
  }

  get rate(): string {
    return this.#rate.toString();
  }
}

/** A currency pair's rate as found in a set of rates: what `convert` applies before its margin. */
type Route = {
  /** The published rate, or the derived (inverse or cross) one rounded to {@link DERIVED_RATE_DIGITS} digits. */
  readonly rate: Exact;
  readonly rateText: string;
  /** When the (oldest) rate used was fixed. */
  readonly asOf: Date;
  readonly source: string;
  readonly route: FxRoute;
};

/**
 * Routes found in a set of rates, per pair. A route depends on `now` only through the rates not yet published
 * at `now`: once `now` is past the newest rate of the set, it is a pure function of the set and the pair, so it
 * is found once per set (a reference snapshot, replaced as a whole when rates are read again — the WeakMap lets
 * the routes go with it) instead of once per price. At most one entry per pair of the set's currencies.
 */
const routesBySet = new WeakMap<readonly FxRate[], RouteMemo>();
type RouteMemo = { readonly size: number; readonly newest: number; readonly routes: Map<string, Route | null> };

function routeMemoOf(rates: readonly FxRate[]): RouteMemo {
  const known = routesBySet.get(rates);
  // An array changed in place (a test adding a rate) is a new set.
  if (known && known.size === rates.length) return known;
  let newest = -Infinity;
  for (const rate of rates) newest = Math.max(newest, rate.asOf.getTime());
  const memo = { size: rates.length, newest, routes: new Map<string, Route | null>() };
  routesBySet.set(rates, memo);
  return memo;
}

function routeOf(from: string, to: string, pivot: string, rates: readonly FxRate[], now: Date): Route {
  const memo = routeMemoOf(rates);
  const memoisable = now.getTime() >= memo.newest;
  const key = `${from}>${to}/${pivot}`;
  let route = memoisable ? memo.routes.get(key) : undefined;
  if (route === undefined) {
    route = findRoutedRate(from, to, pivot, rates, now);
    if (memoisable) memo.routes.set(key, route);
  }
  if (!route) {
    // The currencies are valid (checked above); a missing rate is missing reference data, our fault.
    throw dataUnavailable(`No exchange rate from ${from} to ${to} (directly, inversely or via ${pivot})`, {
      from,
      to,
    });
  }
  return route;
}

function findRoutedRate(from: string, to: string, pivot: string, rates: readonly FxRate[], now: Date): Route | null {
  const legs = findRoute(from, to, pivot, rates, now);
  if (!legs) return null;
  const derived = legs.length > 1 || legs[0]?.inverse === true;
  let rate = legs.reduce((product, leg) => product.times(leg.rate), new Dec(1));
  if (derived) rate = rate.toSignificantDigits(DERIVED_RATE_DIGITS, Dec.ROUND_HALF_EVEN);
  const rateText = rate.toString();
  return {
    rate: Exact.parse(rate.toFixed(), 'rate'),
    rateText,
    asOf: new Date(Math.min(...legs.map((leg) => leg.asOf.getTime()))),
    source: [...new Set(legs.map((leg) => leg.source))].join('+'),
    route: legs.length > 1 ? FxRoute.CROSS : legs[0]?.inverse ? FxRoute.INVERSE : FxRoute.DIRECT,
  };
}

/** 1 + bps/10 000: a 150 bps margin turns 1.1523 into 1.1523 × 1.015. */
function marginFactor(marginBps: number): Exact {
  if (!Number.isSafeInteger(marginBps) || marginBps < 0 || marginBps >= BPS_PER_UNIT) {
    throw badUserInput(`FX margin must be whole basis points from 0 to 9999, got ${marginBps}`, { marginBps });
  }
  return Exact.of(BPS_PER_UNIT + marginBps, 4);
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
