import type { DeMinimis, FxRate, LocalPrice, TaxRate } from './domain/index.ts';
import { dutyRateKey, type PricingLoaders } from './loaders.ts';
import type { BasePriceRecord, DutyRateRecord, MarketRecord } from './mappers.ts';

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
