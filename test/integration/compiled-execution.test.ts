import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompiledExecution } from '../../subgraphs/common/compiled-executor.ts';
import { createErrorFormatter } from '../../subgraphs/common/contract/format-error.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { buildGuardedSubgraphSchema, createSubgraphServer } from '../../subgraphs/common/subgraph.ts';
import { resolvers } from '../../subgraphs/products/resolvers/index.ts';
import type { ProductsContext } from '../../subgraphs/products/context.ts';
import { productsSubgraph, productsTypeDefs } from '../../subgraphs/products/subgraph.ts';
import { startSubgraphHarness, type SubgraphHarness } from './subgraph-harness.ts';

// The compiled executor must answer exactly as graphql-js does: the same operations go to a server that compiles
// every query at once and to one that never compiles, and their HTTP status and bodies must be byte-equal.
const NOW = '2026-11-25T10:00:00Z';

let harness: SubgraphHarness<ProductsContext, unknown>;
let compiledServer: ApolloServer<ProductsContext>;
let plainServer: ApolloServer<ProductsContext>;

beforeAll(async () => {
  harness = (await startSubgraphHarness(productsSubgraph, NOW)) as SubgraphHarness<ProductsContext, unknown>;
  compiledServer = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, compileAfterRuns: 0 }).server;
  plainServer = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, compileAfterRuns: Infinity }).server;
  await Promise.all([compiledServer.start(), plainServer.start()]);
});
afterAll(async () => {
  await Promise.all([compiledServer?.stop(), plainServer?.stop()]);
  await harness?.stop();
});

async function answer(
  server: ApolloServer<ProductsContext>,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const contextValue = await harness.built.context({ headers } as unknown as IncomingMessage);
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { status: response.http.status, body: JSON.stringify(response.body.singleResult) };
}

const LISTING = `{products(first:20){nodes{__typename id sku hsCode originCountry weightGrams dimensions{lengthCm widthCm heightCm}complianceTags attributes{key value}}}}`;

