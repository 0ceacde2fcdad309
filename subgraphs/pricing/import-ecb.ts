import { readEcbDays, type EcbProblem } from './domain/ecb.ts';
import type { FxRate } from './domain/index.ts';
import type { PricingModels } from './models.ts';
import { referenceTtlFromEnv } from '../common/reference-cache.ts';
import { markOfExchangeRates, markProjectionStale } from './services/mark-projection-stale.ts';

/** How far an import has got; handed to `onProgress` after every batch written. */
export type EcbImportProgress = {
  readonly days: number;
  readonly rates: number;
  /** The day of the last rate written (ECB history files run newest first). */
  readonly lastDay: string | null;
};

export type EcbImportOptions = {
  /** Rates written per bulk write. Default 2 000: bounded memory, few round trips. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: EcbImportProgress) => void;
  /**
   * How long pricing serves rates from memory (`MERIDIAN_REFERENCE_TTL_MS`): the price projector re-projects the
   * markets that long after the import, when product pages show the new rates. Default: from the environment.
   */
  readonly referenceTtlMs?: number;
};

export type EcbImportResult = {
  /** Days read. */
  readonly days: number;
  /** Rates read and written. */
  readonly rates: number;
  /** Rates that were new. */
  readonly inserted: number;
  /** Rates that existed with another value (a correction) and were replaced. */
  readonly updated: number;
  /** Rates already stored exactly so: a re-import leaves every rate here. */
  readonly unchanged: number;
  /** Rows skipped as malformed, each with its line. */
  readonly skipped: readonly EcbProblem[];
  /** The oldest and newest day read (null when none). */
  readonly first: Date | null;
  readonly last: Date | null;
  /** The newest day's fixing (same as `last`; kept for callers of the daily import). */
  readonly asOf: Date | null;
};

const DEFAULT_BATCH = 2_000;

/**
 * Streams an ECB euro reference-rate file — daily (`eurofxref-daily.xml`) or full history
 * (`eurofxref-hist.xml`) — into the `fx_rates` collection. Rates keep their publication time, so history
 * accumulates and conversions use the newest rate published by "now". Idempotent: each rate is upserted by
 * (base, quote, asOf, source) and re-importing a file changes nothing (`unchanged` counts them). Malformed
 * rows are skipped and returned with their lines; the rest of the file lands. A file that is not the ECB
 * format at all is BAD_USER_INPUT before anything is written. `input` is the whole text or a stream of
 * chunks (a file read stream), read one batch ahead of the database.
 */
export async function importEcbRates(
  models: PricingModels,
  input: string | AsyncIterable<string | Uint8Array>,
  options: EcbImportOptions = {},
): Promise<EcbImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const skipped: EcbProblem[] = [];
  const totals = { days: 0, rates: 0, inserted: 0, updated: 0, unchanged: 0 };
  let first: Date | null = null;
  let last: Date | null = null;
  let lastDay: string | null = null;
  let batch: FxRate[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const written = batch;
    batch = [];
    const result = await models.FxRate.bulkWrite(
      written.map((rate) => ({
        updateOne: {
          filter: { base: rate.base, quote: rate.quote, asOf: rate.asOf, source: rate.source },
          update: { $set: { rate: rate.rate } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    totals.inserted += result.upsertedCount;
    totals.updated += result.modifiedCount;
    totals.unchanged += result.matchedCount - result.modifiedCount;
    totals.rates += written.length;
    options.onProgress?.({ days: totals.days, rates: totals.rates, lastDay });
  };

  for await (const day of readEcbDays(typeof input === 'string' ? [input] : input, skipped)) {
    totals.days += 1;
    skipped.push(...day.problems);
    if (!first || day.asOf < first) first = day.asOf;
    if (!last || day.asOf > last) last = day.asOf;
    lastDay = day.time;
    batch.push(...day.rates);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (totals.inserted + totals.updated > 0) {
    // Published later than now, a rate shows from its publication on.
    const shownFrom = last && last.getTime() > Date.now() ? last : new Date();
    await markProjectionStale(models, [markOfExchangeRates(shownFrom, options.referenceTtlMs ?? referenceTtlFromEnv())]);
  }
  skipped.sort((a, b) => a.line - b.line);
  return { ...totals, skipped, first, last, asOf: last };
}
