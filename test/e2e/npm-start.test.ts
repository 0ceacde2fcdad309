import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, freePort, isAlive, REPO_ROOT, waitFor } from './processes.ts';

// `npm start` runs every part as its own process. These tests start it for real (scripts/start.ts, as
// `npm start` does), use it, and check that stopping it leaves no port open and no process behind.

async function refusesConnections(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

interface StartedGraph {
  child: ChildProcess;
  ports: number[];
  gatewayUrl: string;
  output: () => string;
}

let running: ChildProcess | undefined;
afterEach(() => {
  if (running && running.exitCode === null) running.kill('SIGKILL');
});

async function startGraph(): Promise<StartedGraph> {
  const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const [gateway, products, pricing, fulfillment, localization] = ports;
  let output = '';
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MONGODB_URI: '', // always the embedded database: this tests the whole `npm start` of a fresh machine
      GATEWAY_PORT: String(gateway),
      PRODUCTS_PORT: String(products),
      PRICING_PORT: String(pricing),
      FULFILLMENT_PORT: String(fulfillment),
      LOCALIZATION_PORT: String(localization),
      GATEWAY_WORKERS: '2',
      // both from the start (at rest the gateway keeps one): /metrics must sum over the workers
      GATEWAY_MIN_WORKERS: '2',
      LOG_LEVEL: 'info',
      MERIDIAN_NOW: '2026-11-25T10:00:00Z',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output.includes('Press Ctrl-C to stop.') || child.exitCode !== null, 90_000, 'npm start to come up');
  expect(child.exitCode, output).toBeNull();
  return { child, ports, gatewayUrl: `http://127.0.0.1:${gateway}/graphql`, output: () => output };
}

/** When each part's process started and when it listened (its "listening" log line: `time`, `startupMs`). */
function startTimesOf(output: string): Map<string, { startedAt: number; listeningAt: number }> {
  const times = new Map<string, { startedAt: number; listeningAt: number }>();
  for (const match of output.matchAll(/^(\w+)\s+\| (\{.*"msg":"(?:subgraph|gateway) listening"\})$/gm)) {
    const { time, startupMs } = JSON.parse(match[2]!) as { time: number; startupMs: number };
    if (!times.has(match[1]!)) times.set(match[1]!, { startedAt: time - startupMs, listeningAt: time });
  }
  return times;
}

describe('npm start: one process per part', () => {
  it('serves the product page from separate processes, each part prefixed in one log, and Ctrl-C stops them all', async () => {
    const graph = await startGraph();
    const parts = descendantsOf(graph.child.pid!);
    // database, four subgraphs, the gateway and its two workers
    expect(parts.length).toBeGreaterThanOrEqual(8);
    for (const name of ['devdb', 'products', 'pricing', 'fulfillment', 'localization', 'gateway']) {
      expect(graph.output()).toMatch(new RegExp(`^${name}\\s+\\| `, 'm'));
    }
    // The subgraphs start at once, not one after another: all four had started before the first of them listened.
    const times = startTimesOf(graph.output());
    times.delete('gateway');
    expect([...times.keys()].sort()).toEqual(['fulfillment', 'localization', 'pricing', 'products']);
    const firstListening = Math.min(...[...times.values()].map((part) => part.listeningAt));
    for (const [name, part] of times)
      expect(part.startedAt, `${name} started before the first subgraph listened`).toBeLessThan(firstListening);

    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ product(sku: "ELE-ANC-BLA") { sku content(locale: "de") { title } price(country: DE) { amount { amount } } delivery(shipTo: DE) { earliest } } }',
      }),
    });
    const body = (await response.json()) as { data: { product: Record<string, unknown> } };
    expect(body.data.product).toEqual({
      sku: 'ELE-ANC-BLA',
      content: { title: 'Kabellose Kopfhörer mit Geräuschunterdrückung, Schwarz' },
      price: { amount: { amount: '258.64' } },
      delivery: { earliest: '2026-12-03' },
    });

    // /metrics answers for the whole gateway, whichever of its two workers takes the request. Counted by this
    // test's operation name: the price projector reads the graph through the same gateway meanwhile.
    const metricsUrl = graph.gatewayUrl.replace(/\/graphql$/, '/metrics');
    const requestsCounted = async () => {
      const text = await (await fetch(metricsUrl)).text();
      return [...text.matchAll(/^meridian_gateway_requests_total\{[^}]*operation="CountedByTheTest"[^}]*\} (\d+)/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    };
    const before = await requestsCounted();
    for (let request = 0; request < 10; request++) {
      await fetch(graph.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query CountedByTheTest { __typename }' }),
      });
    }
    expect((await requestsCounted()) - before).toBe(10);

    // The price projector runs as a thread of `npm start`'s own process, its log prefixed like a child's; its first
    // pass reads the graph and writes the projection.
    await waitFor(() => /^projector\s+\| .*"msg":"price projector running"/m.test(graph.output()), 30_000, 'the projector');
    expect(descendantsOf(graph.child.pid!)).toHaveLength(parts.length);

    graph.child.kill('SIGINT');
    await waitFor(() => graph.child.exitCode !== null, 30_000, 'npm start to stop');
    expect(graph.child.exitCode).toBe(0);
    expect(graph.output()).toContain('stopped: gateway, subgraphs and database are closed');
    expect(parts.filter(isAlive)).toEqual([]);
    for (const port of graph.ports) expect(await refusesConnections(port), `port ${port}`).toBe(true);
  });

  it('leaves no orphan when it is killed outright: every part stops by itself', async () => {
    const graph = await startGraph();
    const parts = descendantsOf(graph.child.pid!);
    graph.child.kill('SIGKILL');
    await waitFor(() => parts.every((pid) => !isAlive(pid)), 30_000, 'every part to stop after its parent was killed').catch(
      (error: Error) => {
        const alive = parts
          .filter(isAlive)
          .map(
            (pid) =>
              `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')} ${readFileSync(`/proc/${pid}/stat`, 'utf8').slice(0, 60)}`,
          );
        throw new Error(`${error.message}; still running: ${alive.join('; ')}`);
      },
    );
    for (const port of graph.ports) expect(await refusesConnections(port), `port ${port}`).toBe(true);
  });
});
