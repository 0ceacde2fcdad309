import { requireMarket } from '../../common/require-market.ts';
import type { PricingContext } from '../context.ts';
import { borderCrossing, CUSTOMS_UNIONS, presentmentCurrencyOf, type NetQuantity } from '../domain/index.ts';
import { ProductPriceView } from '../views/product-price-view.ts';
import { chooseUnitPrice } from './choose-unit-price.ts';
import { destinationOf } from './destination-of.ts';
import { loadPricingInputs } from './load-pricing-inputs.ts';
import { countryDestination, hasAddress, locateTaxDestination } from './locate-tax-destination.ts';

/**
 * A product as `Product.price` prices it: its id, its HS code, origin and the agreements its origin can be proven
 * under (from products, through `@requires`).
 */
export interface ProductToPrice {
  readonly id: string;
  readonly hsCode: string;
  readonly originCountry: string;
  /** What the pack holds (for the unit price); null for goods sold by the piece. */
  readonly netQuantity?: NetQuantity | null;
  readonly originProofs: readonly string[];
}

/**
 * The price of one unit of `product` for a shopper in `country` (default: the request's ship-to header), presented
 * in `currency` (default: the market's); null when the product has no price there.
 */
export async function priceProduct(
  product: ProductToPrice,
  args: {
    readonly country?: string | null;
    readonly currency?: string | null;
    readonly region?: string | null;
    readonly postalCode?: string | null;
  },
  context: PricingContext,
): Promise<ProductPriceView | null> {
  const { id, hsCode, originCountry, originProofs } = product;
  const shipTo = destinationOf(args.country, context.market);
  // Only an address is looked up: a country-level price reads what it always read.
  const destination = hasAddress(args) ? await locateTaxDestination(context.loaders, shipTo, args) : countryDestination(shipTo);
  const { country } = destination;
  const inputs = await loadPricingInputs(context.loaders, country, [{ id, hsCode }], destination.referenceKey);
  const market = requireMarket(inputs.reference.markets, country);
  const currency = presentmentCurrencyOf(market, args.currency);
  // The page prices the goods as an import from their origin. It does not ask fulfillment where the stock is:
  // an @requires on fulfillment would put pricing behind it in every query plan, so a fulfillment outage or
  // slowness would blank prices too (the gateway skips an entity whose required fields are missing). The
  // quote decides by each parcel's real warehouse, so for stock already inside the destination's customs
  // territory the cart owes less duty than the page shows: the page is an upper bound, never an undercharge.
  const jurisdiction = inputs.reference.jurisdiction?.jurisdiction ?? null;
  const territory = jurisdiction && jurisdiction.pricedAs === null ? jurisdiction : null;
  const { owesDuty: dutiable } = borderCrossing(originCountry, country, CUSTOMS_UNIONS, territory);
  // As an import from its origin, the parcel leaves from the origin's side: a preference can be claimed.
  const origin = { originCountry, originProofs, shipFrom: originCountry };
  const netQuantity = product.netQuantity ?? null;
  const unit = chooseUnitPrice(inputs, market, 0, { id, hsCode, dutiable, origin, netQuantity }, context, currency);
  if (!unit) return null;
  const priced = { precision: destination.precision, jurisdiction: inputs.reference.jurisdiction };
  return new ProductPriceView(id, market, unit, currency, inputs.dutyRates, { hsCode, netQuantity: product.netQuantity ?? null }, priced);
}
