import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';

// The gateway alone over loopback, its subgraphs nowhere: everything here is decided by the HTTP layer.
const nowhere = 'http://127.0.0.1:9/graphql';
let server: RunningServer;
let stuckProbes: RunningServer;

beforeAll(async () => {
  const built = createGateway({ subgraphUrls: { products: nowhere, pricing: nowhere, fulfillment: nowhere, localization: nowhere } });
  server = await listenGraphQL(built.server, {
    port: 0,
    context: built.context,
    limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000, maxConnections: 8 },
    ready: async () => ({ supergraph: 'loaded', circuits: built.circuits() }),
  });
  const other = createGateway({ subgraphUrls: { products: nowhere, pricing: nowhere, fulfillment: nowhere, localization: nowhere } });
  // Probes that never settle: what a paused database looks like to a ping.
  stuckProbes = await listenGraphQL(other.server, {
    port: 0,
    context: other.context,
    probeTimeoutMs: 300,
    health: () => new Promise(() => {}),
    ready: () => new Promise(() => {}),
  });
});

afterAll(async () => {
  await server?.stop();
  await stuckProbes?.stop();
});

/** Opens a raw connection, writes `head`, then trickles `trickle` one byte every `everyMs`; resolves with what came back and when. */
function trickle(port: number, head: string, trickleText: string, everyMs: number): Promise<{ answer: string; afterMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < trickleText.length && !socket.destroyed) socket.write(trickleText[sent++]!);
    }, everyMs);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, afterMs: performance.now() - started });
    });
  });
}

describe('slow clients are cut off on time', () => {
  it('a body trickled 1 byte at a time is answered 408 and closed within the request timeout', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const { answer, afterMs } = await trickle(
      server.port,
      `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      body,
      400,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(3_000);
  });

  it('headers trickled slowly are cut off within the headers timeout', async () => {
    const { afterMs } = await trickle(server.port, 'POST /graphql HTTP/1.1\r\n', 'x-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 400);
    expect(afterMs).toBeLessThan(3_500);
  });

  it('connections past the cap are refused at accept while the first ones are held', async () => {
    const held = await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
            s.on('error', () => {});
          }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await trickle(server.port, 'GET /health HTTP/1.1\r\nhost: x\r\n\r\n', '', 1_000);
    expect(extra.answer).toBe('');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(server.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});

describe('documents that would crash the parser', () => {
  it('a 20 000-deep {a{a{… is a clean QUERY_TOO_COMPLEX, not "Maximum call stack size exceeded"', async () => {
    const deep = '{' + 'a{'.repeat(20_000) + 'b' + '}'.repeat(20_001);
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: deep }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toEqual({ message: 'The query nests brackets more than 64 deep', extensions: { code: 'QUERY_TOO_COMPLEX' } });
  });
});

describe('health and readiness', () => {
  it('/health and /ready answer; /ready says the supergraph is loaded and how each circuit stands', async () => {
    expect((await fetch(server.url.replace('/graphql', '/health'))).status).toBe(200);
    const ready = await fetch(server.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', supergraph: 'loaded', circuits: { products: 'closed', pricing: 'closed' } });
  });

  it('a probe that never settles (a paused database) answers 503 within its deadline, never hangs', async () => {
    for (const path of ['/health', '/ready']) {
      const started = performance.now();
      const response = await fetch(stuckProbes.url.replace('/graphql', path));
      expect(response.status).toBe(503);
      const what = path === '/health' ? 'health check' : 'readiness check';
      expect(await response.json()).toEqual({ status: 'unavailable', reason: `${what} did not answer within 300 ms` });
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
