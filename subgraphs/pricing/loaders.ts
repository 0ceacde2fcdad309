import DataLoader from 'dataloader';
import { createGroupedLoader, createKeyedLoader, MAX_IN_BATCH } from '../common/loaders.ts';
import {
  moneyOf,
  type BasePrice,
  type DeMinimis,
  type DutyRate,
  type FxRate,
  type LocalPrice,
  type Market,
  type Money,
  type PresentmentRule,
  type SalePrice,
  type TaxCategory,
  type TaxRate,
} from './domain/index.ts';
import type {
  BasePriceDocument,
  DeMinimisDocument,
  DutyRateDocument,
  FxRateDocument,
  MarketDocument,
  MoneyDocument,
  PresentmentDocument,
  PriceBookEntryDocument,
  PricingModels,
  SaleDocument,
  TaxRateDocument,
} from './models.ts';

/** A market as pricing uses it: the domain's rules plus its own FX staleness limit (null = the default). */
export type MarketRecord = Market & { readonly fxMaxAgeHours: number | null };

/** A product's base price with the VAT/GST category stored beside it. */
export type BasePriceRecord = BasePrice & { readonly taxCategory: TaxCategory };

/** A duty rate with the date and source of the dataset it comes from. */
export type DutyRateRecord = DutyRate & { readonly asOf: Date; readonly source: string };

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

function toMoney(amountMinor: number, currency: string): Money {
  return moneyOf(BigInt(amountMinor), currency);
}

function toSale(sale: SaleDocument | null | undefined, currency: string): SalePrice | null {
  if (!sale) return null;
  return { price: toMoney(sale.amountMinor, currency), validFrom: sale.validFrom, validUntil: sale.validUntil ?? null };
}

function toPresentment(document: PresentmentDocument): PresentmentRule {
  switch (document.kind) {
    case 'exponent':
      return { kind: 'exponent' };
    case 'increment':
      return { kind: 'increment', increment: document.increment ?? '' };
    case 'charm':
      return { kind: 'charm', ending: document.ending ?? '' };
    default: {
      const unknown: never = document.kind;
      throw new Error(`Unknown presentment kind "${String(unknown)}" in the markets collection`);
    }
  }
}

function toMarket(document: MarketDocument): MarketRecord {
  return {
    country: document.country,
    currency: document.currency,
    locale: document.locale,
    taxDisplay: document.taxDisplay,
    incoterm: document.incoterm,
    presentment: toPresentment(document.presentment),
    fxMarginBps: document.fxMarginBps,
    fxMaxAgeHours: document.fxMaxAgeHours ?? null,
  };
}

function toBasePrice(document: BasePriceDocument): BasePriceRecord {
  return {
    productId: document.productId,
    price: toMoney(document.amountMinor, document.currency),
    sale: toSale(document.sale, document.currency),
    taxCategory: document.taxCategory,
  };
}

function toLocalPrice(document: PriceBookEntryDocument): LocalPrice {
  return {
    productId: document.productId,
    country: document.market,
    price: toMoney(document.amountMinor, document.currency),
    sale: toSale(document.sale, document.currency),
  };
}

function toTaxRate(document: TaxRateDocument): TaxRate {
  return { country: document.country, category: document.category, ratePercent: document.ratePercent };
}

function toDutyRate(document: DutyRateDocument): DutyRateRecord {
  return {
    destination: document.destination,
    hsPrefix: document.hsPrefix,
    ratePercent: document.ratePercent,
    asOf: document.asOf,
    source: document.source,
  };
}

function toThreshold(document: MoneyDocument | null | undefined): Money | null {
  return document ? toMoney(document.amountMinor, document.currency) : null;
}

function toDeMinimis(document: DeMinimisDocument): DeMinimis {
  return {
    destination: document.destination,
    dutyThreshold: toThreshold(document.dutyThreshold),
    taxThreshold: toThreshold(document.taxThreshold),
    asOf: document.asOf,
    source: document.source,
  };
}

function toFxRate(document: FxRateDocument): FxRate {
  return { base: document.base, quote: document.quote, rate: document.rate, source: document.source, asOf: document.asOf };
}

/** Everything needed to price some products for one destination, fetched together. */
export interface PricingInputs {
  /** The destination's market; null when we do not sell there. */
  market: MarketRecord | null;
  /** Every market, for messages that list them. */
  markets: MarketRecord[];
  taxRates: TaxRate[];
  /** Duty rates that may apply to any of the products' HS codes. */
  dutyRates: DutyRateRecord[];
  deMinimis: DeMinimis[];
  fxRates: FxRate[];
  /** Per product, in the order given: its base price (or null) and its local prices in every market. */
  products: { basePrice: BasePriceRecord | null; localPrices: LocalPrice[] }[];
}

/**
 * Fetches the pricing inputs of `products` shipped to `country`. Every load starts in the same tick, so
 * the loaders batch them with those of every other product resolved alongside.
 */
export async function loadPricingInputs(
  loaders: PricingLoaders,
  country: string,
  products: readonly { id: string; hsCode: string }[],
): Promise<PricingInputs> {
  const [markets, taxRates, dutyRateGroups, deMinimis, fxRates, basePrices, localPrices] = await Promise.all([
    loaders.markets(),
    loaders.taxRatesByCountry.load(country),
    Promise.all(products.map((product) => loaders.dutyRatesByHsCode.load(dutyRateKey(country, product.hsCode)))),
    loaders.deMinimisByDestination.load(country),
    loaders.fxRates(),
    Promise.all(products.map((product) => loaders.basePriceByProduct.load(product.id))),
    Promise.all(products.map((product) => loaders.localPricesByProduct.load(product.id))),
  ]);
  // One destination, so the prefix identifies a rate; codes sharing a chapter fetched it once each.
  const dutyRates = [...new Map(dutyRateGroups.flat().map((rate) => [rate.hsPrefix, rate])).values()];
  return {
    market: markets.find((market) => market.country === country) ?? null,
    markets,
    taxRates,
    dutyRates,
    deMinimis: deMinimis ? [deMinimis] : [],
    fxRates,
    products: products.map((_, index) => ({ basePrice: basePrices[index] ?? null, localPrices: localPrices[index] ?? [] })),
  };
}
