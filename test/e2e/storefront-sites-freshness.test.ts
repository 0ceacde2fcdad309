import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { graphql, startTestStack } from './stack.ts';

// Storefront sites are reference data: read once per freshness window, so an edited site must show within it.
const TTL_MS = 300;
const commands: string[] = [];
let localizationDatabase: string | undefined;
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({
    referenceTtlMs: TTL_MS,
    onDatabaseCommand(command) {
      const [name, collection] = Object.entries(command)[0] ?? [];
      if (name && collection === 'storefront_sites') {
        commands.push(`${name}`);
        localizationDatabase = String(command.$db);
      }
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

async function germanUrl(): Promise<string> {
  const response = await graphql(stack.gatewayUrl, '{ product(sku: "HOM-SKILLET-20") { alternates { hreflang url } } }');
  expect(response.errors).toBeUndefined();
  return response.data.product.alternates.find((alternate: { hreflang: string }) => alternate.hreflang === 'de-DE').url;
}

describe('storefront sites freshness', () => {
  it('serves an edited site within the freshness bound, reading the sites once per window, not per request', async () => {
    expect(await germanUrl()).toBe('https://shop.example.de/p/gusseisenpfanne-20-cm/HOM-SKILLET-20');
    expect(localizationDatabase).toBeDefined();
    const client = await MongoClient.connect(stack.mongodbUri);
    try {
      await client
        .db(localizationDatabase)
        .collection('storefront_sites')
        .updateOne({ _id: 'de-DE' as never }, { $set: { urlTemplate: 'https://www.example.de/produkt/{slug}-{id}' } });
    } finally {
      await client.close();
    }
    const editedAt = performance.now();
    commands.length = 0;
    let seen = await germanUrl();
    while (seen.startsWith('https://shop.') && performance.now() - editedAt < TTL_MS * 10) {
      await new Promise((resolve) => setTimeout(resolve, TTL_MS / 4));
      seen = await germanUrl();
    }
    expect(seen).toBe(`https://www.example.de/produkt/gusseisenpfanne-20-cm-${stableObjectIdHex('HOM-SKILLET-20')}`);
    // Several requests, yet the sites were read at most once or twice (one per window passed).
    expect(commands.length).toBeLessThanOrEqual(Math.ceil((performance.now() - editedAt) / TTL_MS) + 1);
  });
});
