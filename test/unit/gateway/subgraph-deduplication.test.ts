import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSubgraphAgent, SubgraphDataSource } from '../../../gateway/subgraph-data-source.ts';

type Context = { forwardedHeaders?: Record<string, string>; deadline?: number };

/** A subgraph over real HTTP that answers after 150 ms and records every request it received. */
let server: Server;
let url: string;
const received: Array<{ body: string; market: string | undefined }> = [];

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    received.push({ body, market: request.headers['x-market'] as string | undefined });
    await new Promise((resolve) => setTimeout(resolve, 150));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ data: { answer: { request: received.length, market: request.headers['x-market'] ?? null } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  received.length = 0;
});

function dataSource(deduplicateQueries?: boolean) {
  return new SubgraphDataSource<Context>({
    name: 'pricing',
    url,
    timeoutMs: 5_000,
    agent: createSubgraphAgent(),
    forwardedHeaders: (context) => context.forwardedHeaders ?? {},
    deadline: (context) => context.deadline,
    ...(deduplicateQueries !== undefined && { deduplicateQueries }),
  });
}

function fetchOf(query: string, context: Context = {}, variables: Record<string, unknown> = {}) {
  return {
    kind: 'incoming operation',
    request: { query, variables },
    context,
    document: parse(query),
  } as unknown as GraphQLDataSourceProcessOptions<Context>;
}

const QUERY = 'query Listing__pricing__1($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';
const MUTATION = 'mutation Quote__pricing__0 { quoteCart(input: {}) { id } }';

describe('subgraph data source: identical queries in flight share one fetch', () => {
  it('sends one fetch for identical queries asked at once, and gives each request its own copy of the answer', async () => {
    const source = dataSource();
    const context = { forwardedHeaders: { 'x-market': 'DE' } };
    const answers = await Promise.all([1, 2, 3].map(() => source.process(fetchOf(QUERY, context, { representations: [{ id: 'p1' }] }))));
    expect(received).toHaveLength(1);
    expect(answers.map((answer) => answer.data)).toEqual([1, 2, 3].map(() => ({ answer: { request: 1, market: 'DE' } })));
    // The gateway merges answers in place: one request's copy must not be another's.
    expect(answers[0]).not.toBe(answers[1]);
    expect(answers[0]!.data).not.toBe(answers[1]!.data);
    expect(source.sharedFetches).toBe(2);
  });

  it('never shares between different variables, different forwarded headers, or a query that finished', async () => {
    const source = dataSource();
    await Promise.all([
      source.process(fetchOf(QUERY, { forwardedHeaders: { 'x-market': 'DE' } }, { representations: [{ id: 'p1' }] })),
      source.process(fetchOf(QUERY, { forwardedHeaders: { 'x-market': 'FR' } }, { representations: [{ id: 'p1' }] })),
      source.process(fetchOf(QUERY, { forwardedHeaders: { 'x-market': 'DE' } }, { representations: [{ id: 'p2' }] })),
    ]);
    expect(received.map((request) => request.market).sort()).toEqual(['DE', 'DE', 'FR']);
    // Nothing is cached: the same query asked again after the first answered is fetched again.
    await source.process(fetchOf(QUERY, { forwardedHeaders: { 'x-market': 'FR' } }, { representations: [{ id: 'p1' }] }));
    expect(received).toHaveLength(4);
  });

  it('sends every mutation, however alike', async () => {
    const source = dataSource();
    await Promise.all([source.process(fetchOf(MUTATION)), source.process(fetchOf(MUTATION))]);
    expect(received).toHaveLength(2);
    expect(source.sharedFetches).toBe(0);
  });

  it('sends every query when deduplication is off', async () => {
    const source = dataSource(false);
    await Promise.all([source.process(fetchOf(QUERY)), source.process(fetchOf(QUERY))]);
    expect(received).toHaveLength(2);
  });

  it('a request that joined a fetch still ends at its own deadline', async () => {
    const source = dataSource();
    const first = source.process(fetchOf(QUERY));
    const hurried = source.process(fetchOf(QUERY, { deadline: performance.now() + 50 }));
    const failure = await hurried.then(
      () => undefined,
      (error: { message: string; extensions: unknown }) => error,
    );
    expect(failure?.message).toMatch(/^The pricing service did not answer within (49|50) ms; its fields are null\. Retry shortly\.$/);
    expect(failure?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'pricing' });
    expect((await first).data).toEqual({ answer: { request: 1, market: null } });
    expect(received).toHaveLength(1);
  });
});
