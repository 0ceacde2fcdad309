/** Settings of the pricing subgraph, read once from environment variables when it is built. */
export interface PricingConfig {
  /**
   * Age in hours after which an FX rate is still used but flagged `stale`, unless a market sets its own
   * (`fxMaxAgeHours`). Default 72 (`PRICING_FX_MAX_AGE_HOURS`): the ECB publishes on TARGET business days
   * only, so Friday's fixing is 72 h old when Monday's appears, and a weekend must not flag every price.
   */
  fxMaxAgeHours: number;
}

export const DEFAULT_FX_MAX_AGE_HOURS = 72;

/** Reads the pricing settings from `env`; a malformed value throws, naming the variable. */
export function readPricingConfig(env: NodeJS.ProcessEnv = process.env): PricingConfig {
  const raw = env.PRICING_FX_MAX_AGE_HOURS;
  if (raw === undefined || raw === '') return { fxMaxAgeHours: DEFAULT_FX_MAX_AGE_HOURS };
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0) {
    throw new Error(`PRICING_FX_MAX_AGE_HOURS must be a number of hours ≥ 0, got "${raw}"`);
  }
  return { fxMaxAgeHours: hours };
}
