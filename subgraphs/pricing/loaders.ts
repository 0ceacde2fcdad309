import DataLoader from 'dataloader';
import { aggregateDocuments, findDocuments } from '../common/find-documents.ts';
import { createGroupedLoader, MAX_IN_BATCH } from '../common/loaders.ts';
import {
  jurisdictionTax,
  unitPriceRuleAt,
  type NexusRecord,
  type TaxJurisdiction,
  type FxRate,
  type LocalPrice,
  type PaymentMethod,
  type PriceHistoryEntry,
  type UnitPriceRule,
} from './domain/index.ts';
import { toBasePrice, toLocalPrice, toPriceHistoryEntry } from './mappers.ts';
import type { BasePriceDocument, PriceBookEntryDocument, PriceHistoryDocument, PricingModels } from './models.ts';
import type { PricingReference } from './reference-data.ts';
import { destinationReferenceOf, type DestinationReference } from './destination-reference.ts';
import type { BasePriceRecord, MarketRecord } from './records.ts';

/**
 * Per-request loaders of the pricing subgraph. Prices are per product: one `$in` read per tick (base prices and
 * the price book together). Markets, FX, tax, duty and de minimis are reference data, served from the process's
 * {@link PricingReference} (read at most once per freshness window) through `destinationReference`. So pricing
 * 1 or 100 products costs one query.
 */
export interface PricingLoaders {
  /** The loader of products' prices for a destination: a base price and the destination market's price-book price, read together. */
  pricesIn(country: string): DataLoader<string, ProductPrices>;
  /**
   * The reference data of a destination (its market, tax, duty and de minimis rules, FX), one value per request:
   * key `DE` for a country, `CA#CA-QC` for an address in a sub-national tax jurisdiction (see `destinationKey`).
   */
  destinationReference: DataLoader<string, DestinationReference>;
  /** The sub-national tax jurisdictions and the merchant's nexus by state (reference data, for address-level pricing). */
  taxJurisdictions(): Promise<{ jurisdictions: readonly TaxJurisdiction[]; nexus: ReadonlyMap<string, NexusRecord> }>;
  /** Every market we sell to by country, in country order. */
  markets(): Promise<ReadonlyMap<string, MarketRecord>>;
  /** The newest rate of every currency pair published by the request's "now". */
  fxRates(): Promise<FxRate[]>;
  /** Every payment method, in catalogue order (reference data). */
  paymentMethods(): Promise<PaymentMethod[]>;
  /** The price history of a product in a market; key from {@link priceHistoryKey}. */
  priceHistory: DataLoader<string, PriceHistoryEntry[]>;
  /** The unit-price rule of a market in force at the request's "now"; null when it requires none (reference data). */
  unitPriceRuleIn(country: string): Promise<UnitPriceRule | null>;
}

/** A product's prices as stored for one market: its base price (null when it has none) and its price-book price there (none or one). */
export interface ProductPrices {
  basePrice: BasePriceRecord | null;
  localPrices: LocalPrice[];
}

/** Key of `destinationReference`: the country, and the jurisdiction an address lies in when there is one. */
export function destinationKey(country: string, jurisdictionId: string | null): string {
  return jurisdictionId === null ? country : `${country}#${jurisdictionId}`;
}

/** Key of `priceHistory`: product and market, e.g. `64b…:DE`. */
export function priceHistoryKey(productId: string, market: string): string {
  return `${productId}:${market}`;
}

// The driver's first batch holds 101 documents; asking for more keeps every batch one round trip.
const FIRST_BATCH = MAX_IN_BATCH * 10;

// What `toBasePrice` and `toLocalPrice` read. Top-level fields only (a sale is read whole): a plain inclusion is
// a cheap pick on MongoDB and on the embedded dev database alike, where a dotted path is a general projection.
const BASE_PRICE_FIELDS = { _id: 0, productId: 1, currency: 1, amountMinor: 1, taxCategory: 1, sale: 1 } as const;
const PRICE_BOOK_FIELDS = { _id: 0, productId: 1, market: 1, currency: 1, amountMinor: 1, sale: 1 } as const;

/**
 * The read of `pricesIn(market)`, run on `base_prices`: the products' base prices, then (`$unionWith`) their rows of
 * the price book (`priceBookCollection`) in `market`. Each `$match` is served by its collection's index
 * (`productId`; `productId, market`).
 */
export function productPricesPipeline(ids: string[], market: string, priceBookCollection: string) {
  return [
    { $match: { productId: { $in: ids } } },
    { $project: BASE_PRICE_FIELDS },
    {
      $unionWith: {
        coll: priceBookCollection,
        pipeline: [{ $match: { productId: { $in: ids }, market } }, { $project: PRICE_BOOK_FIELDS }],
      },
    },
  ];
}

