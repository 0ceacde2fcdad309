// `npm run bench`: measures the product page through the real stack (embedded database, four subgraphs and the
// gateway over loopback HTTP): latency of the one-request product page, throughput with concurrent clients, and
// how many database commands a page of N products costs (it must not grow with N: no N+1).
// Not a test: it prints figures for humans. Bounded: a fixed number of requests, loopback only.
import { performance } from 'node:perf_hooks';
import { fixedClock } from '../subgraphs/common/clock.ts';
import { startStack } from './stack.ts';
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/example-query.ts';

const SEQUENTIAL_REQUESTS = 300;
const CONCURRENT_REQUESTS = 600;
const CONCURRENCY = 8;

const IGNORED_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);
let commandCount = 0;
const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  seed: 'always',
  clock: fixedClock('2026-11-25T10:00:00Z'),
  onDatabaseCommand(command) {
    if (!IGNORED_COMMANDS.has(Object.keys(command)[0] ?? '')) commandCount += 1;
  },
});

async function post(query: string, variables: Record<string, unknown>): Promise<void> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'de-DE' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const PAGE_QUERY = /* GraphQL */ `
  query Page($first: Int!) {
    products(first: $first) {
      nodes {
        sku
        content(locale: "de-DE") { title locale }
        price(country: DE) { amount { amount formatted(locale: "de-DE") } duty { amount { amount } } }
        delivery(shipTo: DE) { shippable earliest latest fromWarehouse { id } text(locale: "de-DE") }
      }
    }
  }
`;

try {
  for (let warmup = 0; warmup < 20; warmup++) await post(EXAMPLE_QUERY, EXAMPLE_VARIABLES);

  const timings: number[] = [];
  for (let index = 0; index < SEQUENTIAL_REQUESTS; index++) {
    const started = performance.now();
    await post(EXAMPLE_QUERY, EXAMPLE_VARIABLES);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONCURRENT_REQUESTS) {
        next += 1;
        await post(EXAMPLE_QUERY, EXAMPLE_VARIABLES);
      }
    }),
  );
  const throughput = CONCURRENT_REQUESTS / ((performance.now() - started) / 1000);

  const commandsFor = async (query: string, variables: Record<string, unknown>) => {
    commandCount = 0;
    await post(query, variables);
    return commandCount;
  };
  const single = await commandsFor(EXAMPLE_QUERY, EXAMPLE_VARIABLES);
  const page5 = await commandsFor(PAGE_QUERY, { first: 5 });
  const page50 = await commandsFor(PAGE_QUERY, { first: 50 });

  console.log(`Product page through the gateway (4 subgraphs, embedded database, node ${process.version})`);
  console.log(
    `  sequential: ${SEQUENTIAL_REQUESTS} requests  p50 ${percentile(timings, 50).toFixed(1)} ms  p95 ${percentile(timings, 95).toFixed(1)} ms  p99 ${percentile(timings, 99).toFixed(1)} ms`,
  );
  console.log(`  concurrent: ${CONCURRENT_REQUESTS} requests, ${CONCURRENCY} clients  ${throughput.toFixed(0)} requests/s`);
  console.log(`  database commands: product page ${single}, page of 5 products ${page5}, page of 50 products ${page50}`);
} finally {
  await stack.stop();
}
