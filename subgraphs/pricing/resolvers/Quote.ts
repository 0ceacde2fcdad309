import { DomainError, ErrorCode } from '../../common/contract/errors.ts';
import { MissingRequiredFieldsError, requireFields } from '../../common/contract/requires.ts';
import { decodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import {
  convert,
  convertIntoMarket,
  crossesCustomsBorder,
  CUSTOMS_UNIONS,
  deMinimisIn,
  dutyIncludedIn,
  moneyOf,
  presentmentCurrencyOf,
  presentmentFor,
  quoteConsignment,
  type BreakdownRow,
  type ConsignmentQuote,
  type Money,
  type PriceSource,
} from '../domain/index.ts';
import type { MarketRecord } from '../mappers.ts';
import { loadPricingInputs } from '../pricing-inputs.ts';
import type { PricingContext } from '../context.ts';
import { chooseUnitPrice } from './choose-unit-price.ts';
import { explanationOf } from './explanation.ts';
import { moneyView } from './money-view.ts';
import { requireMarket } from './require-market.ts';

/** A quote as the gateway hands it over: its id, plus what products and fulfillment resolved for `@requires`. */
export interface QuoteRepresentation {
  id: string;
  shipToCountry?: string | null;
  /** The shopper's presentment currency (products); null for the market's own. */
  requestedCurrency?: string | null;
  lines?: { quantity: number; product: { id: string; hsCode?: string | null; originCountry?: string | null } }[] | null;
  /** The parcels the cart ships in (fulfillment): where each leaves from, what it carries, its charge reference. */
  shipments?: ShipmentRepresentation[] | null;
  /** The market's free-shipping threshold (fulfillment); null when it never ships free. */
  freeShippingThreshold?: { id: string } | null;
}

/** A parcel as fulfillment resolves it for `@requires`. */
export interface ShipmentRepresentation {
  fromWarehouse?: { country?: string | null } | null;
  lines?: { quantity?: number | null; product?: { id: string } | null }[] | null;
  charge?: { id: string } | null;
}

/** A consignment priced in its destination market. */
export interface PricedQuote {
  market: MarketRecord;
  /** The currency the quote is presented and charged in. */
  currency: string;
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
export function priceQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote> {
  let priced = context.quotes.get(quote);
  if (!priced) {
    priced = computeQuote(quote, context);
    context.quotes.set(quote, priced);
  }
  return priced;
}

async function computeQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote> {
  const { shipToCountry: country, lines: requiredLines, shipments } = requireFields(
    quote,
    ['shipToCountry', 'lines', 'shipments'],
    'Quote',
    'Quote',
  );
  // Null is a real answer (the market never ships free); absent means the query plan did not send it.
  if (quote.freeShippingThreshold === undefined) throw new MissingRequiredFieldsError('Quote', ['freeShippingThreshold'], 'Quote');
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
  const currency = presentmentCurrencyOf(market, quote.requestedCurrency);
  const parcels = parcelsOf(shipments, lines);
  // A line's goods cross a customs border when its parcel's warehouse is outside the destination's customs
  // territory; a line no parcel carries does not ship, so it crosses nothing (the consignment decides the same).
  const dutiableLines = lines.map((_, index) => {
    const parcel = parcels.find((candidate) => candidate.lineIndexes.includes(index));
    return parcel ? crossesCustomsBorder(parcel.fromCountry, country, CUSTOMS_UNIONS) : false;
  });
  const priced = lines.map((line, index) => {
    const unit = chooseUnitPrice(inputs, market, index, { id: line.productId, hsCode: line.hsCode, dutiable: dutiableLines[index]! }, context, currency);
    if (!unit) {
      throw new DomainError(ErrorCode.NOT_AVAILABLE, `Product ${line.productId} has no price for ${country}`, {
        productId: line.productId,
        country,
      });
    }
    return { line, unit };
  });
  // The quote's market as the consignment sees it: its rules, in the presented currency and its rounding.
  const presented = { ...market, currency, presentment: presentmentFor(market, currency) };
  const conversion = { rates: inputs.fxRates, now: context.now, maxRateAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours };
  const consignment = quoteConsignment({
    lines: priced.map(({ line, unit }) => ({
      productId: line.productId,
      // The goods' price as the product page computes it (its duty share left to the consignment's own duty).
      unitPrice: unit.goodsPrice,
      quantity: line.quantity,
      hsCode: line.hsCode,
      taxCategory: unit.taxCategory,
    })),
    market: presented,
    taxRates: inputs.taxRates,
    dutyRates: inputs.dutyRates,
    deMinimis: deMinimisIn(inputs.deMinimis, currency, conversion),
    now: context.now,
    // Each parcel's charge converted as `ShippingCharge.amount` converts it: FX margin, then the presentment rule once.
    parcels: parcels.map((parcel) => ({
      ...parcel,
      charge: convertIntoMarket(chargeOf(parcel.charge), { market: presented, ...conversion }).money,
    })),
    freeShippingThreshold: quote.freeShippingThreshold ? thresholdIn(chargeOf(quote.freeShippingThreshold), currency, conversion) : null,
  });
  return { market, currency, consignment, sources: priced.map(({ unit }) => unit.source) };
}

/**
 * The quote's parcels with the indexes of the quote lines each carries. A shipment line names a product and a
 * quantity; it is matched to the first line of that product not yet in a parcel (the same quantity first, since
 * fulfillment ships a line whole or not at all).
 */
export function parcelsOf(
  shipments: readonly ShipmentRepresentation[],
  lines: readonly { productId: string; quantity: number }[],
): { fromCountry: string; lineIndexes: number[]; charge: { id: string } }[] {
  const carried = new Set<number>();
  return shipments.map((shipment) => {
    const { fromWarehouse, lines: shipped, charge } = requireFields(shipment, ['fromWarehouse', 'lines', 'charge'], 'Shipment', 'Quote.shipments');
    const { country } = requireFields(fromWarehouse, ['country'], 'Warehouse', 'Quote.shipments');
    const lineIndexes = shipped.map((shippedLine) => {
      const { product, quantity } = requireFields(shippedLine, ['product', 'quantity'], 'ShipmentLine', 'Quote.shipments');
      const candidates = lines.map((line, index) => ({ line, index })).filter(({ line, index }) => line.productId === product.id && !carried.has(index));
      const match = candidates.find(({ line }) => line.quantity === quantity) ?? candidates[0];
      if (!match) throw new Error(`Shipment from ${country} carries ${product.id}, which is not a line of the quote`);
      carried.add(match.index);
      return match.index;
    });
    return { fromCountry: country, lineIndexes, charge };
  });
}

function chargeOf(reference: { id: string }): Money {
  const { charge } = decodeShippingChargeId(reference.id);
  return moneyOf(charge.minor, charge.currency);
}

/** The threshold in the quote's currency at the reference rate (a margin would move the shopper's goalpost). */
function thresholdIn(threshold: Money, currency: string, options: { rates: PricingInputsRates; now: Date; maxRateAgeHours: number }): Money {
  if (threshold.currency === currency) return threshold;
  return convert(threshold, currency, options.rates, { now: options.now, maxAgeHours: options.maxRateAgeHours, rounding: 'HALF_UP' }).money;
}
type PricingInputsRates = Parameters<typeof convert>[2];

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

function customsValuationView({ basis, goods, freight, insurance, value }: ConsignmentQuote['customsValue'], market: MarketRecord) {
  return {
    basis,
    goods: moneyView(goods, market),
    freight: moneyView(freight, market),
    insurance: moneyView(insurance, market),
    value: moneyView(value, market),
  };
}

type MoneyField = 'itemsTotal' | 'tax' | 'duty' | 'importTax' | 'dueOnDelivery' | 'total';

/** A resolver for one Money field of the priced consignment. */
function moneyField(field: MoneyField) {
  return async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment[field], market);
  };
}

