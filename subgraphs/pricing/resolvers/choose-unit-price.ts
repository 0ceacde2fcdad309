import { choosePrice, findTaxRate, type ChosenPrice, type TaxCategory } from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';
import type { PricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../subgraph.ts';

/** A product's unit price in a market, with what the schema needs beside it. */
export type UnitPrice = ChosenPrice & {
  readonly taxCategory: TaxCategory;
  /** Currency of the base price, the source of a converted price. */
  readonly baseCurrency: string;
};

/**
 * The unit price of the `index`-th product of `inputs` in `market`, at the request's "now". A product is
 * priced when it has a base price record, which also carries its VAT/GST category; without one it has no
 * price (null) even where a local price-book entry exists, since its tax could not be computed.
 */
export function chooseUnitPrice(
  inputs: PricingInputs,
  market: MarketRecord,
  index: number,
  productId: string,
  context: PricingContext,
): UnitPrice | null {
  const product = inputs.products[index];
  if (!product?.basePrice) return null;
  const { basePrice, localPrices } = product;
  const chosen = choosePrice({
    productId,
    market,
    localPrices,
    basePrice,
    taxRatePercent: findTaxRate(market.country, basePrice.taxCategory, inputs.taxRates),
    rates: inputs.fxRates,
    now: context.now,
    maxRateAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours,
  });
  return { ...chosen, taxCategory: basePrice.taxCategory, baseCurrency: basePrice.price.currency };
}
