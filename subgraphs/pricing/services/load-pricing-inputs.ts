import type { LocalPrice } from '../domain/index.ts';
import type { DestinationReference } from '../destination-reference.ts';
import type { PricingLoaders, ProductPrices } from '../loaders.ts';
import type { BasePriceRecord, DutyRateRecord } from '../records.ts';

/** Everything needed to price some products for one destination, fetched together. */
export interface PricingInputs {
  /** The destination's reference data in this request: one value shared by every product priced there. */
  reference: DestinationReference;
  /** Duty rates that may apply to any of the products' HS codes. */
  dutyRates: DutyRateRecord[];
  /** Per product, in the order given: its base price (or null) and its local price in the destination's market (if any). */
  products: { basePrice: BasePriceRecord | null; localPrices: LocalPrice[] }[];
}

/**
 * Fetches the pricing inputs of `products` shipped to `country`. Every load starts in the same tick, so
 * the loaders batch them with those of every other product resolved alongside; the destination's reference
 * data is one shared value per request. `referenceKey` names the address's jurisdiction when there is one
 * (see `locateTaxDestination`); by default the country's own reference.
 */
export async function loadPricingInputs(
  loaders: PricingLoaders,
  country: string,
  products: readonly { id: string; hsCode: string }[],
  referenceKey: string = country,
): Promise<PricingInputs> {
  // One flat Promise.all (the reference, then each product's prices): a page prices every product through here,
  // so no nested arrays of promises per product. Duty rates are reference data, picked without a load.
  const loads: Promise<DestinationReference | ProductPrices>[] = [loaders.destinationReference.load(referenceKey)];
  const prices = loaders.pricesIn(country);
  for (const product of products) loads.push(prices.load(product.id));
  const loaded = await Promise.all(loads);
  const reference = loaded[0] as DestinationReference;
  // One destination, so the prefix identifies a rate; codes sharing a chapter fetched it once each.
  const [first] = products;
  const dutyRates =
    first && products.length === 1
      ? reference.dutyRatesFor(first.hsCode)
      : [...new Map(products.flatMap((product) => reference.dutyRatesFor(product.hsCode)).map((rate) => [rate.hsPrefix, rate])).values()];
  return {
    reference,
    dutyRates,
    products: products.map((_, index) => loaded[1 + index] as ProductPrices),
  };
}
