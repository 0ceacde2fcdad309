import { createHash } from 'node:crypto';
import { DomainError, ErrorCode, badUserInput, notFound } from '../../common/contract/errors.ts';
import { convert, type FxRate } from './fx.ts';
import type { Money } from './money.ts';
import { toDecimalString } from './money.ts';
import { RoundingMode } from './rounding.ts';

/**
 * Settlement: what the merchant receives for a quote, in its settlement currency. The shopper's total (in the
 * presentment currency) is converted at the reference rate WITHOUT margin: the market's FX margin is already in
 * the prices the shopper sees, and charging it again on the way back would count it twice. Rounded half-even
 * (unbiased over many settlements) to the settlement currency's minor unit.
 */
export const SETTLEMENT_ROUNDING = RoundingMode.HALF_EVEN;

export type Settlement = {
  readonly presentment: Money;
  readonly settlement: Money;
  /** Units of the settlement currency per unit of the presentment currency, exactly as applied ("1" when equal). */
  readonly rate: string;
  readonly rateAsOf: Date;
  readonly rateSource: string;
};

export type SettleOptions = {
  readonly settlementCurrency: string;
  readonly rates: readonly FxRate[];
  readonly now: Date;
  /** A rate older than this is still used (the conversion flags it) — settlement never fails a checkout on age. */
  readonly maxAgeHours: number;
};

/** Converts a quote total into the settlement currency (see {@link SETTLEMENT_ROUNDING} for margin and rounding). */
export function settle(total: Money, options: SettleOptions): Settlement {
  const conversion = convert(total, options.settlementCurrency, options.rates, {
    now: options.now,
    maxAgeHours: options.maxAgeHours,
    marginBps: 0,
    rounding: SETTLEMENT_ROUNDING,
  });
  return {
    presentment: total,
    settlement: conversion.money,
    rate: conversion.rate,
    rateAsOf: conversion.asOf,
    rateSource: conversion.source,
  };
}

/**
 * The lock window a moment falls in, and when a lock issued in it expires. Windows are aligned to multiples of
 * the lock length, and a lock lasts until one full length after its window ends: whenever in the window it is
 * issued, it holds at least `lockMinutes` (15 min by default: issued 10:00–10:14:59, valid until 10:30), and
 * every request of one window with the same quote and rate gets the same lock.
 */
export function lockWindowOf(now: Date, lockMinutes: number): { windowStart: Date; expiresAt: Date } {
  const length = lockMinutes * 60_000;
  const start = now.getTime() - (now.getTime() % length);
  return { windowStart: new Date(start), expiresAt: new Date(start + 2 * length) };
}

/**
 * The id of the lock fixing `settlement` for `quoteId` in the window starting at `windowStart`: a hash of
 * everything the lock fixes (quote, both amounts, rate) and the window, so the same quote, amounts, rate and
 * window give the same id, and a different rate a different lock. Prefixed `fxl_` so it reads as what it is in logs.
 */
export function fxLockIdOf(quoteId: string, settlement: Settlement, windowStart: Date): string {
  const key = [
    quoteId,
    settlement.presentment.currency,
    toDecimalString(settlement.presentment),
    settlement.settlement.currency,
    toDecimalString(settlement.settlement),
    settlement.rate,
    // Not `rateAsOf`: an identity conversion dates its rate "now", which would give every request its own lock.
    windowStart.toISOString(),
  ].join('|');
  return `fxl_${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

/** What checking a lock needs. */
export type FxLockState = { readonly quoteId: string; readonly expiresAt: Date; readonly confirmedAt?: Date | null };

/**
 * Whether a checkout may pay with a lock: unknown → NOT_FOUND, another quote's → BAD_USER_INPUT, expired at
 * `now` (expiry instant included) → FX_LOCK_EXPIRED, telling the shopper to ask for the quote again. A lock
 * confirmed in time stays usable for its quote, so retrying a confirmation that already succeeded is harmless.
 */
export function assertLockUsable<Lock extends FxLockState>(lock: Lock | null, fxLockId: string, quoteId: string, now: Date): Lock {
  if (!lock) {
    throw notFound(`No exchange-rate lock ${fxLockId}; take fxLock.id from Quote.settlement`, { fxLockId });
  }
  if (lock.quoteId !== quoteId) {
    throw badUserInput(`Exchange-rate lock ${fxLockId} belongs to another quote than ${quoteId}`, { fxLockId, quoteId });
  }
  if (!lock.confirmedAt && now.getTime() >= lock.expiresAt.getTime()) {
    throw new DomainError(
      ErrorCode.FX_LOCK_EXPIRED,
      `The exchange-rate lock ${fxLockId} expired at ${lock.expiresAt.toISOString()}; request the quote again for a new lock`,
      { fxLockId, expiresAt: lock.expiresAt.toISOString() },
    );
  }
  return lock;
}
