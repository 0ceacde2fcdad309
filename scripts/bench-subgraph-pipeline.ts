/**
 * Micro-benchmark of a subgraph's HTTP request pipeline: the CPU this process spends per `_entities` request the
 * gateway sends to pricing (a page of products' prices), over loopback against one pricing subgraph in this
 * process, over the embedded database in a child process (so its CPU is not counted). Measures each `Accept`
 * header the gateway or a spec-compliant router sends, in turns (`--rounds`, so that neither gains from running
 * later), and prints the median and least CPU µs per request of each (server and client together: the client's
 * share is the same for both; on a busy machine the least is the least disturbed).
 *
 *   node scripts/bench-subgraph-pipeline.ts [--requests 2000] [--rounds 5] [--products 12] [--concurrency 4]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { seedProducts } from './seed/catalog.ts';
import { ORIGIN_PROOFS } from './seed/customs-data.ts';
import { WAREHOUSES } from './seed/fulfillment-reference.ts';
import { SEEDERS } from './seed/index.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { listenGraphQL } from '../subgraphs/common/http.ts';
import { pricingSubgraph } from '../subgraphs/pricing/subgraph.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    products: { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '4' },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const NOW = new Date('2026-11-25T10:00:00Z');

const QUERY = `query Prices($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id price(country: DE) { amount { amount currencyCode } taxIncluded tax { amount { amount } } duty { amount { amount } } } } } }`;

const representations = seedProducts()
  .slice(0, Number(values.products))
  .map((product) => ({
    __typename: 'Product',
    id: product.id,
    hsCode: product.line.hsCode,
    originCountry: product.line.originCountry,
    originProofs: [...(ORIGIN_PROOFS[product.sku] ?? [])],
    stockCountries: [
      ...new Set(
        Object.entries(product.stock)
          .filter(([, units]) => units > 0)
          .map(([warehouseId]) => WAREHOUSES.find((warehouse) => warehouse.id === warehouseId)!.country),
      ),
    ].sort(),
  }));
const BODY = JSON.stringify({ query: QUERY, variables: { representations }, operationName: 'Prices' });

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(port: number, accept: string): Promise<{ status: number; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', accept } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

async function run(port: number, accept: string, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) {
        const { status } = await post(port, accept);
        if (status !== 200) throw new Error(`status ${status} for accept ${accept}`);
      }
    }),
  );
}

// The embedded database in its own process, as `npm start` runs it: it prints its URI as its first line.
const devDb = spawn(process.execPath, ['scripts/devdb-child.ts'], {
  env: { ...process.env, DEVDB_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [uri] = await createInterface({ input: devDb.stdout! })
  [Symbol.asyncIterator]()
  .next()
  .then(({ value }) => [String(value)]);
const connection = await connectDatabase(uri!, 'bench_subgraph_pipeline_pricing');
try {
  const built = pricingSubgraph.create(connection, { clock: () => new Date(NOW) });
  await ensureIndexes(connection);
  await SEEDERS.pricing.seed(connection, NOW);
  const running = await listenGraphQL(built.server, {
    fastPath: built.fastPath,
    port: 0,
    context: built.context,
    maxBodyBytes: 1024 * 1024,
  });
  try {
    const accepts = ['application/json', 'application/graphql-response+json, application/json;q=0.9'];
    const samples = new Map(accepts.map((accept) => [accept, [] as number[]]));
    // Warm: the compiled query, the reference cache, V8's optimised code for both paths.
    for (const accept of accepts) await run(running.port, accept, Math.min(1000, REQUESTS));
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const accept of round % 2 === 0 ? accepts : [...accepts].reverse()) {
        const cpu = process.cpuUsage();
        await run(running.port, accept, REQUESTS);
        const used = process.cpuUsage(cpu);
        samples.get(accept)!.push((used.user + used.system) / REQUESTS);
      }
    }
    for (const accept of accepts) {
      const { type } = await post(running.port, accept);
      const sorted = samples.get(accept)!.sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      console.log(
        `accept: ${accept}\n  answered as ${type}; CPU per request: median ${median.toFixed(0)} µs, least ${sorted[0]!.toFixed(0)} µs (rounds: ${sorted.map((each) => each.toFixed(0)).join(', ')})`,
      );
    }
  } finally {
    await running.stop();
  }
} finally {
  await connection.db?.dropDatabase();
  await connection.close();
  agent.destroy();
  devDb.kill('SIGTERM');
}
