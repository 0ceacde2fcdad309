// `npm run bench:compare [-- --rounds 3 --seconds 10 --connections 20]`: Meridian as a user runs it (`npm start`:
// embedded database, one process per part, real HTTP) against the yardstick in ../shared/bench-baseline (a stock
// Apollo federation of four trivial in-memory subgraphs), side by side, for three shapes: the 20-product listing,
// the Japanese listing and a 50-product page. Rounds alternate between the two stacks so machine noise hits both
// alike. Prints requests/s, p50 and p99 of each, the throughput ratio, and the peak RSS of Meridian's processes.
// Cold: nothing serves a response from an earlier request (reference data is cached per its freshness bound).
// As `npm start` runs it: development, so no per-client rate limit; failed requests are counted and reported.
// Loopback only; bounded in rounds and seconds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    shapes: { type: 'string', default: 'listing,listing-ja,page-50' },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

const ROOT = new URL('../', import.meta.url).pathname;
const BASELINE_SOURCE = join(ROOT, '../shared/bench-baseline');
const BASELINE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'meridian-bench-baseline');
const YARDSTICK_PORT = 4300;
const MERIDIAN_PORT = 4400;

interface Shape {
  meridian: string;
  yardstick: string;
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
    return { ok: false, text: String(error) };
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

async function load(url: string, query: string, seconds: number): Promise<RoundResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: seconds,
  });
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
for (const shapeName of values.shapes.split(',')) {
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}; known: ${Object.keys(SHAPES).join(', ')}`);
  await waitForAnswer(meridianUrl, shape.meridian, `Meridian (${shapeName})`);
  await waitForAnswer(yardstickUrl, shape.yardstick, `the yardstick (${shapeName})`);
  await load(meridianUrl, shape.meridian, 3); // warm-up: JIT and connection pools, not measured
  await load(yardstickUrl, shape.yardstick, 3);
  const ours: RoundResult[] = [];
  const theirs: RoundResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(await load(meridianUrl, shape.meridian, SECONDS));
    theirs.push(await load(yardstickUrl, shape.yardstick, SECONDS));
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