describe('compiled execution answers as graphql-js', () => {
  it('gives byte-equal answers and errors, run after run', async () => {
    const { body: listing } = await answer(plainServer, LISTING);
    const ids: string[] = JSON.parse(listing).data.products.nodes.map((node: { id: string }) => node.id);
    expect(ids).toHaveLength(20);
    const cases: [string, Record<string, unknown>?, Record<string, string>?][] = [
      [LISTING],
      [
        `query Page($first: Int, $after: String) { products(first: $first, after: $after) { nodes { id sku brand } pageInfo { hasNextPage endCursor } } }`,
        { first: 3 },
      ],
      [`query($id: ID) { product(id: $id) { __typename id sku categories { id } } }`, { id: ids[0] }],
      // Not found (null), a bad id (BAD_USER_INPUT from a resolver), a page size out of range, a bad cursor.
      [`query($id: ID) { product(id: $id) { id sku } }`, { id: 'ffffffffffffffffffffffff' }],
      [`query($id: ID) { product(id: $id) { id sku } }`, { id: 'not-an-id' }],
      [`{ products(first: 1000) { nodes { id } } }`],
      [`{ products(first: 2, after: "garbage") { nodes { id } } }`],
      // Variable coercion errors: a wrong type, a missing non-null variable, malformed representations.
      [`query($first: Int) { products(first: $first) { nodes { id } } }`, { first: 'many' }],
      [`query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku } } }`, {}],
      [
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku } } }`,
        { representations: [{ __typename: 'Nope', id: ids[0] }] },
      ],
      [
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku } } }`,
        {
          representations: [
            { __typename: 'Product', id: ids[0] },
            { __typename: 'Product', id: 'ffffffffffffffffffffffff' },
          ],
        },
      ],
      // A single representation where a list is expected (coerced to a list of one), a null item, a string item.
      [
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku } } }`,
        { representations: { __typename: 'Product', id: ids[2] } },
      ],
      [
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id } } }`,
        { representations: [null] },
      ],
      [
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id } } }`,
        { representations: ['Product'] },
      ],
      // Two operations, one named; introspection; the subgraph's SDL.
      [`query A { products(first: 1) { nodes { id } } } query B { product(id: "${ids[1]}") { sku } }`],
      [`{ __schema { queryType { name } } __typename }`],
      [`{ _service { sdl } }`],
    ];
    for (const [query, variables, headers] of cases) {
      const expected = await answer(plainServer, query, variables, headers);
      for (let run = 0; run < 3; run++) expect(await answer(compiledServer, query, variables, headers), query).toEqual(expected);
    }
  });
});

describe('when a query is compiled', () => {
  it('runs the first runs of a document on graphql-js, then its compiled form; an error answer comes from graphql-js', async () => {
    const execution = createCompiledExecution(buildGuardedSubgraphSchema(productsTypeDefs, resolvers), { compileAfterRuns: 2 });
    const server = new ApolloServer<ProductsContext>({
      gateway: execution,
      formatError: createErrorFormatter(false),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await server.start();
    try {
      for (let run = 0; run < 2; run++) await answer(server, LISTING);
      expect(execution.stats).toEqual({ compiledOperations: 0, compiledRuns: 0, fallbackRuns: 0 });
      const third = await answer(server, LISTING);
      expect(execution.stats).toEqual({ compiledOperations: 1, compiledRuns: 1, fallbackRuns: 0 });
      expect(third).toEqual(await answer(plainServer, LISTING));

      const badId = `query($id: ID) { product(id: $id) { id } }`;
      for (let run = 0; run < 3; run++) await answer(server, badId, { id: 'ffffffffffffffffffffffff' });
      const failing = await answer(server, badId, { id: 'not-an-id' });
      expect(execution.stats).toEqual({ compiledOperations: 2, compiledRuns: 2, fallbackRuns: 1 });
      expect(JSON.parse(failing.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await server.stop();
    }
  });
});

describe('the fast path over HTTP', () => {
  it('answers JSON POSTs of queries byte for byte as Apollo Server does, and hands it everything else', async () => {
    const { body: listing } = await answer(plainServer, LISTING);
    const ids: string[] = JSON.parse(listing).data.products.nodes.map((node: { id: string }) => node.id);
    const fast = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, compileAfterRuns: 0 });
    const apollo = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, compileAfterRuns: 0 });
    const context = (req: IncomingMessage) => harness.built.context(req);
    const running: RunningServer[] = [];
    try {
      running.push(await listenGraphQL(fast.server, { port: 0, context, fastPath: fast.fastPath }));
      running.push(await listenGraphQL(apollo.server, { port: 0, context }));
      const [fastUrl, apolloUrl] = running.map((server) => server.url);
      const post = async (url: string, body: string, headers: Record<string, string>) => {
        const response = await fetch(url, { method: 'POST', body, headers });
        // Every response header but the date, which changes by the second.
        const answered = [...response.headers].filter(([name]) => name !== 'date');
        return { status: response.status, headers: answered, body: await response.text() };
      };
      const json = { 'content-type': 'application/json' };
      const spec = { ...json, accept: 'application/graphql-response+json, application/json' };
      const entities = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku weightGrams } } }`;
      const badId = JSON.stringify({ query: `query($id: ID) { product(id: $id) { id } }`, variables: { id: 'not-an-id' } });
      // [body, headers, answered by the fast path]
      const cases: [string, Record<string, string>, boolean][] = [
        [JSON.stringify({ query: LISTING }), json, true],
        [
          JSON.stringify({ query: LISTING, variables: null, operationName: null }),
          { 'content-type': 'application/json; charset=utf-8', accept: '*/*' },
          true,
        ],
        [
          JSON.stringify({ query: entities, variables: { representations: ids.slice(0, 5).map((id) => ({ __typename: 'Product', id })) } }),
          { ...json, accept: 'application/json' },
          true,
        ],
        // The GraphQL-over-HTTP spec's Accept headers, q-values included.
        [JSON.stringify({ query: LISTING }), spec, true],
        [JSON.stringify({ query: LISTING }), { ...json, accept: 'application/graphql-response+json' }, true],
        [JSON.stringify({ query: LISTING }), { ...json, accept: 'application/json;q=0.5, application/graphql-response+json' }, true],
        [JSON.stringify({ query: LISTING }), { ...json, accept: 'application/graphql-response+json;q=0.9, application/json' }, true],
        // Errors from a resolver and from variables: the fast path formats them as Apollo Server does.
        [badId, json, true],
        [badId, spec, true],
        [JSON.stringify({ query: entities, variables: { representations: [{ __typename: 'Nope', id: 'x' }] } }), json, true],
        [JSON.stringify({ query: entities, variables: { representations: [{ __typename: 'Nope', id: 'x' }] } }), spec, true],
        [
          JSON.stringify({ query: `query($first: Int) { products(first: $first) { nodes { id } } }`, variables: { first: 'many' } }),
          json,
          true,
        ],
        // Errors from validation and parsing, a mutation-less schema's mutation: Apollo Server's.
        [JSON.stringify({ query: `{ product(id: "x") { nope } }` }), json, false],
        [JSON.stringify({ query: `{ product(id: ` }), spec, false],
        [JSON.stringify({ query: `mutation { x }` }), json, false],
        // Shapes the fast path leaves to Apollo Server.
        [JSON.stringify({ query: LISTING, extensions: {} }), json, false],
        [JSON.stringify({ query: '' }), json, false],
        [JSON.stringify({ query: LISTING, variables: 'x' }), json, false],
        [JSON.stringify({ query: 'query A { __typename } query B { __typename }' }), json, false],
        [JSON.stringify({ query: LISTING }), { ...json, accept: 'text/html' }, false],
        [JSON.stringify([{ query: LISTING }]), json, false],
        [JSON.stringify({ query: LISTING }), { 'content-type': 'text/plain' }, false],
      ];
      let expectedAnswers = 0;
      for (const [body, headers, taken] of cases) {
        const expected = await post(apolloUrl!, body, headers);
        for (let run = 0; run < 2; run++) {
          const before = fast.fastPath.stats.answered;
          const label = `${body} ${JSON.stringify(headers)}`;
          expect(await post(fastUrl!, body, headers), label).toEqual(expected);
          expect(fast.fastPath.stats.answered - before, label).toBe(taken ? 1 : 0);
          if (taken) expectedAnswers++;
        }
      }
      expect(fast.fastPath.stats.answered).toBe(expectedAnswers);
      expect(apollo.fastPath.stats.answered).toBe(0);
    } finally {
      for (const server of running) await server.stop();
    }
  });
});
