import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, freePort, startNode, waitFor, type Child } from './processes.ts';

let gateway: Child | undefined;

afterEach(async () => {
  if (gateway && gateway.process.exitCode === null) {
    gateway.process.kill('SIGTERM');
    await gateway.exited;
  }
  gateway = undefined;
});

/** What `{ __typename }` answers, without the cost extension. */
async function typename(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return JSON.stringify({ status: response.status, data: body.data, errors: body.errors });
}
const ANSWER = JSON.stringify({ status: 200, data: { __typename: 'Query' } });

describe('gateway workers: one at rest, more while busy', () => {
  it('starts a second worker under sustained load and retires it once quiet, answering throughout', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    gateway = startNode(['gateway/server.ts'], {
      GATEWAY_PORT: String(port),
      GATEWAY_WORKERS: '2',
      GATEWAY_RETIRE_QUIET_WORKER_MS: '3000',
      MONGODB_URI: '',
      SUBGRAPH_SHARED_SECRET: randomBytes(32).toString('base64url'),
    });
    const primary = gateway.process.pid!;
    await gateway.lineWhere((line) => line.includes('gateway listening'));
    expect(descendantsOf(primary)).toHaveLength(1);

    // Sustained load: 16 clients asking one after another, each on its own connections.
    let loading = true;
    const answered = new Set<string>();
    const clients = Array.from({ length: 16 }, async () => {
      while (loading) {
        answered.add(await typename(url));
      }
    });
    try {
      await waitFor(() => descendantsOf(primary).length === 2, 30_000, 'a second gateway worker');
      await gateway.lineWhere((line) => line.includes('gateway workers busy: starting one more'));
    } finally {
      loading = false;
      await Promise.all(clients);
    }
    expect([...answered]).toEqual([ANSWER]);

    // Quiet: after the retirement delay the second worker finishes and exits; the gateway keeps answering.
    await waitFor(() => descendantsOf(primary).length === 1, 30_000, 'the second worker to be retired');
    await gateway.lineWhere((line) => line.includes('gateway workers quiet: retiring one'));
    expect(await typename(url)).toBe(ANSWER);
    expect(gateway.process.exitCode).toBeNull();
  }, 90_000);
});
