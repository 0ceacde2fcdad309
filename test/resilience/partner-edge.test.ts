import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyModel, createApiKey } from '../../gateway/api-keys.ts';
import { createGateway } from '../../gateway/gateway.ts';
import { startPartnerServices, type PartnerServices } from '../../gateway/partners.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { startNode, type Child } from '../e2e/processes.ts';

// The partner edge's own database reads, against the embedded database run as its own process (so it can be
// paused with SIGSTOP) and an in-process gateway whose edge is assembled as in production (startPartnerServices).
// Every request here is answered by the edge or by the gateway itself (`{ __typename }`), so no subgraph runs.
// The lookup budget is small (LOOKUPS a minute per address) so a flood shows in a few thousand requests.
const LOOKUPS = 40;
const REQUEST_DEADLINE_MS = 1_500;
// CI floods with 1 000 made-up keys; `PARTNER_EDGE_FLOOD=4000 npx vitest run test/resilience/partner-edge.test.ts` the probe's 4 000.
const FLOOD = Number(process.env.PARTNER_EDGE_FLOOD ?? 1_000);

let db: { uri: string; prefix: string; child: Child };
let partners: PartnerServices;
let running: RunningServer;
const keys: Record<'acme' | 'fresh' | 'later' | 'paused', string> = { acme: '', fresh: '', later: '', paused: '' };
/** Database commands per collection, counted by mongoose's debug hook (this process's gateway connection). */
const reads = new Map<string, number>();
const previous = { lookups: process.env.MERIDIAN_EDGE_LOOKUPS_PER_MINUTE };

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | undefined;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const agents = new Map<string, Agent>();
/** POSTs to the gateway from a given loopback address (127.0.0.x): the edge budgets lookups per address. */
function postFrom(address: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  let agent = agents.get(address);
  if (!agent) agents.set(address, (agent = new Agent({ keepAlive: true, maxSockets: 8, localAddress: address })));
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      running.url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, retryAfter, body: JSON.parse(text) as Answer['body'] });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** `total` requests, `concurrency` at a time, each built by `make(i)`. */
async function flood(total: number, concurrency: number, make: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) answers.push(await make(next++));
    }),
  );
  return answers;
}

const statuses = (answers: Answer[]) => {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
};
const madeUpKey = () => `mrd_${randomBytes(32).toString('base64url')}`;
const madeUpId = () => `sha256:${randomBytes(32).toString('hex')}`;
const TYPENAME = { query: '{ __typename }' };

beforeAll(async () => {
  const child = startNode(['scripts/devdb/cli.ts', '--port', '0']);
  const uri = await child.lineWhere((line) => line.startsWith('mongodb://'));
  db = { uri: uri.trim(), prefix: `edge_${process.pid}_${randomBytes(3).toString('hex')}`, child };
  process.env.MERIDIAN_EDGE_LOOKUPS_PER_MINUTE = String(LOOKUPS);
  partners = await startPartnerServices({ mongodbUri: db.uri, env: { MERIDIAN_DB_PREFIX: db.prefix }, usage: false, metrics: false });
  const model = apiKeyModel(partners.connection);
  for (const name of Object.keys(keys) as (keyof typeof keys)[]) keys[name] = (await createApiKey(model, { client: name })).key;
  const gateway = createGateway({
    partners: { ...partners.edge, requireApiKey: true },
    requestDeadlineMs: REQUEST_DEADLINE_MS,
    rateLimit: false,
  });
  running = await listenGraphQL(gateway.server, { port: 0, context: gateway.context });
  mongoose.set('debug', (collection: string) => reads.set(collection, (reads.get(collection) ?? 0) + 1));
});

afterAll(async () => {
  mongoose.set('debug', false);
  if (previous.lookups === undefined) delete process.env.MERIDIAN_EDGE_LOOKUPS_PER_MINUTE;
  else process.env.MERIDIAN_EDGE_LOOKUPS_PER_MINUTE = previous.lookups;
  for (const agent of agents.values()) agent.destroy();
  await running?.stop();
  if (db?.child.process.exitCode === null) {
    db.child.process.kill('SIGCONT');
    db.child.process.kill('SIGKILL');
    await db.child.exited;
  }
  await partners?.stop().catch(() => undefined);
});

