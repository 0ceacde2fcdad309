import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
let gateway: RunningServer;
let silentServer: net.Server;
let unreachableGateway: RunningServer;
const openSockets = new Set<net.Socket>();

beforeAll(async () => {
  stack = await startTestStack();
  // A "pricing subgraph" that accepts connections and never answers: what a hung deployment looks like.
  silentServer = net.createServer((socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
  const { port } = silentServer.address() as AddressInfo;
  const built = createGateway({
    subgraphUrls: { ...stack.subgraphUrls, pricing: `http://127.0.0.1:${port}/graphql` },
    subgraphSecret: stack.subgraphSecret,
    subgraphTimeoutMs: 300,
  });
  gateway = await listenGraphQL(built.server, { port: 0, context: built.context });

  // A "pricing subgraph" whose address has nothing listening: take a free port, then release it.
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const unreachable = createGateway({
    subgraphUrls: { ...stack.subgraphUrls, pricing: `http://127.0.0.1:${closedPort}/graphql` },
    subgraphSecret: stack.subgraphSecret,
  });
  unreachableGateway = await listenGraphQL(unreachable.server, { port: 0, context: unreachable.context });
});

afterAll(async () => {
  await unreachableGateway?.stop();
  await gateway?.stop();
  for (const socket of openSockets) socket.destroy();
  await new Promise<void>((resolve) => silentServer?.close(() => resolve()));
  await stack?.stop();
});

describe('a hung subgraph', () => {
  it('costs only its own fields: the rest of the product page still answers, with a clean error', async () => {
    const response = await graphql(
      gateway.url,
      '{ product(sku: "APP-TEE-NAV") { sku content(locale: "en") { title } price(country: DE) { amount { amount } } } }',
    );
    expect(response.data?.product).toMatchObject({ sku: 'APP-TEE-NAV', content: { title: 'Organic Cotton Tee, Navy' }, price: null });
    expect(response.errors?.[0]).toMatchObject({
      message: 'The pricing service did not answer within 300 ms; its fields are null. Retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|127\.0\.0\.1/);
  });
});

describe('an unreachable subgraph', () => {
  it('costs only its own fields, reported as SERVICE_UNAVAILABLE naming it, and at once', async () => {
    const started = Date.now();
    const response = await graphql(
      unreachableGateway.url,
      '{ product(sku: "APP-TEE-NAV") { sku content(locale: "en") { title } price(country: DE) { amount { amount } } delivery(shipTo: DE) { shippable earliest } } }',
    );
    // Connection refused is known at once: no waiting for the 10 s deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(200);
    expect(response.data?.product).toEqual({
      sku: 'APP-TEE-NAV',
      content: { title: 'Organic Cotton Tee, Navy' },
      price: null,
      delivery: { shippable: true, earliest: '2026-11-26' },
    });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      message: 'The pricing service is unreachable; its fields are null. Retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|127\.0\.0\.1|ECONNREFUSED/);
  });

  it('leaves queries that do not touch it untouched', async () => {
    const response = await graphql(unreachableGateway.url, '{ product(sku: "APP-TEE-NAV") { sku } warehouses { id } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.product).toEqual({ sku: 'APP-TEE-NAV' });
    expect(response.data?.warehouses).toHaveLength(3);
  });
});
