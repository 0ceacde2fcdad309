import { MERCHANT_NEXUS, taxJurisdictionDocuments } from './tax-jurisdictions.ts';
import { DateTime } from 'luxon';
import { COLLECTION_SCHEMES, SEED_TAX_REGISTRATIONS } from './collection-reference.ts';
import { seedProducts, type SeedProduct } from './catalog.ts';
import { DE_MINIMIS, DUTY_TABLE, MARKETS, TAX_TABLE, seedFxRateHistory } from './pricing-reference.ts';
import { LEVIES } from './levies.ts';
import { seedUnitPriceRules } from './unit-price-rules.ts';
import { PREFERENTIAL_RATES, TRADE_AGREEMENTS } from './trade-agreements.ts';
import { clockFromEnv } from '../../subgraphs/common/clock.ts';
import {
  findTaxRate,
  grossPriceOf,
  moneyFromDecimal,
  moneyOf,
  roundToIncrement,
  toDecimalString,
  type Money,
  type PresentmentRule,
} from '../../subgraphs/pricing/domain/index.ts';
import type {
  BasePriceDocument,
  MoneyDocument,
  PresentmentDocument,
  PriceBookEntryDocument,
  PricingModels,
  SaleDocument,
} from '../../subgraphs/pricing/models.ts';

/** Local wall-clock time in a market's zone, as the merchant schedules a sale. */
function localTime(iso: string, zone: string): Date {
  return DateTime.fromISO(iso, { zone }).toJSDate();
}

function toMinorNumber(money: Money): number {
  return Number(money.minor);
}

function presentmentDocument(rule: PresentmentRule): PresentmentDocument {
  switch (rule.kind) {
    case 'exponent':
      return { kind: 'exponent', increment: null, ending: null };
    case 'increment':
      return { kind: 'increment', increment: rule.increment, ending: null };
    case 'charm':
      return { kind: 'charm', increment: null, ending: rule.ending };
  }
}

/**
 * Merchant-set JPY prices for the lines made in Japan: the brand's home price, tax included and ending in
 * 0 yen (the base net price plus consumption tax, rounded up to 10 yen), typed into the JP price book.
 */
function japanesePriceOf(product: SeedProduct): PriceBookEntryDocument {
  const net = moneyOf(BigInt(product.basePriceMinor), product.line.basePrice.currency);
  const rate = findTaxRate('JP', product.line.taxCategory, TAX_TABLE.rates);
  const gross = grossPriceOf(net, rate, 'HALF_UP');
  const price = roundToIncrement(toDecimalString(gross), 'JPY', '10', 'UP');
  return { productId: product.id, market: 'JP', currency: 'JPY', amountMinor: toMinorNumber(price), sale: null };
}

/** A local price typed as a decimal, e.g. `115.00` GBP. */
function localPrice(
  product: SeedProduct,
  market: string,
  amount: string,
  currency: string,
  sale?: { amount: string; from: Date; until: Date | null },
): PriceBookEntryDocument {
  const saleDocument: SaleDocument | null = sale
    ? { amountMinor: toMinorNumber(moneyFromDecimal(sale.amount, currency)), validFrom: sale.from, validUntil: sale.until }
    : null;
  return { productId: product.id, market, currency, amountMinor: toMinorNumber(moneyFromDecimal(amount, currency)), sale: saleDocument };
}

/**
 * The demo price book: whole-yen JP prices for the Japanese lines, a round GBP price for the merino sweaters,
 * and a Black Week sale in Germany on the olive merino (23 Nov – 1 Dec 2026, Berlin time) with its regular price.
 */
export function seedPriceBook(products: readonly SeedProduct[]): PriceBookEntryDocument[] {
  const bySku = new Map(products.map((product) => [product.sku, product]));
  const product = (sku: string): SeedProduct => {
    const found = bySku.get(sku);
    if (!found) throw new Error(`Seed price book names unknown SKU ${sku}`);
    return found;
  };
  return [
    ...products.filter((entry) => entry.line.originCountry === 'JP').map(japanesePriceOf),
    ...['APP-MERINO-OLI', 'APP-MERINO-NAV', 'APP-MERINO-SAN'].map((sku) => localPrice(product(sku), 'GB', '115.00', 'GBP')),
    localPrice(product('APP-MERINO-OLI'), 'DE', '139.00', 'EUR', {
      amount: '111.00',
      from: localTime('2026-11-23T00:00', 'Europe/Berlin'),
      until: localTime('2026-12-01T00:00', 'Europe/Berlin'),
    }),
  ];
}

