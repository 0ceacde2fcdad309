import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

// Counts the commands the subgraphs send to the database per request, through the driver's command
// monitoring: the same on the embedded database and on a real MongoDB (MONGODB_URI).
const commands: { name: string; collection: string; db: string }[] = [];
let stack: RunningStack;

beforeAll(async () => {
  stack = await startTestStack({
    onDatabaseCommand(command) {
      const [name, collection] = Object.entries(command)[0] ?? [];
      if (name && typeof collection === 'string') commands.push({ name, collection, db: String(command.$db) });
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const PAGE = /* GraphQL */ `
  query Page($first: Int!) {
    products(first: $first) {
      nodes {
        sku
        category { name(locale: "de-DE") { value } }
        content(locale: "de-DE") { title description attributes { label { value } value { value } } }
        price(country: DE) { amount { amount formatted(locale: "de-DE") } tax { amount { amount } } duty { amount { amount } } }
        delivery(shipTo: DE) { shippable earliest latest fromWarehouse { id } text(locale: "de-DE") options { charge { amount { amount } } } }
      }
    }
  }
`;

async function commandsFor(first: number) {
  commands.length = 0;
  const response = await graphql(stack.gatewayUrl, PAGE, { first });
  expect(response.errors).toBeUndefined();
  expect(response.data.products.nodes).toHaveLength(first);
  return commands.map((command) => `${command.db}.${command.collection}:${command.name}`);
}

describe('no N+1: database round trips per request', () => {
  it('a page of 50 products queries each collection once, as a page of 2 does', async () => {
    await commandsFor(2); // the first request of a freshness window also reads the reference tables
    const small = await commandsFor(2);
    const large = await commandsFor(50);
    // The same commands whatever the page size: a query per collection per subgraph fetch, never per product.
    expect(large.sort()).toEqual(small.sort());
    // Reference data (markets, FX, tax, duty, lanes, warehouses) is not read per request.
    for (const table of ['markets', 'fx_rates', 'tax_rates', 'duty_rates', 'warehouses', 'carrier_services']) {
      expect(
        large.filter((entry) => entry.includes(`.${table}:`)),
        table,
      ).toEqual([]);
    }
    // One translation query for the whole page, however many products and locales.
    expect(large.filter((entry) => entry.includes('.product_translations:'))).toHaveLength(1);
  });
});
