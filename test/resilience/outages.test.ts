import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/common/config.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { randomBytes } from 'node:crypto';
import { runNode, startNode, type Child } from '../e2e/processes.ts';
import { E2E_NOW } from '../e2e/stack.ts';

// Real subgraph processes (`node subgraphs/<name>/server.ts`) over loopback, a gateway in this process with short
// limits so faults show quickly: 500 ms per subgraph fetch, 2 s per request, circuits opening after 3 failures
// and probing after 1 s. Faults: SIGKILL (a crashed deployment) and SIGSTOP (a hung one), of subgraphs and of
// the database (the embedded devdb, run as its own process so it can be paused). Seed and subgraphs run at the
// end-to-end tests' instant, so the page's price is the one the healthy stack gives there.
const SUBGRAPH_TIMEOUT_MS = 500;
const REQUEST_DEADLINE_MS = 2_000;
const COOL_DOWN_MS = 1_000;
/** What the gateway signs its subgraph requests with, and the subgraph processes check. */
const SUBGRAPH_SECRET = randomBytes(32).toString('base64url');

let db: { uri: string; prefix: string; child: Child };
const children = new Map<SubgraphName, Child>();
const ports = new Map<SubgraphName, number>();
let gateway: ReturnType<typeof createGateway>;
let running: RunningServer;
/** Figures for the closing note, printed after the run. */
const figures: Record<string, unknown> = {};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function startSubgraph(name: SubgraphName, port = 0): Promise<void> {
  const child = startNode([`subgraphs/${name}/server.ts`], {
    MONGODB_URI: db.uri,
    MERIDIAN_DB_PREFIX: db.prefix,
    MERIDIAN_NOW: E2E_NOW,
    SUBGRAPH_SHARED_SECRET: SUBGRAPH_SECRET,
    [`${name.toUpperCase()}_PORT`]: String(port),
  });
  children.set(name, child);
  const line = await child.lineWhere((text) => text.includes('"subgraph listening"'));
  ports.set(name, Number(new URL(JSON.parse(line).url).port));
}

function stopChild(child: Child | undefined): Promise<unknown> {
  if (!child) return Promise.resolve();
  if (child.process.exitCode === null && child.process.signalCode === null) {
    child.process.kill('SIGCONT');
    child.process.kill('SIGKILL');
  }
  return child.exited;
}

const PAGE = `{ product(sku: "APP-TEE-NAV") {
  sku content(locale: "en") { title } price(country: DE) { amount { amount currencyCode } } delivery(shipTo: DE) { earliest }
} }`;
/** The tee's German price on the healthy stack (test/e2e/product-page.test.ts): VAT and the EU's flat duty included. */
const PRICE_DE = { amount: { amount: '32.78', currencyCode: 'EUR' } };

interface Answer {
  status: number;
  ms: number;
  body: { data?: { product: Record<string, unknown> | null }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ask(): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - started, body };
}

/** `total` requests, `concurrency` at a time: a small bounded load. */
async function load(total: number, concurrency: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        answers.push(await ask());
      }
    }),
  );
  return answers;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

