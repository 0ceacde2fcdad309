import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ForeignServerError, startChild, stopChild, waitUntilHealthy } from '../../scripts/child-process.ts';
import { descendantsOf, freePort, isAlive, REPO_ROOT, runNode, waitFor } from '../e2e/processes.ts';

// A first hour as a new user lives it, following the README: a port already taken, a wrong setting, a database
// that is not running, stopping `npm start` the way an IDE does. Each answer is one line naming what to change
// (exit code 2, no stack), and a stopped `npm start` leaves nothing running.
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that is not ours on `port` (an old `npm start`, another program), answering 200 on every path. */
async function foreignServer(port = 0): Promise<number> {
  const server = createHttpServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** The lines a process printed that look like a stack trace. */
const stackLines = (text: string) => text.split('\n').filter((line) => /^\s+at |node:internal|^\s*\^$/.test(line));

async function freePorts(): Promise<Record<string, string>> {
  const names = ['GATEWAY_PORT', 'PRODUCTS_PORT', 'PRICING_PORT', 'FULFILLMENT_PORT', 'LOCALIZATION_PORT'];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, String(await freePort())])));
}

describe('npm start with a port already taken', () => {
  it('stops before starting anything, in one line naming the port and the variable to change', async () => {
    const ports = await freePorts();
    const taken = await foreignServer();
    const run = await runNode(['scripts/start.ts'], { ...ports, GATEWAY_PORT: String(taken), MONGODB_URI: '' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `start        | port ${taken} is in use by another process: stop that process, or set GATEWAY_PORT to a free port`,
    ]);
    expect(run.stdout).not.toContain('Meridian is up');
  });

  it('does not take another server’s health for its own child’s', async () => {
    const port = await foreignServer();
    // A real child that never listens: only the foreign server answers on the port.
    const child = startChild({ name: 'pricing', script: 'test/resilience/fixtures/idle-child.ts', env: process.env, nameWidth: 12 });
    try {
      const waited = waitUntilHealthy(child, `http://127.0.0.1:${port}/health`, 'this-run', 10_000);
      await expect(waited).rejects.toBeInstanceOf(ForeignServerError);
      await expect(waited).rejects.toThrow(`127.0.0.1:${port} answers /health, but not as the pricing this run started`);
    } finally {
      await stopChild(child);
    }
  });
});

describe('a setting or a database that cannot be used', () => {
  const SECRET = 'a-secret-long-enough-for-the-subgraphs-0123456789';
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['a malformed port', ['scripts/start.ts'], { PRICING_PORT: '99999' }, /^start +\| PRICING_PORT must be a port number/],
    ['a malformed worker count', ['gateway/server.ts'], { GATEWAY_WORKERS: 'two' }, /^gateway: GATEWAY_WORKERS must be a whole number/],
    [
      'a dead database for the seed',
      ['scripts/seed.ts'],
      { MONGODB_URI: 'mongodb://127.0.0.1:9' },
      /^seed: cannot reach the database at MONGODB_URI=mongodb:\/\/127\.0\.0\.1:9 .*set MONGODB_URI/,
    ],
    [
      'a database URI that is not one',
      ['subgraphs/pricing/server.ts'],
      { MONGODB_URI: 'postgres://db:5432/meridian', SUBGRAPH_SHARED_SECRET: SECRET },
      /^pricing: MONGODB_URI is not a usable MongoDB connection string/,
    ],
    [
      'a dead database for a subgraph',
      ['subgraphs/localization/server.ts'],
      { MONGODB_URI: 'mongodb://127.0.0.1:9', LOCALIZATION_PORT: '0', SUBGRAPH_SHARED_SECRET: SECRET },
      /^localization: cannot reach the database at MONGODB_URI/,
    ],
    [
      'a subgraph without the secret its gateway signs with',
      ['subgraphs/products/server.ts'],
      { MONGODB_URI: 'mongodb://127.0.0.1:9', SUBGRAPH_SHARED_SECRET: '' },
      /^products: SUBGRAPH_SHARED_SECRET must be set/,
    ],
    [
      'a malformed trusted-proxy list',
      ['gateway/server.ts'],
      { GATEWAY_TRUSTED_PROXIES: 'the load balancer', SUBGRAPH_SHARED_SECRET: SECRET },
      /^gateway: GATEWAY_TRUSTED_PROXIES must list IP addresses/,
    ],
    [
      'a dead database for a price change',
      ['scripts/prices.ts', 'history', '--sku', 'ELE-ANC-BLA', '--country', 'DE'],
      { MONGODB_URI: 'mongodb://127.0.0.1:9' },
      /^cannot reach the database at MONGODB_URI/,
    ],
  ];
  it.each(cases)('%s: one line naming the variable, exit code 2, no stack', async (_, args, env, line) => {
    const run = await runNode(args, env);
    expect(run.code).toBe(2);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(line);
  });
});

describe('stopping `npm start` by signalling npm alone (an IDE’s stop button)', () => {
  it('stops every part', async () => {
    const ports = await freePorts();
    const env: NodeJS.ProcessEnv = { ...process.env, ...ports, MONGODB_URI: '', GATEWAY_WORKERS: '1', LOG_LEVEL: 'warn' };
    delete env['VITEST'];
    env['PATH'] = `${dirname(process.execPath)}:${env['PATH'] ?? ''}`;
    const npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let parts: number[] = [];
    npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => output.includes('Press Ctrl-C to stop.') || npm.exitCode !== null, 110_000, 'npm start to come up');
      parts = descendantsOf(npm.pid!);
      // sh, start.ts, the database, four subgraphs and the gateway
      expect(parts.length, output).toBeGreaterThanOrEqual(7);
      npm.kill('SIGTERM');
      await waitFor(() => parts.every((pid) => !isAlive(pid)), 30_000, 'every part to stop').catch((error: Error) => {
        throw new Error(`${error.message}; still running: ${parts.filter(isAlive).join(', ')}\n${output.slice(-2_000)}`);
      });
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      for (const pid of parts.filter(isAlive)) process.kill(pid, 'SIGKILL');
    }
  }, 150_000);
});
