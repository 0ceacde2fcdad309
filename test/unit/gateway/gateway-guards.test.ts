import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import { createGateway, rateLimitClientOf } from '../../../gateway/gateway.ts';

// Subgraphs at an address nothing listens on: every test here is decided by the gateway before any fetch.
const nowhere = 'http://127.0.0.1:9/graphql';
const subgraphUrls = { products: nowhere, pricing: nowhere, fulfillment: nowhere, localization: nowhere };

type Built = ReturnType<typeof createGateway>;
let dev: Built;
let production: Built;
let limited: Built;

async function run(
  built: Built,
  query: string,
  extra: { operationName?: string; variables?: Record<string, unknown>; remoteAddress?: string } = {},
) {
  const response = await built.server.executeOperation(
    { query, operationName: extra.operationName, variables: extra.variables },
    {
      contextValue: {
        forwardedHeaders: {},
        client: null,
        remoteAddress: extra.remoteAddress ?? 'test',
        deadline: performance.now() + 5_000,
      },
    },
  );
  const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
  return {
    status: response.http.status ?? 200,
    headers: response.http.headers,
    errors: body?.errors as GraphQLFormattedError[] | undefined,
    extensions: body?.extensions as Record<string, any> | undefined,
    data: body?.data,
  };
}

beforeAll(async () => {
  dev = createGateway({ subgraphUrls, production: false });
  production = createGateway({ subgraphUrls, production: true });
  limited = createGateway({ subgraphUrls, production: false, rateLimit: { unitsPerWindow: 100, windowMs: 60_000 } });
  await Promise.all([dev.server.start(), production.server.start(), limited.server.start()]);
});

afterAll(async () => {
  await Promise.all([dev?.server.stop(), production?.server.stop(), limited?.server.stop()]);
});

const AMPLIFICATION = `{ ${Array.from(
  { length: 45 },
  (_, i) => `a${i}: products(first: 100) { nodes { id price(country: DE) { amount { amount } } delivery(shipTo: DE) { earliest } } }`,
).join(' ')} }`;

describe('demand control', () => {
  it('refuses the 45-alias amplification query by cost before anything runs, naming cost and budget', async () => {
    const result = await run(dev, AMPLIFICATION);
    expect(result.status).toBe(400);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!).toMatchObject({
      message: expect.stringContaining('estimated cost 2349 exceeds the budget of 1000'),
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: 2_349, maxCost: 1_000 },
    });
    expect(result.extensions?.cost).toMatchObject({ requestedQueryCost: 2_349, maximumQueryCost: 1_000 });
  });

  it("the README's product page costs 20, far inside the budget", async () => {
    const result = await run(
      dev,
      `query ProductPage($id: ID!) { product(id: $id) { sku brand hsCode originCountry
      content(locale: "de-DE") { title description locale }
      price(country: DE) { amount { amount currencyCode formatted(locale: "de-DE") } taxIncluded tax { amount { amount } } duty { amount { amount } included } }
      delivery(shipTo: DE) { shippable reason earliest latest fromWarehouse { id country } text(locale: "de-DE") } } }`,
      { variables: { id: '7ce31321b7bc056f4f9efa30' } },
    );
    expect(result.extensions?.cost).toMatchObject({ requestedQueryCost: 20 });
  });

  it('reports the cost of an admitted operation in extensions.cost', async () => {
    const result = await run(dev, '{ product(sku: "X") { id price(country: DE) { amount { amount } } } }');
    expect(result.extensions?.cost).toMatchObject({ requestedQueryCost: 11, maximumQueryCost: 1_000 });
    expect(result.extensions?.cost.throttleStatus).toMatchObject({ maximumAvailable: 50_000 });
  });

  it('prices an operation sized by a variable anew on every request, one with fixed sizes the same every time', async () => {
    const sized = 'query Page($n: Int) { products(first: $n) { nodes { id } } }';
    expect((await run(dev, sized, { variables: { n: 2 } })).extensions?.cost).toMatchObject({ requestedQueryCost: 7 });
    expect((await run(dev, sized, { variables: { n: 40 } })).extensions?.cost).toMatchObject({ requestedQueryCost: 9 });
    const fixed = '{ products(first: 4) { nodes { id } } }';
    expect((await run(dev, fixed)).extensions?.cost).toMatchObject({ requestedQueryCost: 7 });
    expect((await run(dev, fixed)).extensions?.cost).toMatchObject({ requestedQueryCost: 7 });
    // The same text, another chosen operation: priced as that operation.
    const two = 'query A { products(first: 1) { nodes { id } } } query B { products(first: 100) { nodes { id } } }';
    expect((await run(dev, two, { operationName: 'A' })).extensions?.cost).toMatchObject({ requestedQueryCost: 7 });
    expect((await run(dev, two, { operationName: 'B' })).extensions?.cost).toMatchObject({ requestedQueryCost: 12 });
  });

  it('charges the cost to the client and answers 429 RATE_LIMITED with retry-after once its budget is spent', async () => {
    // Costs 7: 6 for any operation, 0.05 for the connection and each of its 10 products, rounded up.
    const query = '{ products(first: 10) { nodes { id } } }';
    for (let i = 0; i < 14; i++) expect((await run(limited, query, { remoteAddress: '198.51.100.1' })).status).not.toBe(429);
    const refused = await run(limited, query, { remoteAddress: '198.51.100.1' });
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', cost: 7 });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another client has its own budget.
    expect((await run(limited, query, { remoteAddress: '198.51.100.2' })).status).not.toBe(429);
  });
});

