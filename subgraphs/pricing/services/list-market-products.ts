import type { Model } from 'mongoose';
import { badUserInput } from '../../common/contract/errors.ts';
import { currencyExponent } from '../../common/contract/currency.ts';
import { aggregateDocuments, findDocuments } from '../../common/find-documents.ts';
import { requireMarket } from '../../common/require-market.ts';
import type { PricingContext } from '../context.ts';
import { decodeListingCursor, encodeListingCursor, minorUnitsOf, priceBuckets } from '../domain/index.ts';
import type { MarketListingView } from '../mappers.ts';
import type { PriceProjectionDocument } from '../projection-models.ts';
import { moneyView } from '../views/money-view.ts';

/** A market's product list as a client asks for it (`Query.marketProducts`). */
export interface MarketListingRequest {
  country: string;
  filter?: {
    price?: { min?: string | null; max?: string | null } | null;
    brand?: string | null;
    category?: string | null;
    shippable?: boolean | null;
    inStock?: boolean | null;
  } | null;
  sort?: { direction?: 'ASC' | 'DESC' | null } | null;
  first?: number | null;
  after?: string | null;
}

type Row = Pick<PriceProjectionDocument, 'productId' | 'amountMinor' | 'brand' | 'categoryPath' | 'refreshedAt'>;

function matchOf(request: MarketListingRequest, currency: string): Record<string, unknown> {
  const filter = request.filter ?? {};
  const match: Record<string, unknown> = { country: request.country };
  if (filter.shippable != null) match.shippable = filter.shippable;
  if (filter.inStock != null) match.inStock = filter.inStock;
  if (filter.brand) match.brand = filter.brand;
  if (filter.category) match.categoryPath = filter.category;
  const range: Record<string, number> = {};
  if (filter.price?.min != null) range.$gte = minorUnitsOf(filter.price.min, currency);
  if (filter.price?.max != null) range.$lt = minorUnitsOf(filter.price.max, currency);
  if (Object.keys(range).length > 0) match.amountMinor = range;
  return match;
}

/** Counts of the whole result (not the page): brands, categories (each ancestor counted) and price buckets. */
async function facetsOf(model: Model<PriceProjectionDocument>, match: Record<string, unknown>, currency: string) {
  const rows = await findDocuments<Row>(model, match, {
    projection: { _id: 0, amountMinor: 1, brand: 1, categoryPath: 1 },
    batchSize: 10_000,
  });
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([value, n]) => ({ value, count: n }));
  };
  const amounts = rows.map((row) => row.amountMinor);
  const buckets = amounts.length === 0 ? [] : priceBuckets(Math.min(...amounts), Math.max(...amounts), 10 ** currencyExponent(currency));
  return {
    brands: count(rows.map((row) => row.brand)),
    categories: count(rows.flatMap((row) => row.categoryPath)),
    priceBuckets: buckets.map((bucket) => ({
      ...bucket,
      count: amounts.filter((amount) => amount >= bucket.fromMinor && (bucket.toMinor === null || amount < bucket.toMinor)).length,
    })),
  };
}

/**
 * A page of a market's products filtered and sorted by the price its shoppers are shown, from the price
 * projection: an index range in price order under the market and the filter, read as far as the page needs.
 */
export async function listMarketProducts(context: PricingContext, request: MarketListingRequest): Promise<MarketListingView> {
  const model = context.priceProjections;
  const market = requireMarket(await context.loaders.markets(), request.country);
  const first = request.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badUserInput(`Invalid page size ${first}: "first" must be between 1 and 100`, { first });
  const direction = request.sort?.direction === 'DESC' ? -1 : 1;
  const match = matchOf(request, market.currency);
  const after = request.after ? decodeListingCursor(request.after) : null;
  const beyond = direction === 1 ? '$gt' : '$lt';
  const pageFilter = after
    ? {
        $and: [
          match,
          {
            $or: [
              { amountMinor: { [beyond]: after.amountMinor } },
              { amountMinor: after.amountMinor, productId: { [beyond]: after.productId } },
            ],
          },
        ],
      }
    : match;
  const rows = await findDocuments<Row>(model, pageFilter, {
    projection: { _id: 0, productId: 1, amountMinor: 1, refreshedAt: 1 },
    sort: { amountMinor: direction, productId: direction },
    limit: first + 1,
  });
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({
    cursor: encodeListingCursor(row),
    node: { id: row.productId },
    price: moneyView({ minor: BigInt(row.amountMinor), currency: market.currency }, market),
    refreshedAt: row.refreshedAt,
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () =>
      (await aggregateDocuments<{ n: number }>(model, [{ $match: match }, { $group: { _id: 1, n: { $sum: 1 } } }]))[0]?.n ?? 0,
    facets: async () => {
      const facets = await facetsOf(model, match, market.currency);
      return {
        ...facets,
        priceBuckets: facets.priceBuckets.map((bucket) => ({
          min: moneyView({ minor: BigInt(bucket.fromMinor), currency: market.currency }, market),
          max: bucket.toMinor === null ? null : moneyView({ minor: BigInt(bucket.toMinor), currency: market.currency }, market),
          count: bucket.count,
        })),
      };
    },
  };
}
