import DataLoader from 'dataloader';
import { createGroupedLoader, createKeyedLoader, MAX_IN_BATCH } from '../common/loaders.ts';
import type { FxRate, LocalPrice, PaymentMethod, PriceHistoryEntry } from './domain/index.ts';
import { toBasePrice, toLocalPrice, toPriceHistoryEntry, type BasePriceRecord, type DutyRateRecord, type MarketRecord } from './mappers.ts';
import type { BasePriceDocument, PriceBookEntryDocument, PriceHistoryDocument, PricingModels } from './models.ts';
import type { PricingReference } from './reference-data.ts';
import { destinationReferenceOf, type DestinationReference } from './destination-reference.ts';

export type { BasePriceRecord, DutyRateRecord, MarketRecord } from './mappers.ts';

/**
 * Per-request loaders of the pricing subgraph. Prices are per product: keyed loaders send one `$in` query per
 * collection per tick. Markets, FX, tax, duty and de minimis are reference data, served from the process's
 * {@link PricingReference} (read at most once per freshness window). So pricing 1 or 100 products costs two
 * queries.
 */
export interface PricingLoaders {
  basePriceByProduct: DataLoader<string, BasePriceRecord | null>;
  localPricesByProduct: DataLoader<string, LocalPrice[]>;
  /** The reference data of a destination country (its market, tax rates, de minimis, FX), one value per request. */
  destinationReference: DataLoader<string, DestinationReference>;
  /** Duty rates that may apply to an HS code in a destination; key from {@link dutyRateKey}. */
  dutyRatesByHsCode: DataLoader<string, DutyRateRecord[]>;
  /** Every market we sell to, ordered by country. */
  markets(): Promise<MarketRecord[]>;
  /** The newest rate of every currency pair published by the request's "now". */
  fxRates(): Promise<FxRate[]>;
  /** Every payment method, in catalogue order (reference data). */
  paymentMethods(): Promise<PaymentMethod[]>;
  /** The price history of a product in a market; key from {@link priceHistoryKey}. */
  priceHistory: DataLoader<string, PriceHistoryEntry[]>;
}

/** Key of `priceHistory`: product and market, e.g. `64b…:DE`. */
export function priceHistoryKey(productId: string, market: string): string {
  return `${productId}:${market}`;
}

/** Key of `dutyRatesByHsCode`: destination and HS code, e.g. `DE:610910`. */
export function dutyRateKey(destination: string, hsCode: string): string {
  return `${destination}:${hsCode}`;
}

// The driver's first batch holds 101 documents; asking for more keeps every batch one round trip.
const FIRST_BATCH = MAX_IN_BATCH * 10;

// What `toBasePrice` and `toLocalPrice` read. Top-level fields only (a sale is read whole): a plain inclusion is
// a cheap pick on MongoDB and on the embedded dev database alike, where a dotted path is a general projection.
const BASE_PRICE_FIELDS = { _id: 0, productId: 1, currency: 1, amountMinor: 1, taxCategory: 1, sale: 1 } as const;
const PRICE_BOOK_FIELDS = { _id: 0, productId: 1, market: 1, currency: 1, amountMinor: 1, sale: 1 } as const;

export function createPricingLoaders(models: PricingModels, now: Date, reference: PricingReference): PricingLoaders {
  const tables = () => reference.tables();
  return {
    // Prices are read through the driver, with only the fields the mappers read: no mongoose query casting or
    // middleware on the hot path, and no `_id` to decode. The filter is plain strings, so nothing needs casting.
    basePriceByProduct: createKeyedLoader(
      async (ids) =>
        (
          await models.BasePrice.collection
            .find<BasePriceDocument>({ productId: { $in: [...ids] } }, { projection: BASE_PRICE_FIELDS, batchSize: FIRST_BATCH })
            .toArray()
        ).map(toBasePrice),
      (price) => price.productId,
    ),
    localPricesByProduct: createGroupedLoader(
      async (ids) =>
        (
          await models.PriceBookEntry.collection
            .find<PriceBookEntryDocument>({ productId: { $in: [...ids] } }, { projection: PRICE_BOOK_FIELDS, batchSize: FIRST_BATCH })
            .toArray()
        ).map(toLocalPrice),
      (price) => price.productId,
    ),
    destinationReference: new DataLoader<string, DestinationReference>(async (countries) => {
      const [{ markets, taxRates, deMinimis }, fxRates] = await Promise.all([tables(), reference.fxRatesAsOf(now)]);
      return countries.map((country) =>
        destinationReferenceOf(country, now, {
          markets,
          taxRates: taxRates.filter((rate) => rate.country === country),
          deMinimis: deMinimis.find((record) => record.destination === country) ?? null,
        }, fxRates),
      );
    }),
    dutyRatesByHsCode: new DataLoader<string, DutyRateRecord[]>(async (keys) => dutyRatesOf((await tables()).dutyRates, keys), {
      maxBatchSize: MAX_IN_BATCH,
    }),
    markets: async () => (await tables()).markets,
    fxRates: () => reference.fxRatesAsOf(now),
    paymentMethods: async () => (await tables()).paymentMethods,
    priceHistory: createGroupedLoader(async (keys) => {
      // One query per tick: every product and market asked, filtered to the exact pairs here.
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const documents = await models.PriceHistory.find({
        productId: { $in: [...new Set(pairs.map(([productId]) => productId))] },
        market: { $in: [...new Set(pairs.map(([, market]) => market))] },
      })
        .batchSize(FIRST_BATCH)
        .lean<PriceHistoryDocument[]>();
      return documents.map(toPriceHistoryEntry);
    }, (entry) => priceHistoryKey(entry.productId, entry.market)),
  };
}

/**
 * The duty rates of each (destination, HS code) key: the destination's rates whose prefix is the chapter,
 * heading or subheading of the code. The domain's `findDutyRate` picks the most specific.
 */
function dutyRatesOf(rates: readonly DutyRateRecord[], keys: readonly string[]): DutyRateRecord[][] {
  const byDestination = dutyRatesByDestination(rates);
  return keys.map((key) => {
    const [destination = '', hsCode = ''] = key.split(':');
    const digits = hsCode.replace(/[.\s]/g, '');
    return (byDestination.get(destination) ?? []).filter((row) => digits.startsWith(row.hsPrefix));
  });
}

// The duty table grouped by destination, once per reference snapshot (the table array is replaced when the
// reference data is read again, so a group never outlives the data it was made from, and the WeakMap lets it
// go with the snapshot). Each product's lookup then scans its destination's rows only, not every country's.
const groupedDutyRates = new WeakMap<readonly DutyRateRecord[], ReadonlyMap<string, DutyRateRecord[]>>();

function dutyRatesByDestination(rates: readonly DutyRateRecord[]): ReadonlyMap<string, DutyRateRecord[]> {
  let grouped = groupedDutyRates.get(rates);
  if (!grouped) {
    const groups = new Map<string, DutyRateRecord[]>();
    for (const row of rates) {
      const group = groups.get(row.destination);
      if (group) group.push(row);
      else groups.set(row.destination, [row]);
    }
    groupedDutyRates.set(rates, (grouped = groups));
  }
  return grouped;
}