describe('parser and armor limits', () => {
  it('a document of more than 5 000 tokens is a parse error, before any validation', async () => {
    const result = await run(dev, `{ ${'__typename '.repeat(5_001)}}`);
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors![0]!.message).toMatch(/more that 5000 tokens/);
  });

  it('refuses more than 50 aliases with QUERY_TOO_COMPLEX', async () => {
    const result = await run(dev, `{ ${Array.from({ length: 51 }, (_, i) => `a${i}: product(id: "1") { id }`).join(' ')} }`);
    expect(result.status).toBe(400);
    expect(result.errors![0]!).toMatchObject({
      message: expect.stringContaining('Aliases limit of 50'),
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('refuses more than 50 directives with QUERY_TOO_COMPLEX', async () => {
    const result = await run(dev, `{ __typename ${'@include(if: true) '.repeat(51)} }`);
    expect(result.status).toBe(400);
    expect(result.errors!.some((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
  });
});

describe("operations that cannot be chosen or run are the client's mistake (400), never 500", () => {
  it.each([
    ['an operationName naming no operation', 'query A { __typename }', 'B', /No operation named "B"/],
    ['an empty operationName', 'query A { __typename }', '', /No operation named ""/],
    ['several named operations without operationName', 'query A { __typename } query B { __typename }', undefined, /several operations/],
    // The API has mutations (checkout); one naming a field it lacks is a validation error.
    ['a mutation field the API lacks', 'mutation { x }', undefined, /Cannot query field "x" on type "Mutation"/],
    ['a subscription on a schema without subscriptions', 'subscription { x }', undefined, /no subscription operations/],
  ])('%s', async (_, query, operationName, message) => {
    const result = await run(dev, query, { operationName });
    expect(result.status).toBe(400);
    expect(result.errors![0]!.message).toMatch(message);
    expect(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']).toContain(result.errors![0]!.extensions?.code);
  });

  it('two anonymous operations are a validation error', async () => {
    const result = await run(dev, '{ __typename } { __typename }');
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('an operationName is echoed truncated', async () => {
    const result = await run(dev, 'query A { __typename }', { operationName: 'x'.repeat(60_000) });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.errors).length).toBeLessThan(500);
  });
});

describe('production posture', () => {
  it('refuses introspection to anonymous clients in production, keeps it in development', async () => {
    const refused = await run(production, '{ __schema { types { name } } }');
    expect(refused.status).toBe(400);
    expect(refused.errors![0]!.message).toMatch(/Introspection is not available/);
    const nested = await run(production, '{ product(id: "1") { id __type(name: "Query") { name } } }');
    expect(nested.status).toBe(400);
    const allowed = await run(dev, '{ __schema { queryType { name } } }');
    expect(allowed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await run(production, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('hides "Did you mean" suggestions from anonymous clients in production only', async () => {
    const hidden = await run(production, '{ produc { id } }');
    expect(hidden.errors![0]!.message).toBe('Cannot query field "produc" on type "Query".');
    const shown = await run(dev, '{ produc { id } }');
    expect(shown.errors![0]!.message).toMatch(/Did you mean "product/);
  });
});

describe('who the rate limit charges', () => {
  it('the client address, not an unverified x-api-key a client could make up per request', async () => {
    const req = {
      headers: { 'x-api-key': 'made-up-1' },
      socket: { remoteAddress: '203.0.113.7' },
    } as unknown as import('node:http').IncomingMessage;
    const context = await dev.context(req);
    // The context knows only the address; the partner edge adds `client` only for a key it verified.
    expect(context.client).toBeUndefined();
    expect(rateLimitClientOf(context.client?.keyId, context.remoteAddress)).toBe('ip:203.0.113.7');
  });

  it('a verified key, by its public id', () => {
    expect(rateLimitClientOf('partner-42', '203.0.113.7')).toBe('key:partner-42');
    expect(rateLimitClientOf(undefined, undefined)).toBe('ip:unknown');
  });
});
