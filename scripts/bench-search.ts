// `npm run bench:search [-- --sizes 51,10000 --requests 40]`: search and price-filtered list latency through the
// real stack (embedded database unless MONGODB_URI is set, four subgraphs and the gateway over HTTP), at each
// catalog size (`scaleCatalog`, as `npm run seed -- --products N`). Per size it prints p50/p99 of sequential
// requests for three searches and a Swiss "under 100 CHF, ships to CH, cheapest first" page of 20, the time and
// size of a full search-index rebuild, one price-projection pass for CH (and how long a price change takes to show
// in a list during that pass and after it), generating the CH-fr feed, and the
// database's memory (`serverStatus`: run the embedded database alone with `npm run devdb` and pass its
// MONGODB_URI to see its own, not this process's). `--feeds all` generates every market's feeds instead of CH-fr
// (`--feeds DE-de,FR-fr` those, `--feeds none` none).
// Not a test: it prints figures for humans. Bounded: a fixed number of requests, loopback only.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { buildFeed, listFeedSites } from '../gateway/feeds/build-feed.ts';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { databaseNameOf } from '../subgraphs/common/config.ts';
import { createLocalizationModels } from '../subgraphs/localization/models.ts';
import { rebuildProductSearch } from '../subgraphs/localization/services/rebuild-product-search.ts';
import { DEFAULT_MARK_POLL_MS, gatewayReader } from '../subgraphs/pricing/price-projector.ts';
import { createPricingModels } from '../subgraphs/pricing/models.ts';
import { changePrice } from '../subgraphs/pricing/services/change-price.ts';
import { progressBar, scaleCatalog } from './seed/scale-catalog.ts';
import { startStack } from './stack.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '51,10000' },
    requests: { type: 'string', default: '40' },
    feeds: { type: 'string', default: 'CH-fr' },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const REQUESTS = Number(values.requests);
const PREFIX = `bench_search_${process.pid}`;
const NOW = '2026-11-25T10:00:00Z';
// The projector's default: what a deployment gets.
const PRICE_PROJECTION_POLL_MS = DEFAULT_MARK_POLL_MS;

const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  seed: 'always',
  clock: fixedClock(NOW),
  databasePrefix: PREFIX,
  rateLimit: false,
  // One pass per size, run below: the timer never fires within a run.
  priceProjection: { intervalMs: 3_600_000, countries: ['CH'], pollMs: PRICE_PROJECTION_POLL_MS },
});
const client = await MongoClient.connect(stack.mongodbUri);
const env = { MERIDIAN_DB_PREFIX: PREFIX };
const databases = {
  products: client.db(databaseNameOf('products', env)),
  pricing: client.db(databaseNameOf('pricing', env)),
  fulfillment: client.db(databaseNameOf('fulfillment', env)),
  localization: client.db(databaseNameOf('localization', env)),
};
const localization = await mongoose.createConnection(stack.mongodbUri, { dbName: databaseNameOf('localization', env) }).asPromise();
const models = createLocalizationModels(localization);
const read = gatewayReader(stack.gatewayUrl);
const pricing = await mongoose.createConnection(stack.mongodbUri, { dbName: databaseNameOf('pricing', env) }).asPromise();
const pricingModels = createPricingModels(pricing);

/**
 * Sets a Swiss price of `amount` CHF on a shippable product the CH list holds, then polls the list for that
 * exact price (every 10 ms) and returns the milliseconds from the change's return until the list shows it.
 */
