import type { IncomingMessage } from 'node:http';
import type { GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphPlugin } from '../../subgraphs/common/fast-path.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { signBody, SIGNATURE_HEADER } from '../../subgraphs/common/request-signature.ts';
import { createSubgraphServer } from '../../subgraphs/common/subgraph.ts';
import type { ProductsContext } from '../../subgraphs/products/context.ts';
import { resolvers } from '../../subgraphs/products/resolvers/index.ts';
import { productsSubgraph, productsTypeDefs } from '../../subgraphs/products/subgraph.ts';
import { startSubgraphHarness, type SubgraphHarness } from './subgraph-harness.ts';

// A plugin registered with a subgraph runs for every request it answers, whichever path answers it: the fast
// path (the gateway's JSON POSTs) or Apollo Server's pipeline (everything else). Served over real HTTP, signed
// as the gateway signs, each request shape the subgraph answers is sent and the plugin's hooks are read back.
const NOW = '2026-11-25T10:00:00Z';
const SECRET = 'a-test-secret-of-at-least-32-characters';

let harness: SubgraphHarness<ProductsContext, unknown>;
/** Served with its fast path, as every subgraph is. */
let running: RunningServer;
/** The same server and plugin without the fast path: Apollo Server answers every request. */
let apolloOnly: RunningServer;
let fastAnswers: () => number;
/** The hooks each request ran, in order, by the `x-test-request` header the test sends. */
const hooksByRequest = new Map<string, string[]>();

/** Records every hook the fast path runs, and sets a response header (a plugin's answer reaches the client). */
const recordingPlugin: SubgraphPlugin<ProductsContext> = {
  async requestDidStart(requestContext: GraphQLRequestContext<ProductsContext>) {
    const hooks: string[] = ['requestDidStart'];
    hooksByRequest.set(requestContext.request.http?.headers.get('x-test-request') ?? '?', hooks);
    return {
      async didResolveSource() {
        hooks.push('didResolveSource');
      },
      async didResolveOperation(context) {
        hooks.push(`didResolveOperation ${context.operation?.operation}`);
      },
      async executionDidStart() {
        hooks.push('executionDidStart');
        return {
          async executionDidEnd() {
            hooks.push('executionDidEnd');
          },
        };
      },
      async didEncounterErrors(context) {
        hooks.push(`didEncounterErrors ${context.errors.length}`);
      },
      async willSendResponse(context) {
        hooks.push('willSendResponse');
        context.response.http.headers.set('x-plugin-saw', requestContext.queryHash ?? 'no hash');
      },
    };
  },
};

beforeAll(async () => {
  harness = (await startSubgraphHarness(productsSubgraph, NOW)) as SubgraphHarness<ProductsContext, unknown>;
  const { server, fastPath } = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, plugins: [recordingPlugin] });
  fastAnswers = () => fastPath.stats.answered;
  running = await listenGraphQL(server, {
    port: 0,
    context: (req: IncomingMessage) => harness.built.context(req),
    fastPath,
    requestSecret: SECRET,
  });
  const apollo = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, plugins: [recordingPlugin] });
  apolloOnly = await listenGraphQL(apollo.server, {
    port: 0,
    context: (req: IncomingMessage) => harness.built.context(req),
    requestSecret: SECRET,
  });
});
afterAll(async () => {
  await running?.stop();
  await apolloOnly?.stop();
  await harness?.stop();
});

/** Sends one signed request named `name` to `to` (default the fast-path server); `body` undefined sends a GET with `search`. */
async function send(name: string, request: { body?: unknown; search?: string; accept?: string }, to: RunningServer = running) {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const headers: Record<string, string> = { [SIGNATURE_HEADER]: signBody(SECRET, body), 'x-test-request': name };
  if (request.accept) headers.accept = request.accept;
  const response =
    request.body === undefined
      ? await fetch(`${to.url}${request.search ?? ''}`, { headers: { ...headers, 'apollo-require-preflight': 'true' } })
      : await fetch(to.url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    pluginSaw: response.headers.get('x-plugin-saw'),
    text,
    json: JSON.parse(text),
  };
}

const SUCCESS = [
  'requestDidStart',
  'didResolveSource',
  'didResolveOperation query',
  'executionDidStart',
  'executionDidEnd',
  'willSendResponse',
];
const SPEC_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

