import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { parseTrustedProxies } from '../../subgraphs/common/client-address.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { SIGNATURE_HEADER, signBody } from '../../subgraphs/common/request-signature.ts';
import { startTestStack, type TestStack } from '../e2e/stack.ts';

// The real stack over loopback with the gateway's connection timeouts shortened so that what a flood holds, and
// for how long, shows in seconds. Loopback answers on all of 127/8: each kind of client gets its own source
// address, so per-address limits see them as the different clients they would be.
const LIMITS = { headersTimeoutMs: 1_500, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 1_000, writeTimeoutMs: 1_500 };
const LEGITIMATE = '127.0.0.2';
const SLOWLORIS = '127.0.0.3';
const IDLE = '127.0.0.4';
const NON_READER = '127.0.0.5';
const UNTRUSTED_PROXY = '127.0.0.6';
const IN_PROGRESS = '127.0.0.7';

let stack: TestStack;
let port: number;
/** A gateway with a small per-client budget that trusts the load balancer at 127.0.0.1. */
let budgeted: RunningServer;
/** Figures for the closing note, printed after the run. */
const figures: Record<string, unknown> = {};

const PAGE = '{ product(sku: "APP-TEE-NAV") { sku content(locale: "en") { title } price(country: DE) { amount { amount } } } }';

beforeAll(async () => {
  stack = await startTestStack({ gatewayLimits: LIMITS });
  port = Number(new URL(stack.gatewayUrl).port);
  const trustedProxies = parseTrustedProxies('127.0.0.1');
  const gateway = createGateway({
    subgraphUrls: stack.subgraphUrls,
    subgraphSecret: stack.subgraphSecret,
    trustedProxies,
    // A few `markets` requests under the calibrated cost model, so each client's budget runs out within ten.
    rateLimit: { unitsPerWindow: 40, windowMs: 60_000 },
  });
  budgeted = await listenGraphQL(gateway.server, { port: 0, context: gateway.context, trustedProxies });
}, 60_000);

afterAll(async () => {
  console.info('connection figures', JSON.stringify(figures));
  await budgeted?.stop();
  await stack?.stop();
});

interface Sent {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** One request on a new connection from `from` (no keep-alive: each request must be accepted anew), or an error. */
function send(
  url: string,
  from: string,
  query: string,
  headers: Record<string, string> = {},
  timeoutMs = 5_000,
): Promise<Sent | { error: string }> {
  const target = new URL(url);
  const body = JSON.stringify({ query });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        timeout: timeoutMs,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ error: `not JSON: ${text.slice(0, 80)}` });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(body);
  });
}

/** Whether `sent` is the product page, whole. */
const isWholePage = (sent: Sent | { error: string }): boolean =>
  'status' in sent && sent.status === 200 && sent.body.errors === undefined && sent.body.data?.product?.sku === 'APP-TEE-NAV';

/** Opens a raw connection from `from`; resolves once connected (or refused). */
function connectFrom(from: string): Promise<net.Socket> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from });
    socket.on('error', () => {});
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });
}

