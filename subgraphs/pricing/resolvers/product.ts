import { crossesCustomsBorder, CUSTOMS_UNIONS, presentmentCurrencyOf } from '../domain/index.ts';
import { loadPricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../context.ts';
import { chooseUnitPrice } from './choose-unit-price.ts';
import { requireFields } from '../../common/contract/requires.ts';
import { destinationOf, requireMarket } from './require-market.ts';
import { ProductPriceView } from './product-price-view.ts';

/** A product as the gateway hands it over: its id, plus the fields `price` requires from products. */
export interface ProductRepresentation {
  id: string;
  hsCode?: string | null;
  originCountry?: string | null;
}

/** `Product` as pricing extends it: `price(country)`. */
export const Product = {
  __resolveReference: (reference: ProductRepresentation) => reference,

  async price(product: ProductRepresentation, args: { country?: string | null; currency?: string | null }, context: PricingContext) {
    const { hsCode, originCountry } = requireFields(product, ['hsCode', 'originCountry'], 'Product', 'Product.price');
    const country = destinationOf(args.country, context);
    const inputs = await loadPricingInputs(context.loaders, country, [{ id: product.id, hsCode }]);
    const market = requireMarket(inputs.markets, country);
    const currency = presentmentCurrencyOf(market, args.currency);
    // The page prices the goods as an import from their origin. It does not ask fulfillment where the stock is:
    // an @requires on fulfillment would put pricing behind it in every query plan, so a fulfillment outage or
    // slowness would blank prices too (the gateway skips an entity whose required fields are missing). The
    // quote decides by each parcel's real warehouse, so for stock already inside the destination's customs
    // territory the cart owes less duty than the page shows: the page is an upper bound, never an undercharge.
    const dutiable = crossesCustomsBorder(originCountry, country, CUSTOMS_UNIONS);
    const unit = chooseUnitPrice(inputs, market, 0, { id: product.id, hsCode, dutiable }, context, currency);
    if (!unit) return null;
    return new ProductPriceView(product.id, market, unit, currency, inputs.dutyRates);
  },
};
