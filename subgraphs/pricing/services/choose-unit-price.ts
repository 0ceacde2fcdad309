import type { PricingConfig } from '../config.ts';
import { priceForShopper, type OriginFacts, type ShopperPrice } from '../domain/index.ts';
import type { MarketRecord } from '../records.ts';
import type { PricingInputs } from './load-pricing-inputs.ts';

/** What pricing a unit reads from the request: its "now" and the default FX staleness limit. */
export interface UnitPricingRequest {
  readonly now: Date;
  readonly config: Pick<PricingConfig, 'fxMaxAgeHours'>;
}

/** A product's unit price in a market, with what the schema needs beside it (its tax category, its base currency). */
export type UnitPrice = ShopperPrice;

/** The product facts pricing needs (HS code from products), and whether its unit crosses a customs border. */
export interface PricedProduct {
  readonly id: string;
  readonly hsCode: string;
  /** True when the unit crosses a customs border to the market: decided by where it ships from (see `crossesCustomsBorder`). */
  readonly dutiable: boolean;
  /** Its origin, the agreements the merchant holds proof under, and where it ships from: may select a preferential rate. */
  readonly origin?: OriginFacts | null;
  /** What one unit holds: a per-kg excise (Germany's coffee tax) is counted on it; null for goods sold by the piece. */
  readonly netQuantity?: { readonly value: string; readonly unit: string } | null;
}

/**
 * The price of one unit of the `index`-th product of `inputs` in `market`, presented in `currency`, at the
 * request's "now". A product is priced when it has a base price record, which also carries its VAT/GST category;
 * without one it has no price (null) even where a local price-book entry exists, since its tax could not be
 * computed.
 */
export function chooseUnitPrice(
  inputs: PricingInputs,
  market: MarketRecord,
  index: number,
  product: PricedProduct,
  context: UnitPricingRequest,
  currency: string = market.currency,
): UnitPrice | null {
  const entry = inputs.products[index];
  if (!entry?.basePrice) return null;
  const { basePrice, localPrices } = entry;
  const { reference } = inputs;
  const maxRateAgeHours = market.fxMaxAgeHours ?? context.config.fxMaxAgeHours;
  return priceForShopper({
    productId: product.id,
    market,
    currency,
    localPrices,
    basePrice,
    hsCode: product.hsCode,
    taxCategory: basePrice.taxCategory,
    dutiable: product.dutiable,
    taxRates: reference.taxRates,
    dutyRates: inputs.dutyRates,
    deMinimis: reference.deMinimisIn(currency, maxRateAgeHours),
    collection: reference.collectionIn(currency, maxRateAgeHours),
    rates: reference.fxRates,
    now: context.now,
    maxRateAgeHours,
    origin: product.origin ?? null,
    preferences: reference.preferences,
    levies: reference.leviesIn(currency, maxRateAgeHours),
    netQuantity: product.netQuantity ?? null,
    unitRules: reference.unitRules,
  });
}
