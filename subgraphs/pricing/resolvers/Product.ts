import { crossesCustomsBorder, CUSTOMS_UNIONS, describePresentment, presentmentCurrencyOf } from '../domain/index.ts';
import type { DutyRateRecord, MarketRecord } from '../mappers.ts';
import { loadPricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../subgraph.ts';
import { chooseUnitPrice, type UnitPrice } from './choose-unit-price.ts';
import { moneyView } from './money-view.ts';
import { requireFields } from '../../common/contract/requires.ts';
import { destinationOf, requireMarket } from './require-market.ts';
import { explanationOf } from './explanation.ts';

/** A product as the gateway hands it over: its id, plus the fields `price` requires from products. */
export interface ProductRepresentation {
  id: string;
  hsCode?: string | null;
  originCountry?: string | null;
}

const TAX_CATEGORY = { standard: 'STANDARD', reduced: 'REDUCED', zero: 'ZERO' } as const;

/** The conversion behind a price, or null when none happened (base price already in the market's currency). */
export function fxConversionOf(unit: Pick<UnitPrice, 'fx'>, from: string, to: string) {
  const { fx } = unit;
  if (!fx || from === to) return null;
  // `rate` read only when selected (it is written out from the exact rate on demand).
  return { from, to, rate: () => fx.rate, asOf: fx.asOf, source: fx.source, stale: fx.stale };
}

function dutyOf(unit: UnitPrice, market: MarketRecord, dutyRates: readonly DutyRateRecord[]) {
  if (!unit.dutiable) return null;
  return {
    amount: moneyView(unit.duty, market),
    importTax: moneyView(unit.importTax, market),
    basis: unit.dutyBasis,
    ratePercent: unit.dutyRatePercent,
    hsPrefix: unit.dutyHsPrefix,
    rateKnown: unit.dutyRateFound,
    included: unit.dutyIncluded,
    belowDeMinimis: unit.belowDeMinimis,
    asOf: dutyRates.find((rate) => rate.hsPrefix === unit.dutyHsPrefix)?.asOf ?? null,
  };
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
    return {
      productId: product.id,
      market,
      roundingRule: unit.source === 'LOCAL_PRICE_BOOK' ? 'as set in the price book' : describePresentment(unit.presentment, currency),
      amount: moneyView(unit.amount, market),
      net: moneyView(unit.net, market),
      taxIncluded: unit.taxIncluded,
      tax: {
        amount: moneyView(unit.tax, market),
        ratePercent: unit.taxRatePercent,
        category: TAX_CATEGORY[unit.taxCategory],
        included: unit.taxIncluded,
      },
      duty: dutyOf(unit, market, inputs.dutyRates),
      compareAt: unit.compareAt ? moneyView(unit.compareAt, market) : null,
      saleEndsAt: unit.saleEndsAt,
      source: unit.source,
      fx: fxConversionOf(unit, unit.baseCurrency, unit.amount.currency),
      // Resolved only when selected: the steps are written out from the price's ledger on first read.
      explanation: () => explanationOf(unit.steps, unit.amount),
    };
  },
};
