// `npm run bench:compare [-- --rounds 3 --seconds 10 --connections 20]`: Meridian as a user runs it (`npm start`:
// embedded database, one process per part, real HTTP) against the yardstick in ../shared/bench-baseline (a stock
// Apollo federation of four trivial in-memory subgraphs), side by side, for three shapes: the 20-product listing,
// the Japanese listing and a 50-product page. Rounds alternate between the two stacks so machine noise hits both
// alike. `--mixed` adds the storefront's mixed traffic: the catalog grown to `--catalog` products (default 10,000,
// `npm run seed -- --products N` into the running stack's database), then listings and product pages cycling through
// all 38 markets in their own locale, three sorts, four page sizes and cursors spread over the whole catalog (the
// yardstick gets the same markets, locales and page sizes: it has no cursors or single-product query). Prints requests/s, p50 and p99 of each, the throughput ratio, and the peak RSS of Meridian's processes.
// Cold: nothing serves a response from an earlier request (reference data is cached per its freshness bound).
// After growing the catalog it waits for the price projector's pass over it, which would otherwise run during
// the measured rounds of both stacks.
// As `npm start` runs it: development, so no per-client rate limit; failed requests are counted and reported.
// Loopback only; bounded in rounds and seconds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { databaseNameOf } from '../subgraphs/common/config.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    shapes: { type: 'string', default: 'listing,listing-ja,page-50' },
    mixed: { type: 'boolean', default: false },
    catalog: { type: 'string', default: '10000' },
  },
});
const SHAPE_NAMES = [...values.shapes.split(',').filter(Boolean), ...(values.mixed ? ['mixed'] : [])];
const CATALOG = Number(values.catalog);
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

const ROOT = new URL('../', import.meta.url).pathname;
const BASELINE_SOURCE = join(ROOT, '../shared/bench-baseline');
const BASELINE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'meridian-bench-baseline');
const YARDSTICK_PORT = 4300;
const MERIDIAN_PORT = 4400;

interface Shape {
  /** The request of a fixed shape, or the first of a mixed one (what proves the stack answers). */
  meridian: string;
  yardstick: string;
  /** A mixed shape's requests, cycled through by every connection. */
  meridianMix?: string[];
  yardstickMix?: string[];
}

const listing = (first: number, country: string, locale: string) =>
  `{ products(first: ${first}) { nodes { id sku hsCode price(country: ${country}) { amount { amount currencyCode } } delivery(shipTo: ${country}) { earliest latest } content(locale: "${locale}") { title } } } }`;
const yardstickListing = (first: number, country: string, locale: string) =>
  `{ products(first: ${first}) { id name hsCode price(country: "${country}") { amount currency } deliveryEstimate(country: "${country}") { minDays maxDays } title(locale: "${locale}") } }`;

const SHAPES: Record<string, Shape> = {
  listing: { meridian: listing(20, 'DE', 'de'), yardstick: yardstickListing(20, 'DE', 'de') },
  'listing-ja': {
    meridian: `{ products(first: 20) { nodes { id sku price(country: JP) { amount { amount formatted(locale: "ja-JP") } } delivery(shipTo: JP) { earliest latest text(locale: "ja-JP") } content(locale: "ja-JP") { title description } } } }`,
    yardstick: yardstickListing(20, 'JP', 'ja'),
  },
  'page-50': { meridian: listing(50, 'DE', 'de'), yardstick: yardstickListing(50, 'DE', 'de') },
};

const children: ChildProcess[] = [];
function startDetached(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
  children.push(child);
  return child;
}
function stopAll(): void {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));

