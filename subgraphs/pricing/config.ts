import { isCurrencyCode } from '../common/contract/currency.ts';
import { ConfigError } from '../common/config-error.ts';

/** Settings of the pricing subgraph, read once from environment variables when it is built. */
export interface PricingConfig {
  /**
   * Age in hours after which an FX rate is still used but flagged `stale`, unless a market sets its own
   * (`fxMaxAgeHours`). Default 72 (`PRICING_FX_MAX_AGE_HOURS`): the ECB publishes on TARGET business days
   * only, so Friday's fixing is 72 h old when Monday's appears, and a weekend must not flag every price.
   */
  fxMaxAgeHours: number;
  /**
   * ISO 4217 currency the merchant is paid out in; quote totals are converted into it for `Quote.settlement`.
   * Default `EUR` (`MERIDIAN_SETTLEMENT_CURRENCY`).
   */
  settlementCurrency: string;
  /** Minutes an exchange-rate lock is guaranteed to hold at least. Default 15 (`MERIDIAN_FX_LOCK_MINUTES`). */
  fxLockMinutes: number;
}

export const DEFAULT_FX_MAX_AGE_HOURS = 72;
export const DEFAULT_SETTLEMENT_CURRENCY = 'EUR';
export const DEFAULT_FX_LOCK_MINUTES = 15;

/** Reads the pricing settings from `env`; a malformed value throws, naming the variable. */
export function readPricingConfig(env: NodeJS.ProcessEnv = process.env): PricingConfig {
  return {
    fxMaxAgeHours: readFxMaxAgeHours(env.PRICING_FX_MAX_AGE_HOURS),
    settlementCurrency: readSettlementCurrency(env.MERIDIAN_SETTLEMENT_CURRENCY),
    fxLockMinutes: readFxLockMinutes(env.MERIDIAN_FX_LOCK_MINUTES),
  };
}

function readFxMaxAgeHours(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_FX_MAX_AGE_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0) {
    throw new ConfigError('PRICING_FX_MAX_AGE_HOURS', `PRICING_FX_MAX_AGE_HOURS must be a number of hours ≥ 0, got "${raw}"`);
  }
  return hours;
}

function readSettlementCurrency(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_SETTLEMENT_CURRENCY;
  if (!isCurrencyCode(raw)) {
    throw new ConfigError(
      'MERIDIAN_SETTLEMENT_CURRENCY',
      `MERIDIAN_SETTLEMENT_CURRENCY must be an ISO 4217 currency code such as EUR, got "${String(raw).slice(0, 16)}"`,
    );
  }
  return raw;
}

function readFxLockMinutes(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_FX_LOCK_MINUTES;
  const minutes = Number(raw);
  if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw new ConfigError(
      'MERIDIAN_FX_LOCK_MINUTES',
      `MERIDIAN_FX_LOCK_MINUTES must be a whole number of minutes from 1 to 1440, got "${raw.slice(0, 16)}"`,
    );
  }
  return minutes;
}