describe('a plugin registered with a subgraph', () => {
  it('runs its hooks for every request shape, on the fast path and through Apollo Server alike', async () => {
    const listing = await send('listing', { body: { query: '{ products(first: 3) { nodes { id sku } } }' } });
    const ids: string[] = listing.json.data.products.nodes.map((node: { id: string }) => node.id);
    const entities = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id sku } } }`;
    const before = fastAnswers();
    // [name, request, the hooks it must run, its status, answered by the fast path]
    const cases: [string, Parameters<typeof send>[1], string[], number, boolean][] = [
      ['plain POST', { body: { query: '{ products(first: 2) { nodes { id } } }' } }, SUCCESS, 200, true],
      ['spec Accept', { body: { query: '{ products(first: 2) { nodes { id } } }' }, accept: SPEC_ACCEPT }, SUCCESS, 200, true],
      [
        '_entities',
        { body: { query: entities, variables: { representations: ids.map((id) => ({ __typename: 'Product', id })) } } },
        SUCCESS,
        200,
        true,
      ],
      ['_service', { body: { query: '{ _service { sdl } }' } }, SUCCESS, 200, true],
      ['GET', { search: `?query=${encodeURIComponent('{ products(first: 1) { nodes { id } } }')}` }, SUCCESS, 200, false],
      [
        'resolver error',
        { body: { query: 'query($id: ID) { product(id: $id) { id } }', variables: { id: 'not-an-id' } } },
        ['requestDidStart', 'didResolveSource', 'didResolveOperation query', 'executionDidStart', 'didEncounterErrors 1'],
        200,
        true,
      ],
      [
        'variables error',
        { body: { query: entities, variables: { representations: [{ __typename: 'Nope', id: 'x' }] } }, accept: SPEC_ACCEPT },
        ['requestDidStart', 'didResolveSource', 'didResolveOperation query', 'executionDidStart', 'didEncounterErrors 1'],
        400,
        true,
      ],
      [
        'validation error',
        { body: { query: '{ products(first: 2) { nope } }' } },
        ['requestDidStart', 'didResolveSource', 'didEncounterErrors 1', 'willSendResponse'],
        400,
        false,
      ],
    ];
    for (const [name, request, hooks, status, fast] of cases) {
      const answered = fastAnswers();
      const response = await send(name, request);
      expect(response.status, name).toBe(status);
      expect(hooksByRequest.get(name), name).toEqual(
        // An answer with errors still ends its execution and is sent: those hooks come after the errors.
        hooks.includes('willSendResponse') ? hooks : [...hooks, 'executionDidEnd', 'willSendResponse'],
      );
      expect(response.pluginSaw, name).toMatch(/^[0-9a-f]{64}$/);
      expect(fastAnswers() - answered, name).toBe(fast ? 1 : 0);
      // Apollo Server's pipeline runs the same hooks in the same order, and answers the same bytes.
      const throughApollo = await send(`${name} (Apollo Server)`, request, apolloOnly);
      expect(hooksByRequest.get(`${name} (Apollo Server)`), name).toEqual(hooksByRequest.get(name));
      expect({ ...throughApollo, json: undefined }, name).toEqual({ ...response, json: undefined });
      expect(response.type, name).toBe(
        request.accept === SPEC_ACCEPT ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8',
      );
    }
    expect(fastAnswers() - before).toBe(cases.filter(([, , , , fast]) => fast).length);

    // A batch is refused before any operation runs (subgraphs do not take batches), so no hook has one to see.
    const batch = await send('batch', { body: [{ query: '{ __typename }' }, { query: '{ __typename }' }] });
    expect(batch.status).toBe(400);
    expect(hooksByRequest.has('batch')).toBe(false);
  });
});

describe('a plugin with a hook the fast path does not run', () => {
  it("is one of Apollo Server's own: the subgraph refuses to start, naming it", () => {
    for (const [plugin, id] of [
      [ApolloServerPluginInlineTrace(), 'InlineTrace'],
      [ApolloServerPluginCacheControl(), 'CacheControl'],
      [ApolloServerPluginDisableSuggestions(), 'DisableSuggestions'],
    ] as const) {
      expect(() => createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, plugins: [plugin] })).toThrow(
        `Apollo Server's ${id} plugin has request hooks the subgraph fast path`,
      );
    }
    // Its disabled marker has no hooks, and is accepted (every subgraph registers two).
    expect(() =>
      createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, plugins: [ApolloServerPluginInlineTraceDisabled()] }),
    ).not.toThrow();
  });

  it('is refused at type-check, and its request fails loudly instead of skipping the hook', async () => {
    const skipped: SubgraphPlugin<ProductsContext> = {
      // @ts-expect-error: responseForOperation is not a hook the fast path runs
      async requestDidStart() {
        return {
          async responseForOperation() {
            return null;
          },
        };
      },
    };
    // The same hook on a listener's class, where a plain object's keys would not show it.
    class FieldTimer {
      async executionDidStart() {
        return new (class {
          willResolveField() {}
        })();
      }
    }
    const skippedOnClass = { requestDidStart: async () => new FieldTimer() } as SubgraphPlugin<ProductsContext>;
    for (const plugin of [skipped, skippedOnClass]) {
      const { server, fastPath } = createSubgraphServer<ProductsContext>({ typeDefs: productsTypeDefs, resolvers, plugins: [plugin] });
      const refusing = await listenGraphQL(server, { port: 0, context: (req: IncomingMessage) => harness.built.context(req), fastPath });
      try {
        const response = await fetch(refusing.url, {
          method: 'POST',
          body: JSON.stringify({ query: '{ __typename }' }),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status).toBe(500);
        expect((await response.json()).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await refusing.stop();
      }
    }
  });
});
