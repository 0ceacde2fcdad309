import { badUserInput, echoed } from '../../common/contract/errors.ts';
import { requireFields } from '../../common/contract/requires.ts';
import {
  destinationTimeZone,
  destinationWithin,
  planCart,
  ServiceLevel,
  type CartLine,
  type Destination,
  type QuotePlan,
} from '../domain/index.ts';
import type { QuoteRepresentation } from '../mappers.ts';
import type { FulfillmentContext } from '../context.ts';
import { locateDestination } from './locate-destination.ts';
import { requireQuoteMarket } from './require-quote-market.ts';

const LEVELS: Record<string, ServiceLevel> = { STANDARD: ServiceLevel.STANDARD, EXPRESS: ServiceLevel.EXPRESS };

function requestedLevelOf(quote: QuoteRepresentation): ServiceLevel | null {
  const requested = quote.requestedDeliveryLevel;
  if (requested === null || requested === undefined) return null;
  const level = LEVELS[requested];
  if (!level)
    throw badUserInput(`Unknown delivery level ${JSON.stringify(echoed(requested))}; use STANDARD or EXPRESS`, {
      requestedDeliveryLevel: echoed(requested),
    });
  return level;
}

/** The cart lines of a representation; the physical facts come from products through `@requires`. */
function cartLinesOf(quote: QuoteRepresentation): CartLine[] {
  const { lines } = requireFields(quote, ['lines'], 'Quote', 'Quote');
  return lines.map((line) => {
    const { quantity, product } = requireFields(line, ['quantity', 'product'], 'QuoteLine', 'Quote');
    const { weightGrams, dimensions, complianceTags } = requireFields(
      product,
      ['weightGrams', 'dimensions', 'complianceTags'],
      'Product',
      'Quote.lines',
    );
    const {
      lengthCm: l,
      widthCm: w,
      heightCm: h,
    } = requireFields(dimensions, ['lengthCm', 'widthCm', 'heightCm'], 'Dimensions', 'Quote.lines');
    return { productId: product.id, quantity, parcel: { actualGrams: weightGrams, dimensionsCm: { l, w, h } }, complianceTags };
  });
}

async function computeQuotePlan(quote: QuoteRepresentation, context: FulfillmentContext): Promise<QuotePlan> {
  const { country, market } = await requireQuoteMarket(quote, context);
  const requestedLevel = requestedLevelOf(quote);
  const lines = cartLinesOf(quote);
  const { loaders, now } = context;
  // Stock of every line in one `$in` batch (loadMany); lanes, zones and rules from the reference cache.
  const [stockRows, tables] = await Promise.all([loaders.stockByProduct.loadMany(lines.map((line) => line.productId)), loaders.tables()]);
  const { warehouses, carrierServices: services, shippingZones: zones, complianceRules: rules } = tables;
  const stock = new Map(
    lines.map((line, index) => {
      const rows = stockRows[index];
      if (rows instanceof Error) throw rows;
      return [line.productId, new Map((rows ?? []).map((row) => [row.warehouseId, row.units]))] as const;
    }),
  );
  const timeZone = destinationTimeZone(country, market, now);
  const within = locateDestination(country, { region: quote.shipToRegion, postalCode: quote.shipToPostalCode }, tables.areas);
  const destination: Destination = within ? destinationWithin(country, timeZone, within) : { country, timeZone };
  const plan = planCart({ lines, destination, now, warehouses, services, stock, rules, zones });
  return { plan, destination, market, requestedLevel };
}

/**
 * The quote's cart plan, computed once per request however many of its fields are asked for. Keyed by the
 * representation's content, not its object: fields fetched in separate `_entities` calls get separate copies.
 */
export function planQuote(quote: QuoteRepresentation, context: FulfillmentContext): Promise<QuotePlan> {
  const key = JSON.stringify([
    quote.id,
    quote.shipToCountry,
    quote.shipToRegion,
    quote.shipToPostalCode,
    quote.requestedDeliveryLevel,
    quote.lines,
  ]);
  return context.quotePlans.get(key, () => computeQuotePlan(quote, context));
}
