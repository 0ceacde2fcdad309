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
const ROW_FIELDS = /* GraphQL */ `
  id
  brand
  category { path }
  stockCountries
  price(country: $country) { amount { amount currencyCode } }
  delivery(shipTo: $country) { shippable }
`;

const PAGE = /* GraphQL */ `
  query PriceProjectorPage($country: CountryCode!, $first: Int!, $after: String) {
    products(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ${ROW_FIELDS} }
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

/** Writes a market's rows, each replacing the product's earlier row there. */
async function writeRows(model: Model<PriceProjectionDocument>, country: string, rows: readonly PriceProjectionDocument[]) {
  if (rows.length === 0) return;
  await model.bulkWrite(
    rows.map((row) => ({ replaceOne: { filter: { country, productId: row.productId }, replacement: row, upsert: true } })),
    { ordered: false },
  );
}

/** Options of a full pass. */
export interface ProjectionPassOptions {
  /** Limits the pass to these markets' countries. */
  only?: readonly string[];
  /** Run between two pages of the pass (the projector re-projects marked products there, so they do not wait for the pass). */
  betweenPages?: () => Promise<void>;
  /** Checked between pages: true ends the pass early, its unread markets counted as incomplete. */
  stopping?: () => boolean;
  /** Told the pass's label as it starts. */
  onStart?: (pass: string) => void;
}

/** Projects one market: every product page of the catalog, read and written a page at a time. */
async function projectMarket(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  country: string,
  pass: string,
  options: ProjectionPassOptions,
) {
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
    await writeRows(model, country, documents);
    rows += documents.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    await options.betweenPages?.();
    if (options.stopping?.()) return { rows, removed: 0, complete: false };
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
  options: ProjectionPassOptions = {},
): Promise<ProjectionPass> {
  const startedAt = new Date();
  const pass = passId(startedAt);
  options.onStart?.(pass);
  const result: ProjectionPass = { pass, startedAt, finishedAt: startedAt, rows: 0, removed: 0, incomplete: [] };
  for (const country of await projectedMarkets(read, options.only)) {
    if (options.stopping?.()) {
      result.incomplete.push(country);
      continue;
    }
    const counts = await projectMarket(model, read, country, pass, options);
    result.rows += counts.rows;
    result.removed += counts.removed;
    if (!counts.complete) result.incomplete.push(country);
  }
  result.finishedAt = new Date();
  return result;
}

/** A pass's label: rows another label wrote are gone from the market once a full pass completes. */
export function passId(startedAt: Date): string {
  return `${startedAt.toISOString()}-${randomBytes(4).toString('hex')}`;
}

/** The countries of the markets the graph sells to, limited to `only` when given. */
export async function projectedMarkets(read: GraphReader, only?: readonly string[]): Promise<string[]> {
  const markets = await read(MARKETS, {});
  if (!markets.data?.markets) throw new Error(`price projection: cannot read the markets: ${markets.errors?.[0]?.message ?? 'no data'}`);
  return (markets.data.markets as { country: string }[]).map(({ country }) => country).filter((country) => !only || only.includes(country));
}

/** Products read by id in one request: under the gateway's alias limit (50), with room for the client's own. */
export const PRODUCTS_PER_READ = 40;

/** What re-projecting some products of one market did. */
export interface ProductsProjection {
  /** Rows written (the product is sold and priced there). */
  rows: number;
  /** Rows removed (the product is gone, or no longer priced or deliverable-known there). */
  removed: number;
  /** Products whose read came back with an error: nothing was written or removed for them. */
  failed: string[];
}

/**
 * Re-projects some products in one market, each read by id through the supergraph as its product page reads it
 * (`product(id)` aliased, {@link PRODUCTS_PER_READ} a request): a changed price reaches the lists without a pass
 * over the catalog.
 */
export async function projectProducts(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  country: string,
  productIds: readonly string[],
  pass: string,
): Promise<ProductsProjection> {
  const result: ProductsProjection = { rows: 0, removed: 0, failed: [] };
  for (let start = 0; start < productIds.length; start += PRODUCTS_PER_READ) {
    const ids = productIds.slice(start, start + PRODUCTS_PER_READ);
    const refreshedAt = new Date();
    const response = await read(productsQuery(ids.length), {
      country,
      ...Object.fromEntries(ids.map((id, index) => [`id${index}`, id])),
    });
    const failedAliases = new Set(
      (response.errors ?? []).map((error) => String((error as { path?: readonly unknown[] }).path?.[0] ?? '*')),
    );
    if (!response.data || failedAliases.has('*')) {
      result.failed.push(...ids);
      continue;
    }
    const rows: PriceProjectionDocument[] = [];
    const gone: string[] = [];
    ids.forEach((id, index) => {
      if (failedAliases.has(`p${index}`)) return result.failed.push(id);
      const node = response.data[`p${index}`] as PageNode | null;
      const row = node ? rowOf(node, country, pass, refreshedAt) : null;
      if (row) rows.push(row);
      else gone.push(id);
    });
    await writeRows(model, country, rows);
    if (gone.length > 0) result.removed += (await model.deleteMany({ country, productId: { $in: gone } })).deletedCount;
    result.rows += rows.length;
  }
  return result;
}

const productsQueries = new Map<number, string>();
/** `product(id: $idN)` aliased `pN`, N = 0 … count − 1; one text per count, so the gateway plans each once. */
function productsQuery(count: number): string {
  let query = productsQueries.get(count);
  if (!query) {
    const ids = Array.from({ length: count }, (_, index) => index);
    query = `query PriceProjectorProducts($country: CountryCode!, ${ids.map((index) => `$id${index}: ID!`).join(', ')}) {
  ${ids.map((index) => `p${index}: product(id: $id${index}) { ${ROW_FIELDS} }`).join('\n  ')}
}`;
    productsQueries.set(count, query);
  }
  return query;
}