async function priceChangeShownAfter(amount: string): Promise<number> {
  const [row] = await databases.pricing
    .collection('price_projections')
    .find({ country: 'CH', shippable: true, amountMinor: { $gt: 1_000 } })
    .sort({ productId: -1 })
    .limit(1)
    .toArray();
  if (!row) throw new Error('no projected CH product to change');
  await changePrice(pricingModels, { kind: 'REGULAR', productId: String(row.productId), country: 'CH', amount }, new Date(NOW));
  const changed = performance.now();
  // The list holds the price the product page shows (CHF cash rounding and all), not the amount set.
  const page = await read(`{ product(id: "${row.productId}") { price(country: CH) { amount { amount } } } }`, {});
  const shown: string = page.data.product.price.amount.amount;
  const query = `{ marketProducts(country: CH, filter: { price: { min: "${shown}", max: "${(Number(shown) + 0.01).toFixed(2)}" } }, first: 20) { edges { node { id } } } }`;
  for (;;) {
    const body = await read(query, {});
    if (body.data?.marketProducts?.edges?.some((edge: { node: { id: string } }) => edge.node.id === row.productId))
      return Math.round(performance.now() - changed);
    if (performance.now() - changed > 120_000) {
      const projected = await databases.pricing.collection('price_projections').findOne({ country: 'CH', productId: row.productId });
      throw new Error(
        `a price change of ${row.productId} to ${amount} CHF was not shown within 2 minutes: page shows ${shown}, projected ${JSON.stringify(projected)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function post(query: string, field: string): Promise<void> {
  const body = await read(query, {});
  const found = body.data?.[field];
  if (body.errors || !(found?.totalCount > 0 || found?.edges?.length > 0))
    throw new Error(`${field} failed: ${JSON.stringify(body).slice(0, 300)}`);
}

async function percentiles(query: string, field: string): Promise<string> {
  for (let warm = 0; warm < 5; warm++) await post(query, field);
  const times: number[] = [];
  for (let request = 0; request < REQUESTS; request++) {
    const started = performance.now();
    await post(query, field);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, Math.round(performance.now() - started)];
}

const CASES: Record<string, [string, string]> = {
  // The existing catalog page, for scale: what a plain listing costs on the same machine at the same moment.
  'baseline: products(first: 20)': ['{ products(first: 20) { totalCount nodes { id } } }', 'products'],
  'search "Kopfhörer" (de)': [
    '{ searchProducts(query: "Kopfhörer", locale: "de", first: 20) { totalCount nodes { id } } }',
    'searchProducts',
  ],
  'search "headfone" (typo)': [
    '{ searchProducts(query: "headfone", locale: "en", first: 20) { totalCount nodes { id } } }',
    'searchProducts',
  ],
  'search "抹茶" (ja)': ['{ searchProducts(query: "抹茶", locale: "ja", first: 20) { totalCount nodes { id } } }', 'searchProducts'],
  'CH under 100, ships, by price': [
    '{ marketProducts(country: CH, filter: { price: { max: "100.00" }, shippable: true }, first: 20) { edges { price { amount } node { id } } } }',
    'marketProducts',
  ],
  // The same page with the count of every match, which reads every matching row (only when selected).
  '  … with totalCount': [
    '{ marketProducts(country: CH, filter: { price: { max: "100.00" }, shippable: true }, first: 20) { totalCount edges { price { amount } node { id } } } }',
    'marketProducts',
  ],
};

/** Bytes of documents and of indexes of a collection, as the database reports them (`collStats`). */
async function sizeOf(collection: string): Promise<{ count: number; size: number; indexes: number }> {
  const stats = await databases.localization.command({ collStats: collection });
  return { count: Number(stats.count), size: Number(stats.size), indexes: Number(stats.totalIndexSize) };
}

/** The database's resident memory (`serverStatus.mem`) and, for the embedded one, its JS heap. */
async function databaseMemory(): Promise<string> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  const heap = status.extra_info?.heapUsedBytes;
  return `RSS ${status.mem?.resident ?? '?'} MiB${typeof heap === 'number' ? `, heap used ${(heap / 1048576).toFixed(0)} MiB` : ''} (pid ${status.pid ?? '?'})`;
}

const MiB = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

try {
  for (const size of SIZES) {
    if (size > 51) {
      const [, seedMs] = await timed(() => scaleCatalog(databases, size, progressBar(`catalog → ${size.toLocaleString('en')}`)));
      console.log(`\n${size.toLocaleString('en')} products: catalog grown in ${seedMs} ms; database ${await databaseMemory()}`);
      // The growth leaves a mark for the whole catalog; the projector's next poll starts a pass (CH here) over it.
      const [, listedMs] = await timed(async () => {
        const marks = databases.pricing.collection('price_projection_marks');
        while ((await marks.countDocuments({ productId: null })) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      });
      console.log(`  grown catalog projected (CH) after ${listedMs} ms`);
    }
    const facts = await models.SearchableProduct.find({}, { _id: 0, productId: 1, categoryPath: 1, attributes: 1 }).lean();
    const [built, indexMs] = await timed(() =>
      rebuildProductSearch(
        models,
        facts.map((fact) => ({ id: fact.productId, categoryPath: fact.categoryPath, attributes: fact.attributes })),
      ),
    );
    const [forward, lists, terms] = await Promise.all([sizeOf('search_products'), sizeOf('search_posting_lists'), sizeOf('search_terms')]);
    // A full pass of CH, and while it runs (a second in) a price change, timed until a list shows it; then one
    // more change with the projector idle.
    const passStarted = performance.now();
    const running = stack.priceProjector!.refresh();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const duringPassMs = await priceChangeShownAfter('1.23');
    const pass = await running;
    const passMs = Math.round(performance.now() - passStarted);
    const idleMs = await priceChangeShownAfter('1.24');
    const sites =
      values.feeds === 'all'
        ? await listFeedSites(read)
        : values.feeds === 'none'
          ? []
          : values.feeds.split(',').map((name) => ({ country: name.split('-')[0]!, locale: name.split('-').slice(1).join('-') }));
    const [items, feedMs] = await timed(async () => {
      let count = 0;
      for (const site of sites) count += (await buildFeed(read, site, new Date(NOW))).length;
      return count;
    });
    console.log(`\n${size.toLocaleString('en')} products`);
    console.log(
      `  search index rebuild: ${indexMs} ms; ${built.postings.toLocaleString('en')} postings in ${lists.count.toLocaleString('en')} lists (${MiB(lists.size)} + ${MiB(lists.indexes)} of indexes), forward index ${MiB(forward.size)} + ${MiB(forward.indexes)}, ${terms.count.toLocaleString('en')} terms ${MiB(terms.size)} + ${MiB(terms.indexes)}`,
    );
    console.log(`  price projection pass (CH): ${passMs} ms, ${pass.rows.toLocaleString('en')} rows`);
    console.log(
      `  a price change shown in marketProducts after: ${duringPassMs} ms during that pass, ${idleMs} ms with the projector idle (marks read every ${PRICE_PROJECTION_POLL_MS} ms)`,
    );
    console.log(`  feeds ${values.feeds} (${sites.length}): ${feedMs} ms, ${items.toLocaleString('en')} items`);
    console.log(`  database ${await databaseMemory()}`);
    for (const [name, [query, field]] of Object.entries(CASES)) console.log(`  ${name.padEnd(32)} ${await percentiles(query, field)}`);
  }
} finally {
  await localization.close();
  await pricing.close();
  await client.close();
  await stack.stop();
}
