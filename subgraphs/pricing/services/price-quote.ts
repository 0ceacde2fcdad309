import { DomainError, ErrorCode } from '../../common/contract/errors.ts';
import { MissingRequiredFieldsError, requireFields } from '../../common/contract/requires.ts';
import { decodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { requireMarket } from '../../common/require-market.ts';
import {
  convertIntoMarket,
  deMinimisIn,
  lineCrossesBorder,
  matchShippedLine,
  moneyOf,
  presentedMarket,
  presentmentCurrencyOf,
  quoteConsignment,
  thresholdInCurrency,
  type Money,
  type PricedQuote,
} from '../domain/index.ts';
import type { MarketRecord, QuoteRepresentation, ShipmentRepresentation } from '../mappers.ts';
import { loadPricingInputs } from './load-pricing-inputs.ts';
import { quoteTaxDestination } from './locate-tax-destination.ts';
import type { PricingContext } from '../context.ts';
import { chooseUnitPrice } from './choose-unit-price.ts';
import { spellQuoteKey } from './spell-quote-key.ts';

/** Prices a quote once per request, however many of its fields are asked for. */
export function priceQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote<MarketRecord>> {
  return context.quotes.get(spellQuoteKey(quote), () => computeQuote(quote, context));
}

async function computeQuote(quote: QuoteRepresentation, context: PricingContext): Promise<PricedQuote<MarketRecord>> {
  const {
    shipToCountry,
    lines: requiredLines,
    shipments,
  } = requireFields(quote, ['shipToCountry', 'lines', 'shipments'], 'Quote', 'Quote');
  const destination = await quoteTaxDestination(context.loaders, quote, shipToCountry);
  const { country } = destination;
  // Null is a real answer (the market never ships free); absent means the query plan did not send it.
  if (quote.freeShippingThreshold === undefined) throw new MissingRequiredFieldsError('Quote', ['freeShippingThreshold'], 'Quote');
  const lines = requiredLines.map((line) => {
    const { hsCode, originCountry, originProofs } = requireFields(
      line.product,
      ['hsCode', 'originCountry', 'originProofs'],
      'Product',
      'Quote.lines',
    );
    // Null for goods sold by the piece; a per-kg excise needs it (absent from an older gateway plan: none).
    const netQuantity = line.product.netQuantity ?? null;
    return { quantity: line.quantity, productId: line.product.id, hsCode, originCountry, originProofs, netQuantity };
  });
  const inputs = await loadPricingInputs(
    context.loaders,
    country,
    lines.map((line) => ({ id: line.productId, hsCode: line.hsCode })),
    destination.referenceKey,
  );
  const market = requireMarket(inputs.reference.markets, country);
  const currency = presentmentCurrencyOf(market, quote.requestedCurrency);
  const parcels = parcelsOf(shipments, lines);
  // The special territory the address lies in decides, with each warehouse, what crosses a border (not Büsingen:
  // priced as Switzerland, whose own rules decide).
  const jurisdiction = inputs.reference.jurisdiction;
  const territory = jurisdiction && jurisdiction.jurisdiction.pricedAs === null ? jurisdiction.jurisdiction : null;
  const priced = lines.map((line, index) => {
    // The unit is priced as it leaves its parcel's warehouse (a preference needs the origin's side); unshipped: its origin.
    const shipFrom = parcels.find((parcel) => parcel.lineIndexes.includes(index))?.fromCountry ?? line.originCountry;
    const origin = { originCountry: line.originCountry, originProofs: line.originProofs, shipFrom };
    const product = {
      id: line.productId,
      hsCode: line.hsCode,
      dutiable: lineCrossesBorder(index, parcels, country, territory),
      origin,
      netQuantity: line.netQuantity,
    };
    const unit = chooseUnitPrice(inputs, market, index, product, context, currency);
    if (!unit) {
      throw new DomainError(ErrorCode.NOT_AVAILABLE, `Product ${line.productId} has no price for ${country}`, {
        productId: line.productId,
        country,
      });
    }
    return { line, unit };
  });
  const presented = presentedMarket(market, currency);
  const conversion = {
    rates: inputs.reference.fxRates,
    now: context.now,
    maxRateAgeHours: market.fxMaxAgeHours ?? context.config.fxMaxAgeHours,
  };
  const consignment = quoteConsignment({
    lines: priced.map(({ line, unit }) => ({
      productId: line.productId,
      // The goods' price as the product page computes it (its duty share left to the consignment's own duty).
      unitPrice: unit.goodsPrice,
      // Gross where the page's price includes VAT/GST; net where the carrier collects it on delivery.
      priceIncludesTax: unit.taxIncluded,
      quantity: line.quantity,
      hsCode: line.hsCode,
      taxCategory: unit.taxCategory,
      origin: { originCountry: line.originCountry, originProofs: line.originProofs },
      netQuantity: line.netQuantity,
    })),
    market: presented,
    taxRates: inputs.reference.taxRates,
    dutyRates: inputs.dutyRates,
    deMinimis: deMinimisIn(inputs.reference.deMinimis, currency, conversion),
    collection: inputs.reference.collectionIn(currency, conversion.maxRateAgeHours),
    levies: inputs.reference.leviesIn(currency, conversion.maxRateAgeHours),
    now: context.now,
    preferences: inputs.reference.preferences,
    territory,
    // Each parcel's charge converted as `ShippingCharge.amount` converts it: FX margin, then the presentment rule once.
    parcels: parcels.map((parcel) => ({
      ...parcel,
      charge: convertIntoMarket(chargeOf(parcel.charge), { market: presented, ...conversion }).money,
    })),
    freeShippingThreshold: quote.freeShippingThreshold
      ? thresholdInCurrency(chargeOf(quote.freeShippingThreshold), currency, conversion)
      : null,
  });
  const recipientCustomsCode = inputs.reference.deMinimis.find((record) => record.destination === country)?.recipientCustomsCode ?? null;
  return { market, currency, consignment, sources: priced.map(({ unit }) => unit.source), recipientCustomsCode, jurisdiction };
}

/** The quote's parcels, read from the representation, with the indexes of the quote lines each carries. */
function parcelsOf(
  shipments: readonly ShipmentRepresentation[],
  lines: readonly { productId: string; quantity: number }[],
): { fromCountry: string; lineIndexes: number[]; charge: { id: string } }[] {
  const carried = new Set<number>();
  return shipments.map((shipment) => {
    const {
      fromWarehouse,
      lines: shipped,
      charge,
    } = requireFields(shipment, ['fromWarehouse', 'lines', 'charge'], 'Shipment', 'Quote.shipments');
    const { country } = requireFields(fromWarehouse, ['country'], 'Warehouse', 'Quote.shipments');
    const lineIndexes = shipped.map((shippedLine) => {
      const { product, quantity } = requireFields(shippedLine, ['product', 'quantity'], 'ShipmentLine', 'Quote.shipments');
      const index = matchShippedLine({ productId: product.id, quantity }, lines, carried);
      if (index === null) throw new Error(`Shipment from ${country} carries ${product.id}, which is not a line of the quote`);
      carried.add(index);
      return index;
    });
    return { fromCountry: country, lineIndexes, charge };
  });
}

function chargeOf(reference: { id: string }): Money {
  const { charge } = decodeShippingChargeId(reference.id);
  return moneyOf(charge.minor, charge.currency);
}
