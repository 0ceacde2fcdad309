import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, hostsUnsupportedReason, type Network } from './network.ts';

// Meridian deployed over several hosts — network namespaces this test makes, joined by one bridge: a database
// host (the embedded database as a one-member replica set), one host per subgraph, two gateway hosts behind
// haproxy on a load-balancer host, and a client host that migrates, seeds and sends a bounded load. Under that
// load a gateway host is killed and restarted and a subgraph host is cut off and connected again. The figures
// (served, lost, recovery times, each part's peak RSS) are printed; `npm run test:hosts` runs this file alone.
const unsupported = hostsUnsupportedReason();

const LAYOUT = { db: 2, products: 11, pricing: 12, fulfillment: 13, localization: 14, gw1: 21, gw2: 22, lb: 30, client: 40 };
const SUBGRAPHS = ['products', 'pricing', 'fulfillment', 'localization'] as const;
const PORTS = { products: 4001, pricing: 4002, fulfillment: 4003, localization: 4004 };
const address = (host: keyof typeof LAYOUT) => `10.77.0.${LAYOUT[host]}`;
const MONGODB_URI = `mongodb://${address('db')}:27017/?replicaSet=rs0`;
const GATEWAY_URL = (host: 'gw1' | 'gw2') => `http://${address(host)}:4000/graphql`;
const LB_URL = `http://${address('lb')}:8080/graphql`;

/**
 * When each fault happens, in ms after the load starts; the load then runs until the restarted gateway and the
 * reconnected subgraph have answered again (`settleMs` more), `loadSeconds` at most.
 */
const SCHEDULE = {
  killGateway: 2_000,
  restartGateway: 4_000,
  cutSubgraph: 6_000,
  restoreSubgraph: 14_000,
  settleMs: 3_000,
  loadSeconds: 60,
};
/** A request that has no full answer within this is lost. */
const DEADLINE_MS = 5_000;
/** The gateways give a silent subgraph this long (GATEWAY_SUBGRAPH_TIMEOUT_MS). */
const SUBGRAPH_TIMEOUT_MS = 2_500;

/** One compile cache for every process: the migration compiles the modules the servers then load. */
const COMPILE_CACHE = path.join(os.tmpdir(), 'meridian-hosts-compile-cache');

/** Environment of every part: production, the replica set, all interfaces. */
function partEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    MONGODB_URI,
    HOST: '0.0.0.0',
    LOG_LEVEL: 'info',
    NODE_COMPILE_CACHE: COMPILE_CACHE,
    MERIDIAN_PERSONAL_DATA_SECRET: 'multi-host test secret, never used elsewhere',
    SUBGRAPH_SHARED_SECRET: 'multi-host subgraph signing secret, 32+ characters long',
    ...extra,
  };
  for (const name of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'MERIDIAN_NOW', 'MERIDIAN_DEBUG', 'MERIDIAN_DB_PREFIX'])
    delete env[name];
  return env;
}

const GATEWAY_ENV = partEnv({
  ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://${address(name)}:${PORTS[name]}/graphql`])),
  GATEWAY_SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
  GATEWAY_BREAKER_COOL_DOWN_MS: '2000',
  GATEWAY_WORKERS: '1',
});

/** Output of a child, and a way to wait for a line of it. */
function watch(child: ChildProcess) {
  let output = '';
  const listeners = new Set<() => void>();
  const take = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    get output() {
      return output;
    },
    exited,
    lineWith(text: string, timeoutMs = 150_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
        const check = () => {
          if (!output.includes(text)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!output.includes(text)) reject(new Error(`exited (${code}) before "${text}":\n${output.slice(-2000)}`));
        });
        check();
      });
    },
  };
}

/** Peak and current resident memory of a process, in MiB, from /proc (visible from the test's namespace). */
function memoryOf(pid: number | undefined): { peakMiB: number; rssMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return { peakMiB: Math.round(kib('VmHWM') / 1024), rssMiB: Math.round(kib('VmRSS') / 1024) };
  } catch {
    return null;
  }
}

interface Sample {
  start: number;
  ms: number;
  status: number;
  servedBy: string | null;
  served: boolean;
  content: string | null;
  errors: string[];
}

