import DataLoader from 'dataloader';
import { createGroupedLoader, createKeyedLoader, MAX_IN_BATCH } from '../common/loaders.ts';
import type { DeMinimis, FxRate, LocalPrice, TaxRate } from './domain/index.ts';
import {
  toBasePrice,
  toDeMinimis,
  toDutyRate,
  toFxRate,
  toLocalPrice,
  toMarket,
  toTaxRate,
  type BasePriceRecord,
  type DutyRateRecord,
  type MarketRecord,
} from './mappers.ts';
import type {
  BasePriceDocument,
  DeMinimisDocument,
  DutyRateDocument,
  FxRateDocument,
  MarketDocument,
  PriceBookEntryDocument,
  PricingModels,
  TaxRateDocument,
} from './models.ts';

export type { BasePriceRecord, DutyRateRecord, MarketRecord } from './mappers.ts';

/**
 * Per-request loaders of the pricing subgraph. Keyed loaders send one `$in` query per collection per tick;
 * markets and FX rates are small reference sets, loaded once per request on first use and shared. So pricing
 * 1 or 100 products costs the same handful of queries.
 */
export interface PricingLoaders {
  basePriceByProduct: DataLoader<string, BasePriceRecord | null>;
  localPricesByProduct: DataLoader<string, LocalPrice[]>;
  taxRatesByCountry: DataLoader<string, TaxRate[]>;
  /** Duty rates that may apply to an HS code in a destination; key from {@link dutyRateKey}. */
  dutyRatesByHsCode: DataLoader<string, DutyRateRecord[]>;
  deMinimisByDestination: DataLoader<string, DeMinimis | null>;
  /** Every market we sell to, ordered by country. */
  markets(): Promise<MarketRecord[]>;
  /** The newest rate of every currency pair published by the request's "now". */
  fxRates(): Promise<FxRate[]>;
}

/** Key of `dutyRatesByHsCode`: destination and HS code, e.g. `DE:610910`. */
export function dutyRateKey(destination: string, hsCode: string): string {
  return `${destination}:${hsCode}`;
}

// The driver's first batch holds 101 documents; asking for more keeps every batch one round trip.
const FIRST_BATCH = MAX_IN_BATCH * 10;

export function createPricingLoaders(models: PricingModels, now: Date): PricingLoaders {
  return {
    basePriceByProduct: createKeyedLoader(
      async (ids) =>
        (await models.BasePrice.find({ productId: { $in: [...ids] } }).batchSize(FIRST_BATCH).lean<BasePriceDocument[]>()).map(
          toBasePrice,
        ),
      (price) => price.productId,
    ),
    localPricesByProduct: createGroupedLoader(
      async (ids) =>
        (
          await models.PriceBookEntry.find({ productId: { $in: [...ids] } })
            .batchSize(FIRST_BATCH)
            .lean<PriceBookEntryDocument[]>()
        ).map(toLocalPrice),
      (price) => price.productId,
    ),
    taxRatesByCountry: createGroupedLoader(
      async (countries) =>
        (await models.TaxRate.find({ country: { $in: [...countries] } }).lean<TaxRateDocument[]>()).map(toTaxRate),
      (rate) => rate.country,
    ),
    dutyRatesByHsCode: new DataLoader<string, DutyRateRecord[]>(
      (keys) => loadDutyRates(models, keys),
      { maxBatchSize: MAX_IN_BATCH },
    ),
    deMinimisByDestination: createKeyedLoader(
      async (destinations) =>
        (await models.DeMinimis.find({ destination: { $in: [...destinations] } }).lean<DeMinimisDocument[]>()).map(
          toDeMinimis,
        ),
      (record) => record.destination,
    ),
    markets: once(async () =>
      (await models.Market.find().sort({ country: 1 }).lean<MarketDocument[]>()).map(toMarket),
    ),
    fxRates: once(async () => {
      const newest = await models.FxRate.aggregate<FxRateDocument>([
        { $match: { asOf: { $lte: now } } },
        { $sort: { base: 1, quote: 1, asOf: -1 } },
        { $group: { _id: { base: '$base', quote: '$quote' }, newest: { $first: '$$ROOT' } } },
        { $replaceRoot: { newRoot: '$newest' } },
        { $sort: { base: 1, quote: 1 } },
      ]);
      return newest.map(toFxRate);
    }),
  };
}

/**
 * One query for every (destination, HS code) key of a batch: the rates of those destinations whose prefix is
 * the chapter, heading or subheading of one of the codes. Each key then gets the rows its code starts with;
 * the domain's `findDutyRate` picks the most specific.
 */
async function loadDutyRates(models: PricingModels, keys: readonly string[]): Promise<DutyRateRecord[][]> {
  const wanted = keys.map((key) => {
    const [destination = '', hsCode = ''] = key.split(':');
    return { destination, digits: hsCode.replace(/[.\s]/g, '') };
  });
  const destinations = [...new Set(wanted.map((key) => key.destination))];
  const prefixes = [...new Set(wanted.flatMap((key) => [2, 4, 6].map((length) => key.digits.slice(0, length))))];
  const rows = (
    await models.DutyRate.find({ destination: { $in: destinations }, hsPrefix: { $in: prefixes } })
      .batchSize(FIRST_BATCH)
      .lean<DutyRateDocument[]>()
  ).map(toDutyRate);
  return wanted.map(({ destination, digits }) =>
    rows.filter((row) => row.destination === destination && digits.startsWith(row.hsPrefix)),
  );
}

/** Memoises a per-request load: the first caller starts it, everyone shares the same promise. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