/** Server-side connections to the gateway's port from `address` the kernel still has ESTABLISHED (Linux). */
function establishedFrom(address: string): number {
  const hex = (ip: string) =>
    ip
      .split('.')
      .map((part) => Number(part).toString(16).toUpperCase().padStart(2, '0'))
      .reverse()
      .join('');
  const local = `${hex('127.0.0.1')}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const remote = `${hex(address)}:`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, localAddress, remoteAddress, state]) => localAddress === local && remoteAddress?.startsWith(remote) && state === '01')
    .length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A slowloris flood (`node -e … <port> <source address> <sockets>`): each socket starts a request and trickles a
 * header line every 500 ms; when the server cuts it, it comes back a second later. On SIGTERM it prints how many
 * connections it opened.
 */
const SLOWLORIS_SCRIPT = `
import net from 'node:net';
const [port, from, count] = process.argv.slice(-3);
let opened = 0;
let running = true;
const sockets = new Set();
function open() {
  if (!running) return;
  opened++;
  const socket = net.connect({ port: Number(port), host: '127.0.0.1', localAddress: from });
  sockets.add(socket);
  let trickle;
  socket.on('error', () => {});
  socket.on('connect', () => {
    socket.write('GET /graphql HTTP/1.1\\r\\nhost: x\\r\\n');
    trickle = setInterval(() => socket.write('x-slow-' + opened + ': a\\r\\n'), 500);
  });
  socket.on('close', () => {
    clearInterval(trickle);
    sockets.delete(socket);
    setTimeout(open, 1000);
  });
}
for (let index = 0; index < Number(count); index++) open();
process.on('SIGTERM', () => {
  running = false;
  for (const socket of sockets) socket.destroy();
  process.stdout.write('opened ' + opened + '\\n', () => process.exit(0));
});
`;

describe('a connection flood from one address leaves room for everyone else', () => {
  it("with 1,100 slowloris sockets from one address, re-opened as they are cut, at least 95 % of another client's requests succeed", async () => {
    // The flood runs in a process of its own, as an attacker would: this one's event loop serves the stack.
    const flood = spawn(process.execPath, ['--input-type=module', '-e', SLOWLORIS_SCRIPT, String(port), SLOWLORIS, '1100'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let report = '';
    flood.stdout.setEncoding('utf8').on('data', (chunk: string) => (report += chunk));
    const exited = new Promise((resolve) => flood.once('exit', resolve));
    await sleep(1_500);

    // 20 page views, 4 at a time, each on a new connection, over the seconds the flood lasts.
    const answers: (Sent | { error: string })[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let index = 0; index < 5; index++) answers.push(await send(stack.gatewayUrl, LEGITIMATE, PAGE, {}, 10_000));
      }),
    );
    flood.kill('SIGTERM');
    await exited;
    const opened = Number(/opened (\d+)/.exec(report)?.[1] ?? 0);
    const succeeded = answers.filter(isWholePage).length;
    figures.slowloris = { legitimate: `${succeeded}/${answers.length}`, attackerConnectionsOpened: opened };
    expect(succeeded / answers.length, JSON.stringify(answers.find((answer) => !isWholePage(answer)))).toBeGreaterThanOrEqual(0.95);
  });

  it('2,000 idle TCP connections from one address do not block another address', async () => {
    const idle: net.Socket[] = [];
    for (let batch = 0; batch < 10; batch++) idle.push(...(await Promise.all(Array.from({ length: 200 }, () => connectFrom(IDLE)))));
    await sleep(100);
    const answers = [];
    for (let index = 0; index < 10; index++) answers.push(await send(stack.gatewayUrl, LEGITIMATE, PAGE, {}, 1_000));
    const heldAtFirst = establishedFrom(IDLE);
    // The ones the address may hold are closed too once silent for the headers timeout.
    let held = heldAtFirst;
    const deadline = performance.now() + LIMITS.headersTimeoutMs + 3_000;
    while (held > 0 && performance.now() < deadline) {
      await sleep(250);
      held = establishedFrom(IDLE);
    }
    for (const socket of idle) socket.destroy();
    figures.idle = { legitimate: `${answers.filter(isWholePage).length}/${answers.length}`, heldAtFirst, heldAfterHeadersTimeout: held };
    expect(answers.filter(isWholePage)).toHaveLength(answers.length);
    expect(heldAtFirst).toBeLessThanOrEqual(128);
    expect(held).toBe(0);
  });
});

describe('requests in progress per client', () => {
  /** Starts a POST from `from` whose body never arrives: its request stays in progress until the request timeout. */
  async function hold(from: string, headers: Record<string, string> = {}): Promise<net.Socket> {
    const socket = await connectFrom(from);
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n${extra.join('')}\r\n{`);
    return socket;
  }

  it('one address may have 64 in progress; the 65th is 429 RATE_LIMITED while another address is served', async () => {
    const held = await Promise.all(Array.from({ length: 64 }, () => hold(IN_PROGRESS)));
    await sleep(200);
    const refused = await send(stack.gatewayUrl, IN_PROGRESS, PAGE);
    const other = await send(stack.gatewayUrl, LEGITIMATE, PAGE);
    for (const socket of held) socket.destroy();
    expect(refused).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
    expect(isWholePage(other)).toBe(true);
  });

  it('one API key may have 64 in progress across addresses; the 65th with that key is 429 from any address', async () => {
    const key = { 'x-api-key': 'mk_test_one-partner-many-addresses' };
    const held = await Promise.all(Array.from({ length: 64 }, (_, index) => hold(`127.0.1.${index + 1}`, key)));
    await sleep(200);
    const refused = await send(stack.gatewayUrl, '127.0.2.1', PAGE, key);
    for (const socket of held) socket.destroy();
    expect(refused).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
  });
});

describe('a client that never reads its answer', () => {
  it('100 clients asking for large answers and never reading them do not hold their sockets past the write timeout', async () => {
    // The explorer bundle (about 1.4 MB) asked four times on one connection: more than the kernel's socket
    // buffers take, so each answer waits on the client, as a large answer does for a reader that stopped.
    const clients = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const socket = await connectFrom(NON_READER);
        socket.pause();
        socket.write('GET /explorer/explorer.js HTTP/1.1\r\nhost: x\r\n\r\n'.repeat(4));
        return socket;
      }),
    );
    await sleep(500);
    const heldAtFirst = establishedFrom(NON_READER);
    let held = heldAtFirst;
    const deadline = performance.now() + LIMITS.writeTimeoutMs + 4_000;
    while (held > 0 && performance.now() < deadline) {
      await sleep(250);
      held = establishedFrom(NON_READER);
    }
    for (const socket of clients) socket.destroy();
    figures.nonReaders = { heldAtFirst, heldAfterWriteTimeout: held };
    expect(heldAtFirst).toBe(100);
    expect(held).toBe(0);
    // The gateway still serves everyone else.
    expect(isWholePage(await send(stack.gatewayUrl, LEGITIMATE, PAGE))).toBe(true);
  });
});

