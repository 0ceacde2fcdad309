import { crossesCustomsBorder, quoteProduct, type ProductQuote, CUSTOMS_UNIONS } from '../domain/index.ts';
import type { DutyRateRecord, MarketRecord } from '../mappers.ts';
import { loadPricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../subgraph.ts';
import { chooseUnitPrice, type UnitPrice } from './choose-unit-price.ts';
import { moneyView } from './money-view.ts';
import { requireFields } from '../../common/contract/requires.ts';
import { destinationOf, requireMarket } from './require-market.ts';

/** A product as the gateway hands it over: its id, plus the fields `price` requires from products. */
export interface ProductRepresentation {
  id: string;
  hsCode?: string | null;
  originCountry?: string | null;
}

const TAX_CATEGORY = { standard: 'STANDARD', reduced: 'REDUCED', zero: 'ZERO' } as const;

/** The conversion behind a price, or null when none happened (base price already in the market's currency). */
export function fxConversionOf(unit: Pick<UnitPrice, 'fx'>, from: string, to: string) {
  if (!unit.fx || from === to) return null;
  return { from, to, rate: unit.fx.rate, asOf: unit.fx.asOf, source: unit.fx.source, stale: unit.fx.stale };
}

function dutyOf(quote: ProductQuote, market: MarketRecord, dutyRates: readonly DutyRateRecord[]) {
  if (!quote.dutiable) return null;
  return {
    amount: moneyView(quote.duty, market),
    importTax: moneyView(quote.importTax, market),
    ratePercent: quote.dutyRatePercent,
    hsPrefix: quote.dutyHsPrefix,
    rateKnown: quote.dutyRateFound,
    included: quote.dutyIncluded,
    belowDeMinimis: quote.belowDeMinimis,
    asOf: dutyRates.find((rate) => rate.hsPrefix === quote.dutyHsPrefix)?.asOf ?? null,
  };
}

/** `Product` as pricing extends it: `price(country)`. */
export const Product = {
  __resolveReference: (reference: ProductRepresentation) => reference,

  async price(product: ProductRepresentation, args: { country?: string | null }, context: PricingContext) {
    const { hsCode, originCountry } = requireFields(product, ['hsCode', 'originCountry'], 'Product', 'Product.price');
    const country = destinationOf(args.country, context);
    const inputs = await loadPricingInputs(context.loaders, country, [{ id: product.id, hsCode }]);
    const market = requireMarket(inputs.markets, country);
    const unit = chooseUnitPrice(inputs, market, 0, product.id, context);
    if (!unit) return null;

    const quoteOf = (unitPrice: UnitPrice['unitPrice']) =>
      quoteProduct({
        productId: product.id,
        unitPrice,
        hsCode,
        taxCategory: unit.taxCategory,
        dutiable: crossesCustomsBorder(originCountry, country, CUSTOMS_UNIONS),
        market,
        taxRates: inputs.taxRates,
        dutyRates: inputs.dutyRates,
        deMinimis: inputs.deMinimis,
      });
    const quote = quoteOf(unit.unitPrice);
    // The struck-through price is quoted like the shown one, so that under DDP both include duty.
    const compareAt = unit.compareAt ? quoteOf(unit.compareAt).amount : null;
    return {
      productId: product.id,
      market,
      amount: moneyView(quote.amount, market),
      net: moneyView(quote.net, market),
      taxIncluded: quote.taxIncluded,
      tax: {
        amount: moneyView(quote.tax, market),
        ratePercent: quote.taxRatePercent,
        category: TAX_CATEGORY[unit.taxCategory],
        included: quote.taxIncluded,
      },
      duty: dutyOf(quote, market, inputs.dutyRates),
      compareAt: compareAt ? moneyView(compareAt, market) : null,
      saleEndsAt: unit.saleEndsAt,
      source: unit.source,
      fx: fxConversionOf(unit, unit.baseCurrency, market.currency),
    };
  },
};