beforeAll(async () => {
  const child = startNode(['scripts/devdb/cli.ts', '--port', '0']);
  const uri = await child.lineWhere((line) => line.startsWith('mongodb://'));
  db = { uri: uri.trim(), prefix: `resilience_${process.pid}_${randomBytes(3).toString('hex')}`, child };
  const seeded = await runNode(['scripts/seed.ts'], { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: db.prefix, MERIDIAN_NOW: E2E_NOW });
  expect(seeded.code, seeded.stderr).toBe(0);
  await Promise.all(SUBGRAPH_NAMES.map((name) => startSubgraph(name)));
  gateway = createGateway({
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports.get(name)}/graphql`])),
    subgraphTimeoutMs: SUBGRAPH_TIMEOUT_MS,
    requestDeadlineMs: REQUEST_DEADLINE_MS,
    circuitBreaker: { failureThreshold: 3, coolDownMs: COOL_DOWN_MS },
    rateLimit: false,
    subgraphSecret: SUBGRAPH_SECRET,
  });
  running = await listenGraphQL(gateway.server, { port: 0, context: gateway.context });
  // Fresh processes load reference data on their first request, which may exceed the short fetch timeout.
  await until(async () => (await ask()).body.errors === undefined, 20_000);
});

afterAll(async () => {
  console.info('resilience figures', JSON.stringify(figures));
  await running?.stop();
  await Promise.all([...children.values()].map(stopChild));
  await stopChild(db?.child);
});

/** Asserts one answer under an outage of `down`: the product is there, only `field` is null, the error names the service. */
function expectPartial(answer: Answer, down: SubgraphName, field: 'content' | 'delivery'): void {
  expect(answer.status).toBe(200);
  const product = answer.body.data?.product;
  expect(product).toMatchObject({ sku: 'APP-TEE-NAV', [field]: null });
  expect(product?.price).toEqual(PRICE_DE);
  expect(answer.body.errors, JSON.stringify(answer.body.errors)).toHaveLength(1);
  expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: down });
  expect(answer.body.errors?.[0]?.message).toContain(`The ${down} service`);
  expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|\n\s+at /);
}

describe('before any fault', () => {
  it('the product page is whole', async () => {
    const answer = await ask();
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    expect(answer.body.data?.product).toEqual({
      sku: 'APP-TEE-NAV',
      content: { title: 'Organic Cotton Tee, Navy' },
      price: PRICE_DE,
      delivery: { earliest: expect.any(String) },
    });
  });
});

describe('fulfillment killed (SIGKILL) and restarted', () => {
  it('costs only delivery, the breaker opens and fails fast, and closes after the restart', async () => {
    const port = ports.get('fulfillment')!;
    children.get('fulfillment')!.process.kill('SIGKILL');
    await children.get('fulfillment')!.exited;

    const answers = await load(40, 4);
    for (const answer of answers) expectPartial(answer, 'fulfillment', 'delivery');
    expect(gateway.circuits().fulfillment).toBe('open');
    const fast = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.reason === 'CIRCUIT_OPEN');
    // Only requests sharing a failed fetch are answered otherwise: the three failures that open the circuit and
    // one failed probe after its cool-down, each fetch shared by up to the 4 identical requests in flight.
    expect(fast.length).toBeGreaterThanOrEqual(40 - 4 * 4);
    expect(fast[0]?.body.errors?.[0]?.message).toMatch(/circuit is open/);
    figures.killed = {
      requests: answers.length,
      circuitOpenAnswers: fast.length,
      medianCircuitOpenMs: Math.round(median(fast.map((a) => a.ms))),
    };

    await startSubgraph('fulfillment', port);
    await until(async () => (await ask()).body.data?.product?.delivery != null, 10_000);
    expect(gateway.circuits().fulfillment).toBe('closed');
    const after = await load(10, 2);
    for (const answer of after) expect(answer.body.errors).toBeUndefined();
  });
});

describe('localization paused (SIGSTOP) and resumed (SIGCONT)', () => {
  it('costs only content, no request waits past the deadline, the open circuit costs milliseconds', async () => {
    const child = children.get('localization')!;
    child.process.kill('SIGSTOP');
    try {
      const answers = await load(30, 3);
      for (const answer of answers) {
        expectPartial(answer, 'localization', 'content');
        expect(answer.ms).toBeLessThan(REQUEST_DEADLINE_MS + 500);
      }
      expect(gateway.circuits().localization).toBe('open');
      // Once open: answered without waiting for the hung service.
      const whileOpen = await ask();
      expectPartial(whileOpen, 'localization', 'content');
      expect(whileOpen.body.errors?.[0]?.extensions?.reason).toBe('CIRCUIT_OPEN');
      expect(whileOpen.ms).toBeLessThan(SUBGRAPH_TIMEOUT_MS / 2);
      const slow = answers.filter((answer) => answer.ms >= SUBGRAPH_TIMEOUT_MS).length;
      figures.paused = {
        requests: answers.length,
        slowest: Math.round(Math.max(...answers.map((a) => a.ms))),
        waitedForTimeout: slow,
        openCircuitMs: Math.round(whileOpen.ms),
      };
      // Only the requests before the circuit opened (3 failures, up to 3 in flight), and failed probes, waited.
      expect(slow).toBeLessThan(12);
    } finally {
      child.process.kill('SIGCONT');
    }
    await until(async () => (await ask()).body.data?.product?.content != null, 10_000);
    expect(gateway.circuits().localization).toBe('closed');
  });
});

describe('the database paused (SIGSTOP) and resumed (SIGCONT)', () => {
  it('no request hangs: products answers SERVICE_UNAVAILABLE within the deadline, /ready says 503 within 1 s, /health 200; all recover', async () => {
    const productsBase = `http://127.0.0.1:${ports.get('products')}`;
    db.child.process.kill('SIGSTOP');
    try {
      const answers = await load(20, 2);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(REQUEST_DEADLINE_MS + 500);
        expect(answer.body.data?.product).toBeNull();
        expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'products' });
      }
      expect(gateway.circuits().products).toBe('open');
      const started = performance.now();
      const ready = await fetch(`${productsBase}/ready`);
      const readyMs = performance.now() - started;
      expect(ready.status).toBe(503);
      expect(readyMs).toBeLessThan(1_500);
      expect((await fetch(`${productsBase}/health`)).status).toBe(200);
      figures.databasePaused = {
        requests: answers.length,
        slowest: Math.round(Math.max(...answers.map((a) => a.ms))),
        readyMs: Math.round(readyMs),
      };
    } finally {
      db.child.process.kill('SIGCONT');
    }
    await until(async () => (await ask()).body.errors === undefined, 15_000);
    expect((await fetch(`${productsBase}/ready`)).status).toBe(200);
    expect(gateway.circuits()).toEqual({ products: 'closed', pricing: 'closed', fulfillment: 'closed', localization: 'closed' });
  });
});