export function createPricingLoaders(models: PricingModels, now: Date, reference: PricingReference): PricingLoaders {
  const pricesLoaders = new Map<string, DataLoader<string, ProductPrices>>();
  return {
    pricesIn(country) {
      let loader = pricesLoaders.get(country);
      if (!loader)
        pricesLoaders.set(country, (loader = new DataLoader((ids) => pricesOf(models, [...ids], country), { maxBatchSize: MAX_IN_BATCH })));
      return loader;
    },
    destinationReference: new DataLoader<string, DestinationReference>(async (keys) => {
      const [tables, fxRates] = await Promise.all([reference.tables(), reference.fxRatesAsOf(now)]);
      return keys.map((key) => {
        const [country = key, jurisdictionId] = key.split('#');
        const found =
          jurisdictionId === undefined ? undefined : tables.taxJurisdictions.find((candidate) => candidate.id === jurisdictionId);
        return destinationReferenceOf(
          country,
          now,
          {
            markets: tables.markets,
            taxRates: tables.taxRatesByCountry.get(country) ?? [],
            deMinimis: tables.deMinimisByDestination.get(country) ?? null,
            dutyRates: tables.dutyRatesByDestination.get(country) ?? [],
            tradeAgreements: tables.tradeAgreements,
            preferentialRates: tables.preferentialRatesByDestination.get(country) ?? [],
            collection: tables.collectionByDestination.get(country),
            levies: tables.leviesByDestination.get(country) ?? [],
            jurisdiction: found ? jurisdictionTax(found, tables.nexusByState, tables.taxRatesByCountry.get(country) ?? []) : null,
          },
          fxRates,
        );
      });
    }),
    taxJurisdictions: async () => {
      const tables = await reference.tables();
      return { jurisdictions: tables.taxJurisdictions, nexus: tables.nexusByState };
    },
    markets: async () => (await reference.tables()).markets,
    fxRates: () => reference.fxRatesAsOf(now),
    paymentMethods: async () => (await reference.tables()).paymentMethods,
    priceHistory: createGroupedLoader(
      (keys) => priceHistoriesOf(models, keys),
      (entry) => priceHistoryKey(entry.productId, entry.market),
    ),
    unitPriceRuleIn: async (country) =>
      unitPriceRuleAt((await reference.tables()).unitPriceRulesByCountry.get(country) ?? [], country, now),
  };
}

/**
 * The price histories of `keys` (product and market pairs), in one read for every key of a tick: every product and
 * market asked, served by the `productId, market, from` index; the loader keeps the exact pairs.
 */
async function priceHistoriesOf(models: PricingModels, keys: readonly string[]): Promise<PriceHistoryEntry[]> {
  const pairs = keys.map((key) => key.split(':') as [string, string]);
  const documents = await findDocuments<PriceHistoryDocument>(
    models.PriceHistory,
    {
      productId: { $in: [...new Set(pairs.map(([productId]) => productId))] },
      market: { $in: [...new Set(pairs.map(([, market]) => market))] },
    },
    { batchSize: FIRST_BATCH },
  );
  return documents.map(toPriceHistoryEntry);
}

/**
 * The prices of products `ids` for `market`, in order. Base prices and the market's price-book rows in one read (an
 * aggregate of base_prices with a $unionWith of price_book, each a $match on its index; MongoDB ≥ 4.4), so a page
 * is one command, not two; rows of other markets are not read. Through the driver, with only the fields the
 * mappers read: no mongoose casting or middleware on the hot path, no `_id` to decode; the filter is plain strings,
 * so nothing needs casting; `aggregateDocuments` reads the first reply without a driver cursor object. A price-book
 * row is the one with a `market` (a base price has none).
 */
async function pricesOf(models: PricingModels, ids: string[], market: string): Promise<ProductPrices[]> {
  const byProduct = new Map<string, ProductPrices>();
  const prices = ids.map((id) => {
    const entry: ProductPrices = { basePrice: null, localPrices: [] };
    byProduct.set(id, entry);
    return entry;
  });
  const rows = await aggregateDocuments<BasePriceDocument | PriceBookEntryDocument>(
    models.BasePrice,
    productPricesPipeline(ids, market, models.PriceBookEntry.collection.collectionName),
    { batchSize: FIRST_BATCH },
  );
  for (const row of rows) {
    const entry = byProduct.get(row.productId);
    if (!entry) continue;
    if ('market' in row) entry.localPrices.push(toLocalPrice(row));
    else entry.basePrice = toBasePrice(row);
  }
  // DataLoader hands each key once, so every id has its own entry.
  return prices;
}
