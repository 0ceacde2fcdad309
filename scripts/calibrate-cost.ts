// `npm run calibrate:cost`: CPU per cost unit of operation shapes, to check the cost map (gateway/cost-map.ts)
// prices what the graph does. Starts the whole stack in this process (embedded database, four subgraphs,
// gateway), so process CPU is everything one request costs; sends each shape one at a time after a warm-up and
// prints its estimated cost, CPU per request and CPU per cost unit, and the spread across shapes (highest over
// lowest CPU per unit). Not a test: figures for humans; run it on a quiet machine. `CALIBRATE_REQUESTS` per shape
// (default 60).
import { EXAMPLE_QUERY, EXAMPLE_VARIABLES } from '../gateway/example-query.ts';
import { startStack } from './stack.ts';

const REQUESTS = Number(process.env.CALIBRATE_REQUESTS ?? 60);
const WARM_UP = Math.max(5, Math.round(REQUESTS / 4));

const stack = await startStack({
  gatewayPort: 0,
  subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
  rateLimit: false,
});

async function ask(query: string, variables: Record<string, unknown> = {}): Promise<{ cost: number; errors: unknown }> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown; extensions?: { cost?: { requestedQueryCost: number } } };
  return { cost: body.extensions?.cost?.requestedQueryCost ?? Number.NaN, errors: body.errors };
}

const ids = (
  (await (
    await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ products(first: 24) { nodes { id } } }' }),
    })
  ).json()) as { data: { products: { nodes: { id: string }[] } } }
).data.products.nodes.map((node) => node.id);

const aliased = (selection: string) => `{ ${ids.map((id, i) => `p${i}: product(id: "${id}") { ${selection} }`).join(' ')} }`;
const PRICE = 'price(country: DE) { amount { amount currencyCode } }';
const shapes: [name: string, query: string, variables?: Record<string, unknown>][] = [
  ['24 aliased product(id) { sku }', aliased('sku')],
  ['products(first: 100) { sku }', '{ products(first: 100) { nodes { sku } } }'],
  ['24 aliased product(id) { sku price }', aliased(`sku ${PRICE}`)],
  ['products(first: 100) { sku price }', `{ products(first: 100) { nodes { sku ${PRICE} } } }`],
  [
    'products(first: 24) { content delivery }',
    '{ products(first: 24) { nodes { sku content(locale: "de-DE") { title } delivery(shipTo: DE) { earliest } } } }',
  ],
  ['product page (README)', EXAMPLE_QUERY, EXAMPLE_VARIABLES],
  ['markets { country currency }', '{ markets { country currency } }'],
  [
    'quote of 24 lines { total }',
    `{ quote(lines: [${ids.map((id) => `{ productId: "${id}", quantity: 1 }`).join(', ')}], shipTo: { country: DE }) { total { amount } } }`,
  ],
];

console.log(`CPU per cost unit (node ${process.version}, ${REQUESTS} requests per shape after ${WARM_UP} warm-up, one at a time)`);
const perUnit: number[] = [];
for (const [name, query, variables] of shapes) {
  const first = await ask(query, variables);
  if (first.errors) throw new Error(`${name}: ${JSON.stringify(first.errors).slice(0, 300)}`);
  for (let i = 0; i < WARM_UP; i++) await ask(query, variables);
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) await ask(query, variables);
  const used = process.cpuUsage(before);
  const micros = (used.user + used.system) / REQUESTS;
  perUnit.push(micros / first.cost);
  console.log(
    `  ${name.padEnd(44)} cost ${String(first.cost).padStart(5)}  ${(micros / 1000).toFixed(2).padStart(7)} ms CPU/request  ${(micros / first.cost).toFixed(1).padStart(7)} µs/unit`,
  );
}
console.log(`Spread (highest / lowest µs per unit): ${(Math.max(...perUnit) / Math.min(...perUnit)).toFixed(1)}×`);
await stack.stop();
