import { DomainError, ErrorCode } from '../../common/contract/errors.ts';
import {
  crossesCustomsBorder,
  dutyIncludedIn,
  quoteConsignment,
  type BreakdownRow,
  type ConsignmentQuote,
  type PriceSource,
  CUSTOMS_UNIONS,
} from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';
import { loadPricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../subgraph.ts';
import { chooseUnitPrice } from './choose-unit-price.ts';
import { moneyView } from './money-view.ts';
import { requireFields } from '../../common/contract/requires.ts';
import { requireMarket } from './require-market.ts';

/** A quote as the gateway hands it over: its id, plus what the products subgraph resolved for `@requires`. */
export interface QuoteRepresentation {
  id: string;
  shipToCountry?: string | null;
  lines?: { quantity: number; product: { id: string; hsCode?: string | null; originCountry?: string | null } }[] | null;
}

/** A consignment priced in its destination market. */
export interface PricedQuote {
  market: MarketRecord;
  consignment: ConsignmentQuote;
  /** Where each line's unit price came from, in line order. */
  sources: PriceSource[];
}

const BREAKDOWN_LABELS: Record<BreakdownRow['kind'], string> = {
  ITEMS: 'Items',
  SHIPPING: 'Shipping',
  SHIPPING_DISCOUNT: 'Free shipping',
  TAX: 'VAT/GST',
  DUTY: 'Import duty',
  IMPORT_TAX: 'Import VAT/GST on duty',
};

async function marketOf(quote: QuoteRepresentation, context: PricingContext): Promise<MarketRecord> {
  const { shipToCountry: country } = requireFields(quote, ['shipToCountry'], 'Quote', 'Quote');
  return requireMarket(await context.loaders.markets(), country);
}

/** Prices a quote once per request, however many of its fields are asked for. */
function priceQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote> {
  let priced = context.quotes.get(quote);
  if (!priced) {
    priced = computeQuote(quote, context);
    context.quotes.set(quote, priced);
  }
  return priced;
}

async function computeQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote> {
  const { shipToCountry: country, lines: requiredLines } = requireFields(quote, ['shipToCountry', 'lines'], 'Quote', 'Quote');
  const lines = requiredLines.map((line) => {
    const { hsCode, originCountry } = requireFields(line.product, ['hsCode', 'originCountry'], 'Product', 'Quote.lines');
    return { quantity: line.quantity, productId: line.product.id, hsCode, originCountry };
  });
  const inputs = await loadPricingInputs(
    context.loaders,
    country,
    lines.map((line) => ({ id: line.productId, hsCode: line.hsCode })),
  );
  const market = requireMarket(inputs.markets, country);
  const priced = lines.map((line, index) => {
    const unit = chooseUnitPrice(inputs, market, index, { id: line.productId, hsCode: line.hsCode, originCountry: line.originCountry }, context);
    if (!unit) {
      throw new DomainError(ErrorCode.NOT_AVAILABLE, `Product ${line.productId} has no price for ${country}`, {
        productId: line.productId,
        country,
      });
    }
    return { line, unit };
  });
  const consignment = quoteConsignment({
    lines: priced.map(({ line, unit }) => ({
      productId: line.productId,
      // The goods' price as the product page computes it (its duty share left to the consignment's own duty).
      unitPrice: unit.goodsPrice,
      quantity: line.quantity,
      hsCode: line.hsCode,
      taxCategory: unit.taxCategory,
      dutiable: crossesCustomsBorder(line.originCountry, country, CUSTOMS_UNIONS),
    })),
    market,
    taxRates: inputs.taxRates,
    dutyRates: inputs.dutyRates,
    deMinimis: inputs.deMinimis,
  });
  return { market, consignment, sources: priced.map(({ unit }) => unit.source) };
}

function breakdownOf({ market, consignment }: PricedQuote) {
  const rows = consignment.breakdown.map((row) => {
    const dueOnDelivery = row.treatment === 'DUE_ON_DELIVERY';
    const label =
      row.kind === 'TAX' && row.treatment === 'INCLUDED'
        ? 'VAT/GST included'
        : `${BREAKDOWN_LABELS[row.kind]}${dueOnDelivery ? ' (estimate, due on delivery)' : ''}`;
    return { kind: row.kind, label, amount: moneyView(row.amount, market), inTotal: !dueOnDelivery, treatment: row.treatment };
  });
  return [...rows, { kind: 'TOTAL', label: 'Total', amount: moneyView(consignment.total, market), inTotal: true, treatment: null }];
}

/** `Quote` as pricing extends it: money for the consignment the products subgraph validated. */
export const Quote = {
  __resolveReference: (reference: QuoteRepresentation) => reference,
  market: (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => marketOf(quote, context),
  dutyIncluded: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    dutyIncludedIn(await marketOf(quote, context)),
  async pricedLines(quote: QuoteRepresentation, _args: unknown, context: PricingContext) {
    const priced = await priceQuote(quote, context);
    return priced.consignment.items.map((item, index) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: moneyView(item.unitPrice, priced.market),
      lineTotal: moneyView(item.lineTotal, priced.market),
      tax: moneyView(item.tax, priced.market),
      duty: moneyView(item.duty, priced.market),
      source: priced.sources[index],
    }));
  },
  items: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.itemsTotal, market);
  },
  tax: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.tax, market);
  },
  duty: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.duty, market);
  },
  importTax: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.importTax, market);
  },
  customsValue: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.deMinimis.consignmentValue, market);
  },
  belowDeMinimis: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    !(await priceQuote(quote, context)).consignment.deMinimis.dutyOwed,
  dueOnDelivery: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.dueOnDelivery, market);
  },
  total: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.total, market);
  },
  breakdown: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    breakdownOf(await priceQuote(quote, context)),
};