describe('a flood of made-up API keys from one address', () => {
  it(`costs at most the address's lookup budget in database reads, then 429 with retry-after; valid keys keep working`, async () => {
    expect((await postFrom('127.0.0.1', TYPENAME, { 'x-api-key': keys.acme })).body.data).toEqual({ __typename: 'Query' });
    reads.clear();
    const answers = await flood(FLOOD, 8, () => postFrom('127.0.0.1', TYPENAME, { 'x-api-key': madeUpKey() }));
    const counts = statuses(answers);
    // The budget (less the valid key's first read, charged to the same address, plus what refills during the
    // flood) is answered 401 after a read; everything else 429, unread.
    expect(counts[401]).toBeGreaterThanOrEqual(LOOKUPS - 1);
    expect(counts[401]).toBeLessThan(LOOKUPS * 2);
    expect(counts[429]).toBe(FLOOD - counts[401]!);
    expect(reads.get('api_keys')).toBe(counts[401]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.body.errors![0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringContaining('retry in') });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

    // The partner's key was remembered apart from the made-up ones: still served, without a read.
    reads.clear();
    const valid = await postFrom('127.0.0.1', TYPENAME, { 'x-api-key': keys.acme });
    expect(valid.status).toBe(200);
    expect(valid.body.data).toEqual({ __typename: 'Query' });
    expect(reads.get('api_keys') ?? 0).toBe(0);
  });

  it('leaves other addresses their own budget: a new key from another address is read and served', async () => {
    const other = await postFrom('127.0.0.2', TYPENAME, { 'x-api-key': keys.later });
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('a flood of made-up document ids', () => {
  it('costs at most the lookup budget in reads, then 429', async () => {
    const address = '127.0.0.3';
    expect((await postFrom(address, TYPENAME, { 'x-api-key': keys.fresh })).status).toBe(200);
    reads.clear();
    const total = Math.min(FLOOD, 500);
    const answers = await flood(total, 8, () => postFrom(address, { documentId: madeUpId() }, { 'x-api-key': keys.fresh }));
    const counts = statuses(answers);
    expect(counts[400]).toBeGreaterThanOrEqual(LOOKUPS - 1);
    expect(counts[400]).toBeLessThan(LOOKUPS * 2);
    expect(counts[429]).toBe(total - counts[400]!);
    expect(reads.get('trusted_documents')).toBe(counts[400]);
    expect(answers.find((answer) => answer.status === 400)!.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('the database paused (SIGSTOP)', () => {
  it('answers a key not yet remembered SERVICE_UNAVAILABLE (503) within the deadline, a remembered one as usual; all recover', async () => {
    db.child.process.kill('SIGSTOP');
    try {
      // A real key the gateway has not seen yet, an unknown document id, and a key it remembers.
      const [keyCheck, documentCheck, remembered] = await Promise.all([
        postFrom('127.0.0.4', TYPENAME, { 'x-api-key': keys.paused }),
        postFrom('127.0.0.5', { documentId: madeUpId() }, { 'x-api-key': keys.acme }),
        postFrom('127.0.0.6', TYPENAME, { 'x-api-key': keys.acme }),
      ]);
      for (const answer of [keyCheck, documentCheck]) {
        expect(answer.status).toBe(503);
        expect(answer.ms).toBeLessThan(REQUEST_DEADLINE_MS + 500);
        expect(answer.body.errors![0]).toMatchObject({
          extensions: { code: 'SERVICE_UNAVAILABLE' },
          message: expect.stringContaining('retry shortly'),
        });
        expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|\n\s+at /);
      }
      expect(remembered.status).toBe(200);
    } finally {
      db.child.process.kill('SIGCONT');
    }
    const resumed = await postFrom('127.0.0.4', TYPENAME, { 'x-api-key': keys.paused });
    expect(resumed.status).toBe(200);
    expect(resumed.body.data).toEqual({ __typename: 'Query' });
  });
});
