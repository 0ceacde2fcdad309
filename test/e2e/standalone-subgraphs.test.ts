import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevDb } from '../../scripts/devdb/index.ts';
import { SUBGRAPH_NAMES } from '../../subgraphs/common/config.ts';
import { startNode, runNode, startProcessDatabase, type ProcessDatabase } from './processes.ts';
import { SIGNATURE_HEADER, signBody } from '../../subgraphs/common/request-signature.ts';

/** The secret these subgraphs share with their (absent) gateway; requests sent here are signed with it. */
const SECRET = 'standalone-test-secret-0123456789abcdef';
/** A JSON POST of `body`, signed as the gateway signs. */
const signedPost = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(SECRET, body) },
  body,
});

// Production deploys each subgraph alone: `MONGODB_URI=… node subgraphs/<name>/server.ts`. These tests run
// exactly that, as child processes, against a database started here (or MONGODB_URI's server).
let db: ProcessDatabase;
beforeAll(async () => {
  db = await startProcessDatabase('standalone');
});
afterAll(async () => {
  await db?.stop();
});

/** The `type`s a subgraph's SDL file declares. */
function declaredTypes(name: string): string[] {
  const sdl = readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
  return [...sdl.matchAll(/^type (\w+)/gm)].map((match) => match[1]!);
}

/** Starts `node subgraphs/<name>/server.ts` on a free port and waits for it to say where it listens. */
async function startSubgraphProcess(name: string, env: Record<string, string> = {}) {
  const child = startNode([`subgraphs/${name}/server.ts`], {
    MONGODB_URI: db.uri,
    MERIDIAN_DB_PREFIX: db.prefix,
    [`${name.toUpperCase()}_PORT`]: '0',
    SUBGRAPH_SHARED_SECRET: SECRET,
    ...env,
  });
  const listening = JSON.parse(await child.lineWhere((line) => line.includes('"subgraph listening"')));
  return { child, listening, url: String(listening.url) };
}

/** Sends SIGTERM and waits for the exit. */
async function terminate(child: ReturnType<typeof startNode>) {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
  return child.exited;
}

describe('a subgraph run alone', () => {
  it.each(SUBGRAPH_NAMES)(
    '%s listens on its port, answers _service { sdl } and /health over HTTP, and stops cleanly on SIGTERM',
    async (name) => {
      const { child, listening, url } = await startSubgraphProcess(name);
      try {
        expect(listening).toMatchObject({ subgraph: name, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/) });

        const response = await fetch(url, signedPost(JSON.stringify({ query: '{ _service { sdl } }' })));
        expect(response.status).toBe(200);
        const body = (await response.json()) as { data: { _service: { sdl: string } } };
        const sdl = body.data._service.sdl;
        for (const type of declaredTypes(name)) expect(sdl, type).toMatch(new RegExp(`^type ${type}\\b`, 'm'));

        const health = await fetch(url.replace(/\/graphql$/, '/health'));
        expect(await health.json()).toEqual({ status: 'ok', subgraph: name });

        const finished = await terminate(child);
        expect(finished).toMatchObject({ code: 0, signal: null });
        expect(finished.stderr).toBe('');
        await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
      } finally {
        if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      }
    },
  );

  it('includes stack traces with MERIDIAN_DEBUG=1 in development, and ignores it in production', async () => {
    const broken = signedPost(JSON.stringify({ query: '{ markets {' }));
    const development = await startSubgraphProcess('pricing', { MERIDIAN_DEBUG: '1', NODE_ENV: 'development' });
    try {
      const body = (await (await fetch(development.url, broken)).json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', stacktrace: expect.any(Array) });
    } finally {
      await terminate(development.child);
    }
    // Production serves a migrated database only: the deploy step first.
    const migrated = await runNode(['scripts/db-migrate.ts', '--only', 'pricing'], { MONGODB_URI: db.uri, MERIDIAN_DB_PREFIX: db.prefix });
    expect(migrated.code, migrated.stderr).toBe(0);
    const production = await startSubgraphProcess('pricing', { MERIDIAN_DEBUG: '1', NODE_ENV: 'production' });
    try {
      const text = await (await fetch(production.url, broken)).text();
      expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
      expect(text).not.toMatch(/stacktrace|\.ts:\d+/);
    } finally {
      await terminate(production.child);
    }
  });

  it('reports 503 on /ready once its database is gone (within the 1 s probe deadline), while /health stays 200: the process is alive', async () => {
    // A database of its own, so this test can stop it under the running subgraph.
    const own = await startDevDb({ port: 0 });
    let ownStopped = false;
    const { child, url } = await startSubgraphProcess('products', { MONGODB_URI: own.uri });
    try {
      const ready = url.replace(/\/graphql$/, '/ready');
      const up = await fetch(ready);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ok', subgraph: 'products', database: 'reachable' });
      await own.stop();
      ownStopped = true;
      const started = performance.now();
      const down = await fetch(ready);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unavailable', reason: expect.any(String) });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await fetch(url.replace(/\/graphql$/, '/health'))).status).toBe(200);
    } finally {
      await terminate(child);
      if (!ownStopped) await own.stop();
    }
  });

  it('refuses to start without MONGODB_URI, saying how to run the whole graph instead', async () => {
    const finished = await runNode(['subgraphs/pricing/server.ts'], { PRICING_PORT: '0' });
    expect(finished.code).not.toBe(0);
    expect(finished.stderr).toContain('MONGODB_URI is required to run the pricing subgraph alone');
  });

  it('refuses to start without SUBGRAPH_SHARED_SECRET (it would answer anyone who reaches it), naming the variable', async () => {
    const finished = await runNode(['subgraphs/pricing/server.ts'], {
      MONGODB_URI: db.uri,
      MERIDIAN_DB_PREFIX: db.prefix,
      PRICING_PORT: '0',
      SUBGRAPH_SHARED_SECRET: undefined,
    });
    expect(finished.code).not.toBe(0);
    expect(finished.stderr).toContain('SUBGRAPH_SHARED_SECRET must be set to the same secret of at least 32 characters');
    expect(finished.stdout).not.toContain('subgraph listening');
  });

  it('refuses a pinned clock (MERIDIAN_NOW) in production', async () => {
    const finished = await runNode(['subgraphs/fulfillment/server.ts'], {
      MONGODB_URI: db.uri,
      MERIDIAN_DB_PREFIX: db.prefix,
      FULFILLMENT_PORT: '0',
      SUBGRAPH_SHARED_SECRET: SECRET,
      NODE_ENV: 'production',
      MERIDIAN_NOW: '2026-11-25T10:00:00Z',
    });
    expect(finished.code).not.toBe(0);
    expect(finished.stderr).toContain('MERIDIAN_NOW must not be set in production');
    expect(finished.stdout).not.toContain('subgraph listening');
  });
});