/** `Quote` as pricing extends it: money for the consignment the products subgraph validated. */
export const Quote = {
  __resolveReference: (reference: QuoteRepresentation) => reference,
  market: (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => marketOf(quote, context),
  dutyIncluded: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    dutyIncludedIn(await marketOf(quote, context)),
  currency: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => (await priceQuote(quote, context)).currency,
  async pricedLines(quote: QuoteRepresentation, _args: unknown, context: PricingContext) {
    const priced = await priceQuote(quote, context);
    return priced.consignment.items.map((item, index) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: moneyView(item.unitPrice, priced.market),
      lineTotal: moneyView(item.lineTotal, priced.market),
      tax: moneyView(item.tax, priced.market),
      duty: moneyView(item.duty, priced.market),
      dutyBasis: item.dutyBasis,
      source: priced.sources[index],
    }));
  },
  items: moneyField('itemsTotal'),
  tax: moneyField('tax'),
  duty: moneyField('duty'),
  importTax: moneyField('importTax'),
  dueOnDelivery: moneyField('dueOnDelivery'),
  total: moneyField('total'),
  shipping: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return consignment.shipping ? moneyView(consignment.shipping, market) : null;
  },
  freeShipping: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    (await priceQuote(quote, context)).consignment.freeShipping,
  customsValue: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return moneyView(consignment.customsValue.value, market);
  },
  customsValuation: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return customsValuationView(consignment.customsValue, market);
  },
  belowDeMinimis: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    !(await priceQuote(quote, context)).consignment.deMinimis.dutyOwed,
  breakdown: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) =>
    breakdownOf(await priceQuote(quote, context)),
  consignments: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { market, consignment } = await priceQuote(quote, context);
    return consignment.consignments.map((parcel) => ({
      fromCountry: parcel.fromCountry,
      productIds: parcel.lineIndexes.map((index) => consignment.items[index]!.productId),
      crossesCustomsBorder: parcel.crossesCustomsBorder,
      shipping: parcel.shipping ? moneyView(parcel.shipping, market) : null,
      customsValuation: customsValuationView(parcel.customsValue, market),
      thresholdValue: moneyView(parcel.comparedValue, market),
      belowDeMinimis: !parcel.dutyOwed,
      dutyBasis: parcel.dutyBasis,
      duty: moneyView(parcel.duty, market),
      importTax: moneyView(parcel.importTax, market),
    }));
  },
  explanation: async (quote: QuoteRepresentation, _args: unknown, context: PricingContext) => {
    const { consignment } = await priceQuote(quote, context);
    return explanationOf(consignment.steps, consignment.total);
  },
};
