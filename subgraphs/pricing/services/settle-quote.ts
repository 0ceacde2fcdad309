import type { PricingContext } from '../context.ts';
import { fxLockIdOf, lockWindowOf, settle, type FxRate, type Money } from '../domain/index.ts';
import type { MarketRecord } from '../records.ts';
import type { SettlementView } from '../views/settlement-view.ts';

/**
 * A quote's total as the merchant is paid it: converted into the settlement currency at `rates` (the request's),
 * with the id and expiry of the lock that would hold that rate in the current lock window.
 */
export function settleQuote(
  quoteId: string,
  priced: { readonly market: MarketRecord; readonly consignment: { readonly total: Money } },
  rates: readonly FxRate[],
  context: Pick<PricingContext, 'now' | 'config'>,
): SettlementView {
  const { market, consignment } = priced;
  const settlement = settle(consignment.total, {
    settlementCurrency: context.config.settlementCurrency,
    rates,
    now: context.now,
    maxAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours,
  });
  const { windowStart, expiresAt } = lockWindowOf(context.now, context.config.fxLockMinutes);
  return { quoteId, market, settlement, lockId: fxLockIdOf(quoteId, settlement, windowStart), expiresAt, now: context.now };
}