function thresholdDocument(money: Money | null): MoneyDocument | null {
  return money ? { currency: money.currency, amountMinor: toMinorNumber(money) } : null;
}

/**
 * Upserts the pricing reference data (markets, VAT, duty, de minimis, FX from the ECB sample plus KWD, carried
 * forward to `now` as illustrative rates — see `seedFxRateHistory`) and the demo catalog's prices. Idempotent:
 * every row is replaced by its natural key. `now` defaults to the process clock (`MERIDIAN_NOW` or the system's).
 */
/** Sub-national tax jurisdictions, special territories and the merchant's US nexus (scripts/seed/tax-jurisdictions.ts). */
async function seedTaxJurisdictions(models: PricingModels): Promise<Record<string, number>> {
  const jurisdictions = taxJurisdictionDocuments();
  await models.TaxJurisdiction.bulkWrite(
    jurisdictions.map((row) => ({ replaceOne: { filter: { _id: row._id }, replacement: row, upsert: true } })),
  );
  await models.MerchantNexus.bulkWrite(
    MERCHANT_NEXUS.map((row) => ({ replaceOne: { filter: { _id: row._id }, replacement: row, upsert: true } })),
  );
  return { taxJurisdictions: jurisdictions.length, merchantNexus: MERCHANT_NEXUS.length };
}