/** The yardstick's packages, installed once into a cache folder outside the repo (as compare.sh does). */
function prepareYardstick(): void {
  mkdirSync(BASELINE, { recursive: true });
  if (!existsSync(join(BASELINE, 'node_modules/@apollo/gateway'))) {
    console.log('installing the yardstick’s packages (once) …');
    spawnSync('npm', ['init', '-y'], { cwd: BASELINE, stdio: 'ignore' });
    const install = spawnSync(
      'npm',
      [
        'i',
        '--silent',
        '@apollo/server@5',
        '@apollo/subgraph',
        '@apollo/gateway@2.14.4',
        '@apollo/composition@2.14.4',
        'graphql@16',
        'graphql-tag',
      ],
      { cwd: BASELINE, stdio: 'inherit' },
    );
    if (install.status !== 0) throw new Error('could not install the yardstick’s packages');
  }
  for (const file of readdirSync(BASELINE_SOURCE)) {
    if (file.endsWith('.mjs') || file === 'q.json') copyFileSync(join(BASELINE_SOURCE, file), join(BASELINE, file));
  }
  const compose = spawnSync(process.execPath, ['compose.mjs'], {
    cwd: BASELINE,
    env: { ...process.env, BASE_PORT: String(YARDSTICK_PORT) },
    stdio: 'ignore',
  });
  if (compose.status !== 0) throw new Error('yardstick composition failed');
}

async function post(url: string, query: string): Promise<{ ok: boolean; text: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    return { ok: response.ok && !text.includes('"errors"'), text };
  } catch (error) {
    return { ok: false, text: `${String(error)}${error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''}` };
  }
}

