import { readdirSync, readFileSync } from 'node:fs';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf, readManifest } from '../../gateway/trusted-documents.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { createPartnerClient, PartnerRequestError, registeredIdOf } from '../../examples/partner/src/client.ts';
import {
  CartQuoteDocument,
  LocalizationSwitcherDocument,
  ProductListingDocument,
  ProductPageDocument,
} from '../../examples/partner/src/gql/graphql.ts';
import { startPartnerTestStack, type PartnerTestStack } from './partners-stack.ts';

const OPERATIONS = new URL('../../examples/partner/operations/', import.meta.url);
const MANIFEST = new URL('../../examples/partner/src/gql/persisted-documents.json', import.meta.url).pathname;
const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const TEE = stableObjectIdHex('APP-TEE-NAV');

let env: PartnerTestStack;
let key: string;
beforeAll(async () => {
  env = await startPartnerTestStack();
  const created = await env.cli('scripts/keys.ts', ['create', '--client', 'acme', '--scope', 'trusted-only', '--json']);
  key = JSON.parse(created.stdout).key;
});
afterAll(async () => {
  await env?.stack.stop();
});

describe('the example partner SDK (examples/partner)', () => {
  it('typechecks: generated typed documents and the client, in the partner project of its own', async () => {
    const result = await env.cli('node_modules/typescript/bin/tsc', ['-p', 'examples/partner/tsconfig.json']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('is what `npm run codegen` generates from the current schema and operations (graphql-codegen --check)', async () => {
    const result = await env.cli('node_modules/@graphql-codegen/cli/esm/bin.js', ['--config', 'examples/partner/codegen.ts', '--check']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('is generated from the current operations: every .graphql file is in the manifest under the id its document carries', () => {
    const manifest = readManifest(MANIFEST);
    const files = readdirSync(OPERATIONS).filter((name) => name.endsWith('.graphql'));
    expect(files.sort()).toEqual(['CartQuote.graphql', 'LocalizationSwitcher.graphql', 'ProductListing.graphql', 'ProductPage.graphql']);
    const ids = files.map((name) => documentIdOf(printExecutableGraphQLDocument(parse(readFileSync(new URL(name, OPERATIONS), 'utf8')))));
    expect([...manifest.keys()].sort()).toEqual([...ids].sort());
    const generated = [CartQuoteDocument, LocalizationSwitcherDocument, ProductListingDocument, ProductPageDocument].map(registeredIdOf);
    expect(generated.sort()).toEqual([...ids].sort());
  });

  it('runs every operation through the live stack by document id only, with a trusted-only key', async () => {
    const sent: string[] = [];
    const recordingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(String(init?.body));
      return fetch(input, init);
    }) as typeof fetch;
    const client = createPartnerClient({ url: env.stack.gatewayUrl, apiKey: key, fetch: recordingFetch });
    const page = await client.execute(ProductPageDocument, { id: HEADPHONES, country: 'DE', locale: 'de-DE' });
    expect(page.product?.content?.title).toBe('Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz');
    expect(page.product?.price?.amount.formatted).toBe('258,64\u00a0€');
    expect(page.product?.delivery?.shippable).toBe(true);

    const listing = await client.execute(ProductListingDocument, { first: 3, country: 'JP', locale: 'ja-JP' });
    expect(listing.products.nodes).toHaveLength(3);
    expect(listing.products.pageInfo.hasNextPage).toBe(true);
    const next = await client.execute(ProductListingDocument, {
      first: 3,
      after: listing.products.pageInfo.endCursor,
      country: 'JP',
      locale: 'ja-JP',
    });
    expect(next.products.nodes[0]!.id).not.toBe(listing.products.nodes[0]!.id);

    const quote = await client.execute(CartQuoteDocument, {
      lines: [
        { productId: HEADPHONES, quantity: 1 },
        { productId: TEE, quantity: 2 },
      ],
      country: 'DE',
      locale: 'de-DE',
    });
    expect(quote.quote.shipToCountry).toBe('DE');
    expect(quote.quote.total.currencyCode).toBe('EUR');
    expect(Number(quote.quote.total.amount)).toBeGreaterThan(258);

    const switcher = await client.execute(LocalizationSwitcherDocument, { locale: 'de-DE', country: 'JP' });
    expect(switcher.localization.country).toMatchObject({ code: 'JP', name: 'Japan', currency: 'JPY' });
    expect(switcher.localization.countries.length).toBeGreaterThan(5);
    expect(sent).toHaveLength(5);
    for (const body of sent) {
      expect(Object.keys(JSON.parse(body)).sort()).toEqual(['documentId', 'variables']);
    }
  });

  it('surfaces the gateway error code as a typed error', async () => {
    const client = createPartnerClient({ url: env.stack.gatewayUrl, apiKey: key });
    const error = await client
      .execute(ProductPageDocument, { id: 'not-an-id', country: 'DE', locale: 'de-DE' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PartnerRequestError);
    expect((error as PartnerRequestError).code).toBe('BAD_USER_INPUT');
  });

  it("runs the partner's example program as its own process", async () => {
    const result = await env.cli('examples/partner/src/main.ts', [HEADPHONES], {
      MERIDIAN_URL: env.stack.gatewayUrl,
      MERIDIAN_API_KEY: key,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).content.title).toBe('Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz');
  });
});