export async function seedPricingSubgraph(models: PricingModels, now: Date = clockFromEnv()()): Promise<Record<string, number>> {
  const products = seedProducts();
  await models.Market.bulkWrite(
    MARKETS.map((market) => ({
      replaceOne: {
        filter: { country: market.country },
        replacement: {
          country: market.country,
          currency: market.currency,
          locale: market.locale,
          taxDisplay: market.taxDisplay,
          incoterm: market.incoterm,
          presentment: presentmentDocument(market.presentment),
          fxMarginBps: market.fxMarginBps,
          customsValuation: market.customsValuation,
          customsValuationSource: market.customsValuationProvenance.source,
          customsValuationAsOf: market.customsValuationProvenance.asOf,
          additionalCurrencies: [...market.additionalCurrencies],
          fxMaxAgeHours: null,
          source: market.source,
          asOf: market.asOf,
        },
        upsert: true,
      },
    })),
  );
  const basePrices: BasePriceDocument[] = products.map((product) => ({
    productId: product.id,
    currency: product.line.basePrice.currency,
    amountMinor: product.basePriceMinor,
    taxCategory: product.line.taxCategory,
    sale: null,
  }));
  await models.BasePrice.bulkWrite(
    basePrices.map((price) => ({ replaceOne: { filter: { productId: price.productId }, replacement: price, upsert: true } })),
  );
  const priceBook = seedPriceBook(products);
  await models.PriceBookEntry.bulkWrite(
    priceBook.map((entry) => ({
      replaceOne: { filter: { productId: entry.productId, market: entry.market }, replacement: entry, upsert: true },
    })),
  );
  await models.TaxRate.bulkWrite(
    TAX_TABLE.rates.map((rate) => ({
      replaceOne: {
        filter: { country: rate.country, category: rate.category },
        replacement: { ...rate, note: null },
        upsert: true,
      },
    })),
  );
  await models.DutyRate.bulkWrite(
    DUTY_TABLE.rates.map((rate) => ({
      replaceOne: {
        filter: { destination: rate.destination, hsPrefix: rate.hsPrefix },
        replacement: { ...rate, note: null },
        upsert: true,
      },
    })),
  );
  await models.DeMinimis.bulkWrite(
    DE_MINIMIS.map((record) => ({
      replaceOne: {
        filter: { destination: record.destination },
        replacement: {
          destination: record.destination,
          dutyThreshold: thresholdDocument(record.dutyThreshold),
          taxThreshold: thresholdDocument(record.taxThreshold),
          dutyReliefExcludedHsPrefixes: [...(record.dutyReliefExcludedHsPrefixes ?? [])],
          taxReliefExcludedHsPrefixes: [...(record.taxReliefExcludedHsPrefixes ?? [])],
          thresholdBasis: record.thresholdBasis ?? null,
          thresholdBasisSource: record.thresholdBasisSource ?? null,
          lowValueRegime: record.lowValueRegime
            ? {
                kind: record.lowValueRegime.kind,
                name: record.lowValueRegime.name,
                amountPerSubheading: thresholdDocument(record.lowValueRegime.amountPerSubheading)!,
                valueCeiling: thresholdDocument(record.lowValueRegime.valueCeiling)!,
                validFrom: record.lowValueRegime.validFrom,
                validTo: record.lowValueRegime.validTo ?? null,
                after: record.lowValueRegime.after ?? 'ORDINARY_TARIFF',
                excludedHsPrefixes: [...record.lowValueRegime.excludedHsPrefixes],
                source: record.lowValueRegime.source,
                asOf: record.lowValueRegime.asOf,
                verified: record.lowValueRegime.verified ?? null,
                note: record.lowValueRegime.note ?? '',
              }
            : null,
          shipFromThresholds: (record.shipFromThresholds ?? []).map((tier) => ({
            ...tier,
            shipFrom: [...tier.shipFrom],
            excludedHsPrefixes: [...tier.excludedHsPrefixes],
            dutyThreshold: thresholdDocument(tier.dutyThreshold),
            taxThreshold: thresholdDocument(tier.taxThreshold),
          })),
          recipientCustomsCode: record.recipientCustomsCode ?? null,
          verified: record.verified ?? null,
          note: record.note ?? null,
          importTaxWaiver: record.importTaxWaiver
            ? { ...record.importTaxWaiver, amount: thresholdDocument(record.importTaxWaiver.amount)! }
            : null,
          carrierFee: record.carrierFee ? { ...record.carrierFee, amount: thresholdDocument(record.carrierFee.amount)! } : null,
          asOf: record.asOf,
          source: record.source,
        },
        upsert: true,
      },
    })),
  );
  await models.CollectionScheme.bulkWrite(
    COLLECTION_SCHEMES.map((scheme) => ({
      replaceOne: {
        filter: { code: scheme.code },
        replacement: {
          ...scheme,
          destinations: [...scheme.destinations],
          excludedHsPrefixes: [...scheme.excludedHsPrefixes],
          ceiling: thresholdDocument(scheme.ceiling),
        },
        upsert: true,
      },
    })),
  );
  // Inserted once: a registration ended (or added) with `npm run registrations` is the merchant's record, which a
  // re-seed must not undo.
  await models.TaxRegistration.bulkWrite(
    SEED_TAX_REGISTRATIONS.map((registration) => ({
      updateOne: {
        filter: { scheme: registration.scheme, number: registration.number },
        update: { $setOnInsert: { ...registration, destinations: [...registration.destinations] } },
        upsert: true,
      },
    })),
  );
  await models.Levy.bulkWrite(
    LEVIES.map((levy) => ({
      replaceOne: {
        filter: { code: levy.code },
        replacement: {
          ...levy,
          amount: thresholdDocument(levy.amount),
          rates: levy.rates.map((rate) => ({ ...rate, perUnit: thresholdDocument(rate.perUnit)! })),
          ceiling: thresholdDocument(levy.ceiling),
        },
        upsert: true,
      },
    })),
  );
  const fxRates = seedFxRateHistory(now);
  await models.FxRate.bulkWrite(
    fxRates.map((rate) => ({
      replaceOne: { filter: { base: rate.base, quote: rate.quote, asOf: rate.asOf }, replacement: { ...rate }, upsert: true },
    })),
  );
  const unitPriceRules = await seedUnitPriceRules(models);
  await models.TradeAgreement.bulkWrite(
    TRADE_AGREEMENTS.map((agreement) => ({
      replaceOne: {
        filter: { code: agreement.code },
        replacement: {
          ...agreement,
          parties: [...agreement.parties],
          proofsAccepted: [...agreement.proofsAccepted],
          note: agreement.note ?? null,
        },
        upsert: true,
      },
    })),
  );
  await models.PreferentialRate.bulkWrite(
    PREFERENTIAL_RATES.map((rate) => ({
      replaceOne: {
        filter: { agreement: rate.agreement, destination: rate.destination, hsPrefix: rate.hsPrefix },
        replacement: { ...rate, note: null },
        upsert: true,
      },
    })),
  );
  return {
    markets: MARKETS.length,
    basePrices: basePrices.length,
    priceBookEntries: priceBook.length,
    taxRates: TAX_TABLE.rates.length,
    dutyRates: DUTY_TABLE.rates.length,
    deMinimis: DE_MINIMIS.length,
    collectionSchemes: COLLECTION_SCHEMES.length,
    taxRegistrations: SEED_TAX_REGISTRATIONS.length,
    levies: LEVIES.length,
    fxRates: fxRates.length,
    unitPriceRules,
    tradeAgreements: TRADE_AGREEMENTS.length,
    preferentialRates: PREFERENTIAL_RATES.length,
    ...(await seedTaxJurisdictions(models)),
  };
}
