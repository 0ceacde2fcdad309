import { randomBytes } from 'node:crypto';
import type { Model } from 'mongoose';
import { minorUnitsOf } from '../domain/index.ts';
import type { PriceProjectionDocument } from '../projection-models.ts';

/** Runs an operation against the supergraph and returns its `data` and `errors`. */
export type GraphReader = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: any; errors?: readonly { message: string }[] }>;

const MARKETS = /* GraphQL */ `query PriceProjectorMarkets { markets { country currency } }`;

// The product page's own fields: the projection holds exactly the figure the page shows.
const PAGE = /* GraphQL */ `
  query PriceProjectorPage($country: CountryCode!, $first: Int!, $after: String) {
    products(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        brand
        category { path }
        stockCountries
        price(country: $country) { amount { amount currencyCode } }
        delivery(shipTo: $country) { shippable }
      }
    }
  }
`;

const PAGE_SIZE = 100;

interface PageNode {
  id: string;
  brand: string;
  category: { path: string[] };
  stockCountries: string[];
  price: { amount: { amount: string; currencyCode: string } } | null;
  delivery: { shippable: boolean } | null;
}

/** What one pass did, per market. */
export interface ProjectionPass {
  pass: string;
  startedAt: Date;
  finishedAt: Date;
  rows: number;
  removed: number;
  /** Markets whose pages came back with errors: their rows of earlier passes are kept, not removed. */
  incomplete: string[];
}

function rowOf(node: PageNode, country: string, pass: string, refreshedAt: Date): PriceProjectionDocument | null {
  if (!node.price || !node.delivery) return null;
  const { amount, currencyCode } = node.price.amount;
  return {
    country,
    productId: node.id,
    currency: currencyCode,
    amountMinor: minorUnitsOf(amount, currencyCode),
    brand: node.brand,
    categoryPath: node.category.path,
    shippable: node.delivery.shippable,
    inStock: node.stockCountries.length > 0,
    pass,
    refreshedAt,
  };
}

/** Projects one market: every product page of the catalog, read and written a page at a time. */
async function projectMarket(model: Model<PriceProjectionDocument>, read: GraphReader, country: string, pass: string) {
  let after: string | null = null;
  let rows = 0;
  let complete = true;
  for (;;) {
    const refreshedAt = new Date();
    const response = await read(PAGE, { country, first: PAGE_SIZE, after });
    if (response.errors?.length) complete = false;
    const page = response.data?.products;
    if (!page) return { rows, removed: 0, complete: false };
    const documents = (page.nodes as (PageNode | null)[])
      .flatMap((node) => (node ? [rowOf(node, country, pass, refreshedAt)] : []))
      .filter((row) => row !== null);
    if (documents.length > 0) {
      await model.bulkWrite(
        documents.map((row) => ({ replaceOne: { filter: { country, productId: row.productId }, replacement: row, upsert: true } })),
        { ordered: false },
      );
    }
    rows += documents.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  // A product no longer listed, or no longer priced there, leaves the market's list; after a partial read nothing does.
  const removed = complete ? (await model.deleteMany({ country, pass: { $ne: pass } })).deletedCount : 0;
  return { rows, removed, complete };
}

/**
 * One pass of the price projection: for every market, every product's shown price, shippability and stock, read
 * through the supergraph exactly as a product page reads them, written to `price_projections`. `only` limits the
 * pass to those markets' countries.
 */
export async function projectPrices(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  only?: readonly string[],
): Promise<ProjectionPass> {
  const startedAt = new Date();
  const pass = `${startedAt.toISOString()}-${randomBytes(4).toString('hex')}`;
  const markets = await read(MARKETS, {});
  if (!markets.data?.markets) throw new Error(`price projection: cannot read the markets: ${markets.errors?.[0]?.message ?? 'no data'}`);
  const result: ProjectionPass = { pass, startedAt, finishedAt: startedAt, rows: 0, removed: 0, incomplete: [] };
  for (const { country } of markets.data.markets as { country: string }[]) {
    if (only && !only.includes(country)) continue;
    const counts = await projectMarket(model, read, country, pass);
    result.rows += counts.rows;
    result.removed += counts.removed;
    if (!counts.complete) result.incomplete.push(country);
  }
  result.finishedAt = new Date();
  return result;
}