describe('subgraphs answer only the gateway', () => {
  const sdlQuery = '{ _service { sdl } }';
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('an unsigned request, _service { sdl } included, is refused with 401 by every subgraph while the gateway works', async () => {
    const body = JSON.stringify({ query: sdlQuery });
    for (const url of Object.values(stack.subgraphUrls)) {
      const unsigned = await post(url, body);
      expect(unsigned.status).toBe(401);
      const answer = (await unsigned.json()) as Sent['body'];
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]).toEqual({
        message: 'This service answers only requests signed by the Meridian gateway: send queries to the gateway.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      const get = await fetch(`${url}?query=${encodeURIComponent(sdlQuery)}`);
      expect(get.status).toBe(401);
    }
    expect(isWholePage(await send(stack.gatewayUrl, LEGITIMATE, PAGE))).toBe(true);
  });

  it('a signature made with another secret, over another body, or too old is refused with 403', async () => {
    const url = stack.subgraphUrls.products;
    const body = JSON.stringify({ query: sdlQuery });
    const cases = {
      otherSecret: signBody('x'.repeat(43), body),
      otherBody: signBody(stack.subgraphSecret, JSON.stringify({ query: '{ __typename }' })),
      tooOld: signBody(stack.subgraphSecret, body, Date.now() - 10 * 60_000),
    };
    for (const [name, signature] of Object.entries(cases)) {
      const refused = await post(url, body, { [SIGNATURE_HEADER]: signature });
      expect(refused.status, name).toBe(403);
      expect(((await refused.json()) as Sent['body']).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    }
  });

  it("a request signed with the shared secret is answered, as the gateway's are", async () => {
    const body = JSON.stringify({ query: sdlQuery });
    const signed = await post(stack.subgraphUrls.pricing, body, { [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, body) });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toMatch(/^type Query\b/m);
  });

  it("signed requests still meet the subgraph's own limits: body size and bracket nesting", async () => {
    const huge = JSON.stringify({ query: `{ _service { sdl } } # ${'x'.repeat(1_100_000)}` });
    const tooLarge = await post(stack.subgraphUrls.products, huge, { [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, huge) });
    expect(tooLarge.status).toBe(413);
    const deep = JSON.stringify({ query: `{${'a{'.repeat(100)}b${'}'.repeat(101)}` });
    const tooDeep = await post(stack.subgraphUrls.products, deep, { [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, deep) });
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as Sent['body']).errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
  });

  it("signed requests meet the gateway's depth limit too: a plan is never deeper than what the gateway admits", async () => {
    const send = (query: string) => {
      const body = JSON.stringify({ query });
      return post(stack.subgraphUrls.products, body, { [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, body) });
    };
    const nested = (depth: number) => `{ categories { ${'children { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
    // Twice: the second run of a document takes the subgraph's faster path, which must refuse it as well.
    for (let run = 0; run < 2; run++) {
      const tooDeep = await send(nested(11));
      expect(tooDeep.status).toBe(400);
      expect(((await tooDeep.json()) as Sent['body']).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDepth: 10 });
      expect((await send(nested(10))).status).toBe(200);
    }
  });
});

describe('X-Forwarded-For names the client only when a trusted proxy sends it', () => {
  const MARKETS = '{ markets { country } }';
  /** Sends until the budget says 429 (at most 10 times); resolves with how many were answered before. */
  async function spend(from: string, headers: Record<string, string>): Promise<number> {
    for (let answered = 0; answered < 10; answered++) {
      const sent = await send(budgeted.url, from, MARKETS, headers);
      if ('status' in sent && sent.status === 429) return answered;
      expect(sent).toMatchObject({ status: 200 });
    }
    throw new Error('the budget never ran out');
  }

  it("behind the trusted proxy each forwarded client has its own budget; the proxy's own is untouched", async () => {
    expect(await spend('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).toBeGreaterThan(0);
    // Another shopper behind the same proxy still has its budget.
    expect(await send(budgeted.url, '127.0.0.1', MARKETS, { 'x-forwarded-for': '203.0.113.8' })).toMatchObject({ status: 200 });
    // An address the shopper wrote to the left of its own is not believed: the proxy appended the real one.
    expect(await send(budgeted.url, '127.0.0.1', MARKETS, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })).toMatchObject({
      status: 429,
    });
    expect(await send(budgeted.url, '127.0.0.1', MARKETS)).toMatchObject({ status: 200 });
  });

  it('from an untrusted peer the header is ignored: a new forwarded address does not buy a new budget', async () => {
    expect(await spend(UNTRUSTED_PROXY, { 'x-forwarded-for': '203.0.113.9' })).toBeGreaterThan(0);
    expect(await send(budgeted.url, UNTRUSTED_PROXY, MARKETS, { 'x-forwarded-for': '203.0.113.10' })).toMatchObject({ status: 429 });
  });
});

describe('the explorer page', () => {
  it('may not be framed: X-Frame-Options DENY beside its CSP frame-ancestors', async () => {
    const page = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