describe.skipIf(unsupported !== null)(`Meridian on several hosts${unsupported ? ` — skipped: ${unsupported}` : ''}`, () => {
  let network: Network;
  let workDir: string;
  const parts = new Map<string, ChildProcess>();
  let loadKey = '';

  async function runToEnd(host: keyof typeof LAYOUT, args: string[], env = partEnv()): Promise<string> {
    const child = network.run(host, process.execPath, args, env);
    const watched = watch(child);
    const code = await watched.exited;
    if (code !== 0) throw new Error(`${args.join(' ')} on ${host} exited ${code}:\n${watched.output.slice(-3000)}`);
    return watched.output;
  }

  /** What each part printed (its last start), for the failure messages. */
  const logs = new Map<string, () => string>();
  const tail = (host: string) => `${host}: ${logs.get(host)?.().slice(-1500) ?? ''}`;

  function startPart(host: keyof typeof LAYOUT, args: string[], env: NodeJS.ProcessEnv, ready: string) {
    const child = network.run(host, process.execPath, args, env);
    parts.set(host, child);
    const watched = watch(child);
    logs.set(host, () => watched.output);
    return watched.lineWith(ready);
  }

  function startGateway(host: 'gw1' | 'gw2') {
    return startPart(host, ['gateway/server.ts'], GATEWAY_ENV, 'gateway listening');
  }

  beforeAll(async () => {
    network = createNetwork(LAYOUT);
    workDir = mkdtempSync(path.join(os.tmpdir(), 'meridian-hosts-'));
    const began = Date.now();
    const phases: Record<string, number> = {};
    const phase = (name: string) => {
      phases[name] = Date.now() - began;
    };
    await startPart(
      'db',
      ['scripts/devdb/cli.ts', '--host', address('db'), '--port', '27017', '--replica-set', 'rs0'],
      partEnv(),
      'mongodb://',
    );
    phase('database');
    // The client host is the operator too: the deploy steps run from there, over the network, before the servers
    // start (production servers refuse an unmigrated database, and serve reference data from memory for a while).
    const operator = partEnv({ NODE_ENV: '' });
    await runToEnd('client', ['scripts/db-migrate.ts'], operator);
    phase('migrate');
    await Promise.all([
      runToEnd('client', ['scripts/seed.ts'], operator),
      runToEnd('client', ['test/hosts/client.ts', 'keys'], operator).then((output) => {
        loadKey = JSON.parse(output.trim().split('\n').at(-1)!).key;
      }),
    ]);
    phase('seed');
    await Promise.all([
      ...SUBGRAPHS.map((name) => startPart(name, [`subgraphs/${name}/server.ts`], partEnv(), 'subgraph listening')),
      startGateway('gw1'),
      startGateway('gw2'),
    ]);
    phase('servers');
    console.log('multi-host start-up, ms since the first namespace:', JSON.stringify(phases));
    const config = path.join(workDir, 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'global',
        '  maxconn 2000',
        'defaults',
        '  mode http',
        '  timeout connect 1s',
        '  timeout client 30s',
        `  timeout server ${DEADLINE_MS}ms`,
        // A gateway that dies mid-request leaves the request unanswered: send it to the other one. Replaying is
        // safe: reads are reads, and the graph's writes (FX locks, confirmations) are idempotent by design.
        '  retries 3',
        '  option redispatch 1',
        '  retry-on conn-failure empty-response response-timeout 502 503 504',
        'frontend graph',
        `  bind ${address('lb')}:8080`,
        '  default_backend gateways',
        'backend gateways',
        '  balance roundrobin',
        '  option httpchk GET /ready',
        '  http-response set-header x-served-by %s',
        `  server gw1 ${address('gw1')}:4000 check inter 500 fall 2 rise 2`,
        `  server gw2 ${address('gw2')}:4000 check inter 500 fall 2 rise 2`,
        '',
      ].join('\n'),
    );
    const lb = network.run('lb', '/usr/sbin/haproxy', ['-db', '-f', config]);
    parts.set('lb', lb);
    watch(lb);
  }, 180_000);

  afterAll(() => {
    network?.destroy();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps one rate-limit bucket and one FX lock for both gateways', async () => {
    const output = await runToEnd(
      'client',
      ['test/hosts/client.ts', 'shared-state', '--gw1', GATEWAY_URL('gw1'), '--gw2', GATEWAY_URL('gw2'), '--key', loadKey],
      partEnv({ NODE_ENV: '' }),
    );
    const shared = JSON.parse(output.trim().split('\n').at(-1)!);
    console.log('shared state across gateways:', JSON.stringify(shared));
    // Three requests' worth of budget: gw1, gw2, gw1 pass; the fourth, on gw2 (which alone saw one), is refused.
    expect(shared.rateLimit).toEqual([200, 200, 200, 429]);
    expect(shared.lockVia1, `${tail('gw1')}\n${tail('pricing')}`).toMatch(/^fxl_/);
    expect(shared.lockVia2).toBe(shared.lockVia1);
    expect(shared.confirmedVia1).toBe(shared.confirmedVia2);
    expect(Date.parse(shared.confirmedVia2)).not.toBeNaN();
  }, 60_000);

  it('loses no request when a gateway host dies, and only the cut subgraph fields while it is away', async () => {
    const load = network.run(
      'client',
      process.execPath,
      [
        'test/hosts/client.ts',
        'load',
        '--url',
        LB_URL,
        '--key',
        loadKey,
        '--seconds',
        String(SCHEDULE.loadSeconds),
        '--concurrency',
        '4',
        '--deadline-ms',
        String(DEADLINE_MS),
      ],
      partEnv({ NODE_ENV: '' }),
    );
    const watched = watch(load);
    await watched.lineWith('"started"');
    const started = Date.now();
    const at = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + ms - Date.now())));
    const events: Record<string, number> = {};

    await at(SCHEDULE.killGateway);
    network.killHost('gw1');
    events.killGateway = Date.now();
    await at(SCHEDULE.restartGateway);
    events.restartGateway = Date.now();
    const gatewayBack = startGateway('gw1');
    await at(SCHEDULE.cutSubgraph);
    network.setLink('localization', false);
    events.cutSubgraph = Date.now();
    await at(SCHEDULE.restoreSubgraph);
    network.setLink('localization', true);
    events.restoreSubgraph = Date.now();
    await gatewayBack;
    await new Promise((resolve) => setTimeout(resolve, SCHEDULE.settleMs));
    load.kill('SIGTERM');
    expect(await watched.exited).toBe(0);

    const samples: Sample[] = watched.output
      .split('\n')
      .filter((line) => line.startsWith('{"start"'))
      .map((line) => JSON.parse(line));
    const lost = samples.filter((sample) => !sample.served);
    const end = (sample: Sample) => sample.start + sample.ms;
    const between = (from: number, to: number) => samples.filter((sample) => sample.start >= from && sample.start < to);
    const gatewayRecoveredAt = samples
      .filter((s) => s.servedBy === 'gw1' && s.start > events.restartGateway!)
      .map(end)
      .sort((a, b) => a - b)[0];
    const contentBackAt = samples
      .filter((s) => s.content !== null && s.start >= events.restoreSubgraph!)
      .map(end)
      .sort((a, b) => a - b)[0];
    // Requests wholly inside the cut, once in-flight fetches to localization have timed out (a request that ends
    // after the reconnection may have reached it: the gateway asks localization late in a request).
    const whileCut = between(events.cutSubgraph! + SUBGRAPH_TIMEOUT_MS + 500, events.restoreSubgraph!).filter(
      (s) => end(s) < events.restoreSubgraph!,
    );
    const inFlightAtKill = samples.filter((s) => s.start <= events.killGateway! && end(s) > events.killGateway!);
    const memory = Object.fromEntries([...parts].map(([host, child]) => [host, memoryOf(child.pid)]));
    const figures = {
      requests: samples.length,
      served: samples.length - lost.length,
      lost: lost.length,
      inFlightWhenGatewayKilled: inFlightAtKill.length,
      slowestMs: Math.max(...samples.map((sample) => sample.ms)),
      gatewayRecoveryMs: gatewayRecoveredAt === undefined ? null : gatewayRecoveredAt - events.restartGateway!,
      whileSubgraphCut: { requests: whileCut.length, contentNull: whileCut.filter((s) => s.content === null).length },
      subgraphRecoveryMs: contentBackAt === undefined ? null : contentBackAt - events.restoreSubgraph!,
      memory,
    };
    console.log('multi-host figures:', JSON.stringify(figures, null, 2));

    expect(samples.length).toBeGreaterThan(20);
    expect(lost, `${JSON.stringify(lost.slice(0, 3))}\n${tail('gw1')}\n${tail('gw2')}`).toEqual([]);
    // Both gateways served before the kill; only gw2 between the kill and gw1's return; gw1 again after it.
    expect(new Set(between(started, events.killGateway!).map((s) => s.servedBy))).toEqual(new Set(['gw1', 'gw2']));
    expect(between(events.killGateway! + 100, events.restartGateway!).every((s) => s.servedBy === 'gw2')).toBe(true);
    expect(figures.gatewayRecoveryMs).not.toBeNull();
    // While localization is away: every answer still has the product and its price, and only the content is null.
    expect(whileCut.length).toBeGreaterThan(0);
    for (const sample of whileCut) {
      expect(sample).toMatchObject({ served: true, content: null });
      expect(sample.errors.length).toBeGreaterThan(0);
      expect(sample.errors.every((error) => error.startsWith('SERVICE_UNAVAILABLE:localization'))).toBe(true);
    }
    // Before the cut and once it is healed, the content is there.
    const beforeCut = between(started, events.cutSubgraph!).filter((s) => end(s) < events.cutSubgraph!);
    expect(beforeCut.length).toBeGreaterThan(0);
    expect(beforeCut.filter((s) => s.content !== 'Organic Cotton Tee, Navy')).toEqual([]);
    expect(figures.subgraphRecoveryMs).not.toBeNull();
  }, 120_000);
});