async function waitForAnswer(url: string, query: string, label: string): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 240; attempt++) {
    const answer = await post(url, query);
    if (answer.ok) return;
    last = answer.text;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${label} did not answer cleanly: ${last.slice(0, 300)}`);
}

interface RoundResult {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function load(url: string, query: string | string[], seconds: number): Promise<RoundResult> {
  const bodies = (Array.isArray(query) ? query : [query]).map((text) => JSON.stringify({ query: text }));
  // A mixed shape's connections each draw their next request at random from the mix, as a storefront's shoppers
  // do: autocannon's own `requests` would walk every connection through the list in the same order, in step, so
  // identical requests would be in flight together far more often than real traffic has them (and the gateway
  // shares identical subgraph queries in flight). The same seeded draw for both stacks. (autocannon's typings omit
  // `requests`.)
  const random = seededRandom(7);
  const options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests:
      bodies.length === 1
        ? [{ method: 'POST', body: bodies[0] }]
        : [
            {
              method: 'POST',
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                body: bodies[Math.floor(random() * bodies.length)],
              }),
            },
          ],
    connections: CONNECTIONS,
    duration: seconds,
  } as Parameters<typeof autocannon>[0];
  const result = await autocannon(options);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, bad: result.non2xx + result.errors };
}

/** Sum of the resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const inTree = (pid: number): boolean => pid === rootPid || (parents.has(pid) && pid > 1 && inTree(parents.get(pid)!));
  let total = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(rss?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

/** Every market with the locale its shoppers read. */
const MARKET_LOCALES: readonly (readonly [string, string])[] = [
  ['AT', 'de-AT'],
  ['BE', 'nl-BE'],
  ['BG', 'bg-BG'],
  ['CY', 'el-CY'],
  ['CZ', 'cs-CZ'],
  ['DE', 'de-DE'],
  ['DK', 'da-DK'],
  ['EE', 'et-EE'],
  ['ES', 'es-ES'],
  ['FI', 'fi-FI'],
  ['FR', 'fr-FR'],
  ['GR', 'el-GR'],
  ['HR', 'hr-HR'],
  ['HU', 'hu-HU'],
  ['IE', 'en-IE'],
  ['IT', 'it-IT'],
  ['LT', 'lt-LT'],
  ['LU', 'fr-LU'],
  ['LV', 'lv-LV'],
  ['MT', 'en-MT'],
  ['NL', 'nl-NL'],
  ['PL', 'pl-PL'],
  ['PT', 'pt-PT'],
  ['RO', 'ro-RO'],
  ['SE', 'sv-SE'],
  ['SI', 'sl-SI'],
  ['SK', 'sk-SK'],
  ['GB', 'en-GB'],
  ['CH', 'de-CH'],
  ['NO', 'nb-NO'],
  ['US', 'en-US'],
  ['CA', 'en-CA'],
  ['AU', 'en-AU'],
  ['JP', 'ja-JP'],
  ['KR', 'ko-KR'],
  ['SG', 'en-SG'],
  ['AE', 'ar-AE'],
  ['KW', 'ar-KW'],
];
const SORTS = ['SKU', 'BRAND', 'CREATED_AT'] as const;
const PAGE_SIZES = [10, 20, 30, 50] as const;

/** A small deterministic generator, so two runs send the same mix. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Cursors spread over the whole catalog in `sort` order (every page of 100 walked once), and the ids seen. */
async function cursorsOf(sort: string): Promise<{ cursors: (string | null)[]; ids: string[] }> {
  const cursors: (string | null)[] = [null];
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const query = `{ products(first: 100, sort: { field: ${sort} }${after ? `, after: ${JSON.stringify(after)}` : ''}) { edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`;
    // A pooled connection the gateway closed while the catalog grew fails once: asked again on a fresh one.
    let answer = await post(meridianUrl, query);
    if (!answer.ok) answer = await post(meridianUrl, query);
    if (!answer.ok) throw new Error(`could not page the catalog: ${answer.text.slice(0, 300)}`);
    const page = JSON.parse(answer.text).data.products;
    for (const edge of page.edges) ids.push(edge.node.id);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    cursors.push(after);
  }
  return { cursors, ids };
}

/**
 * Waits for the price projector's full pass that the catalog's growth started (its mark gone from pricing's
 * outbox): that pass reads the whole catalog in every market, and measured traffic should not share the machine
 * with it (nor the yardstick's rounds). Prints how long the grown catalog took to be projected.
 */
async function projectionSettled(): Promise<void> {
  const client = await MongoClient.connect(`mongodb://127.0.0.1:${MERIDIAN_PORT + 9}`);
  const started = performance.now();
  try {
    const marks = client.db(databaseNameOf('pricing', {})).collection('price_projection_marks');
    while ((await marks.countDocuments({ productId: null })) > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await client.close();
  }
  console.log(`the price projection of the grown catalog settled after ${((performance.now() - started) / 1_000).toFixed(0)} s`);
}

/** The mixed storefront traffic, after growing the catalog to CATALOG products. */
async function mixedShape(): Promise<Shape> {
  if (CATALOG > 51) {
    console.log(`growing the catalog to ${CATALOG.toLocaleString('en')} products …`);
    const seeded = spawnSync(process.execPath, ['scripts/seed.ts', '--products', String(CATALOG)], {
      cwd: ROOT,
      env: { ...process.env, MONGODB_URI: `mongodb://127.0.0.1:${MERIDIAN_PORT + 9}` },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (seeded.status !== 0) throw new Error('could not grow the catalog');
    await projectionSettled();
  }
  const random = seededRandom(25);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const walks = new Map<string, { cursors: (string | null)[]; ids: string[] }>();
  for (const sort of SORTS) walks.set(sort, await cursorsOf(sort));
  const ids = walks.get('SKU')!.ids;
  const meridianMix: string[] = [];
  const yardstickMix: string[] = [];
  for (let index = 0; index < 400; index++) {
    const [country, locale] = MARKET_LOCALES[index % MARKET_LOCALES.length]!;
    const first = pick(PAGE_SIZES);
    if (index % 4 === 3) {
      // A product page: one product anywhere in the catalog, its description, price and delivery text.
      meridianMix.push(
        `{ product(id: "${pick(ids)}") { id sku price(country: ${country}) { amount { amount formatted(locale: "${locale}") } } delivery(shipTo: ${country}) { earliest latest text(locale: "${locale}") } content(locale: "${locale}") { title description } } }`,
      );
      yardstickMix.push(yardstickListing(1, country, locale.slice(0, 2)));
      continue;
    }
    const sort = pick(SORTS);
    const after = pick(walks.get(sort)!.cursors);
    meridianMix.push(
      `{ products(first: ${first}, sort: { field: ${sort} }${after ? `, after: ${JSON.stringify(after)}` : ''}) { nodes { id sku price(country: ${country}) { amount { amount formatted(locale: "${locale}") } } delivery(shipTo: ${country}) { earliest latest text(locale: "${locale}") } content(locale: "${locale}") { title } } } }`,
    );
    yardstickMix.push(yardstickListing(first, country, locale.slice(0, 2)));
  }
  return { meridian: meridianMix[0]!, yardstick: yardstickMix[0]!, meridianMix, yardstickMix };
}

prepareYardstick();
for (const name of ['products', 'pricing', 'fulfillment', 'localization']) {
  startDetached(process.execPath, ['subgraphs.mjs', name], BASELINE, { BASE_PORT: String(YARDSTICK_PORT) });
}
startDetached(process.execPath, ['gateway.mjs'], BASELINE, { BASE_PORT: String(YARDSTICK_PORT) });
const meridian = startDetached(process.execPath, ['scripts/start.ts'], ROOT, {
  GATEWAY_PORT: String(MERIDIAN_PORT),
  PRODUCTS_PORT: String(MERIDIAN_PORT + 1),
  PRICING_PORT: String(MERIDIAN_PORT + 2),
  FULFILLMENT_PORT: String(MERIDIAN_PORT + 3),
  LOCALIZATION_PORT: String(MERIDIAN_PORT + 4),
  LOG_LEVEL: 'warn',
  // A known port, so `--mixed` can grow the catalog in the stack's own embedded database.
  DEVDB_PORT: String(MERIDIAN_PORT + 9),
});
const meridianUrl = `http://127.0.0.1:${MERIDIAN_PORT}/graphql`;
const yardstickUrl = `http://127.0.0.1:${YARDSTICK_PORT}/`;
await waitForAnswer(meridianUrl, SHAPES.listing!.meridian, 'Meridian');
await waitForAnswer(yardstickUrl, SHAPES.listing!.yardstick, 'the yardstick');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss(meridian.pid!))), 500);

console.log(`${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections, alternating stacks\n`);
console.log('shape        meridian req/s  p50 ms  p99 ms | stock req/s  p50 ms  p99 ms | ratio');
const summary: string[] = [];
for (const shapeName of SHAPE_NAMES) {
  if (shapeName === 'mixed') SHAPES.mixed = await mixedShape();
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}; known: ${Object.keys(SHAPES).join(', ')}`);
  await waitForAnswer(meridianUrl, shape.meridian, `Meridian (${shapeName})`);
  await waitForAnswer(yardstickUrl, shape.yardstick, `the yardstick (${shapeName})`);
  const ourRequests = shape.meridianMix ?? shape.meridian;
  const theirRequests = shape.yardstickMix ?? shape.yardstick;
  await load(meridianUrl, ourRequests, 3); // warm-up: JIT and connection pools, not measured
  await load(yardstickUrl, theirRequests, 3);
  const ours: RoundResult[] = [];
  const theirs: RoundResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(await load(meridianUrl, ourRequests, SECONDS));
    theirs.push(await load(yardstickUrl, theirRequests, SECONDS));
  }
  const sum = (results: RoundResult[]) => results.reduce((total, result) => total + result.rps, 0);
  const ratio = sum(ours) / sum(theirs);
  const bad = ours.reduce((total, result) => total + result.bad, 0);
  const line = `${shapeName.padEnd(12)} ${(sum(ours) / ROUNDS).toFixed(1).padStart(14)} ${String(median(ours.map((r) => r.p50))).padStart(7)} ${String(median(ours.map((r) => r.p99))).padStart(7)} | ${(sum(theirs) / ROUNDS).toFixed(1).padStart(11)} ${String(median(theirs.map((r) => r.p50))).padStart(7)} ${String(median(theirs.map((r) => r.p99))).padStart(7)} | ${ratio.toFixed(2)}${bad ? `  (${bad} failed requests)` : ''}`;
  console.log(line);
  summary.push(line);
}
clearInterval(sampler);
console.log(`\npeak RSS of Meridian (all processes): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
stopAll();
process.exit(0);
