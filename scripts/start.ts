// `npm start`: the whole graph on one machine, each part its own process as production runs them — the
// database (embedded unless MONGODB_URI is set), the four subgraphs (`node subgraphs/<name>/server.ts`) and the
// gateway (`node gateway/server.ts`: one worker at rest, up to GATEWAY_WORKERS while busy, default one per core) — seeded when any collection
// is empty, with one merged log (a prefix per part). The database starts first; then the gateway (it reads the
// committed supergraph, so it needs no subgraph to start) and the seeding, in a short-lived child so the demo
// data never stays in this long-lived process; then the four subgraphs at once; then, once the graph answers and
// the banner is printed, pricing's price projector (`node subgraphs/pricing/projector.ts`). Ctrl-C — or any SIGINT, SIGTERM
// or SIGHUP to this process or to the npm that runs it — stops every process; a part that dies stops all. A
// busy port stops it before anything starts, in one line naming the variable to change.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES, readConfig } from '../subgraphs/common/config.ts';
import { returnMemoryWhenIdle } from '../subgraphs/common/idle-memory.ts';
import { RUN_TOKEN_VARIABLE } from '../subgraphs/common/run-token.ts';
import { busyPortLine, CONFIG_EXIT_CODE, reportStartupErrors, startupErrorLine } from '../subgraphs/common/startup-errors.ts';
import {
  ForeignServerError,
  startChild,
  startThread,
  stopChild,
  waitUntilHealthy,
  withYoungGenerationBound,
  type ChildPart,
} from './child-process.ts';
import { buildStartBanner } from './start-banner.ts';

const NAME_WIDTH = 12;
reportStartupErrors('start'.padEnd(NAME_WIDTH), ' | ');
// Up to one gateway worker per core unless GATEWAY_WORKERS says otherwise: one at rest, a second while the first
// is busy (gateway/worker-scaling.ts).
const defaultGatewayWorkers = String(Math.max(1, availableParallelism()));
const config = readConfig({ GATEWAY_WORKERS: defaultGatewayWorkers, ...process.env });
/** Proves that a server answering /health is a child of this run (see run-token.ts). */
const runToken = randomUUID();
const parts: ChildPart[] = [];
let stopping = false;

function log(message: string): void {
  process.stdout.write(`${'start'.padEnd(NAME_WIDTH)} | ${message}\n`);
}

/** Stops every part — the gateway, the subgraphs and a running seed at once, then the database — and exits. */
async function stopAll(exitCode: number, reason: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Nothing started, nothing to report: the reason was the one line already printed.
    if (parts.length > 0) log(`stopping (${reason})`);
    const database = parts.find((part) => part.name === 'devdb');
    await Promise.all(parts.filter((part) => part !== database).map((part) => stopChild(part)));
    if (database) await stopChild(database);
    if (parts.length > 0) log('stopped: gateway, subgraphs and database are closed');
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0, signal));
// npm does not always pass a signal on (an IDE's stop button signals npm alone): when the process that started
// this one is gone, this one is re-parented, and stops every part as if it had been signalled.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void stopAll(0, `parent process ${parentPid} exited`);
}, 250).unref();

/** Fails fast, in one line, when a port the graph needs is taken: nothing is started. */
async function checkPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports.filter((candidate) => candidate !== 0)) {
    const error = await new Promise<unknown>((resolve) => {
      const probe = createServer();
      probe.once('error', resolve);
      probe.listen(port, config.host, () => probe.close(() => resolve(null)));
    });
    const line = busyPortLine(error);
    if (line) {
      process.stderr.write(`${'start'.padEnd(NAME_WIDTH)} | ${line}\n`);
      process.exit(CONFIG_EXIT_CODE);
    }
    if (error) throw error;
  }
}

/**
 * Runs `npm run seed -- --if-incomplete` as a child and waits for it: the demo data and the code that writes it
 * leave with that process. Stopped with every other part if `npm start` is stopped meanwhile.
 */
async function seedIfIncomplete(mongodbUri: string): Promise<void> {
  const seed = startChild({
    name: 'seed',
    script: 'scripts/seed.ts',
    args: ['--if-incomplete'],
    env: { ...baseEnv, MONGODB_URI: mongodbUri },
    nameWidth: NAME_WIDTH,
  });
  parts.push(seed);
  const code = await seed.exited;
  parts.splice(parts.indexOf(seed), 1);
  // Stopped meanwhile: stopAll exits this process, and nothing more may start.
  if (stopping) await new Promise<never>(() => {});
  // A database that cannot be reached, said in one line by the seed: nothing to add.
  if (code === CONFIG_EXIT_CODE) await stopAll(CONFIG_EXIT_CODE, 'start-up failed');
  if (code !== 0) throw new Error(`seeding the database failed (exit ${code})`);
}

function supervise(part: ChildPart): ChildPart {
  parts.push(part);
  void part.exited.then((code) => {
    if (!stopping) void stopAll(1, `${part.name} exited (${code})`);
  });
  return part;
}

/**
 * A base environment for every child: this one, with the database and ports settled, this run's token, and the
 * secret the gateway signs subgraph requests with (a new one per run unless SUBGRAPH_SHARED_SECRET is set).
 */
const baseEnv = {
  // Node keeps each module's compiled code (and stripped TypeScript) on disk: every part but the first of a run,
  // and every later run, loads its modules without compiling them again (NODE_DISABLE_COMPILE_CACHE=1 opts out).
  NODE_COMPILE_CACHE: path.join(tmpdir(), 'node-compile-cache'),
  // glibc gives each thread that allocates its own malloc arena; a Node process has a dozen threads (V8's and
  // libuv's) whose arenas stay resident at rest. Two arenas per process hold the same work in less memory
  // (README, Performance); the `start` script sets the same for this process. A value of the caller's wins.
  MALLOC_ARENA_MAX: '2',
  ...process.env,
  NODE_OPTIONS: withYoungGenerationBound(process.env.NODE_OPTIONS),
  [RUN_TOKEN_VARIABLE]: runToken,
  // Every part reads the whole configuration, so every part gets the gateway's worker count it was checked with.
  GATEWAY_WORKERS: String(config.gatewayWorkers),
  SUBGRAPH_SHARED_SECRET: process.env.SUBGRAPH_SHARED_SECRET || randomBytes(32).toString('base64url'),
};

await checkPortsFree([config.gatewayPort, ...SUBGRAPH_NAMES.map((name) => config.subgraphPorts[name])]);
try {
  let mongodbUri = config.mongodbUri;
  if (!mongodbUri) {
    mongodbUri = await new Promise<string>((resolve, reject) => {
      const devdb = supervise(
        startChild({
          name: 'devdb',
          script: 'scripts/devdb-child.ts',
          env: { ...baseEnv, DEVDB_PORT: process.env.DEVDB_PORT ?? '0' },
          nameWidth: NAME_WIDTH,
          onLine: (line) => line.startsWith('mongodb://') && resolve(line.trim()),
        }),
      );
      void devdb.exited.then(() => reject(new Error('the embedded database exited before it printed its URI')));
    });
  }

  // The gateway starts while the embedded database is seeded: it loads the committed supergraph and reaches a
  // subgraph only when a request comes. A database of MONGODB_URI may be unreachable: the seed, first, says so in
  // one line before anything else starts. Seeding completes a fresh or half-seeded database before any subgraph
  // serves it.
  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    subgraphUrls[`${name.toUpperCase()}_URL`] = `http://${config.host}:${config.subgraphPorts[name]}/graphql`;
  }
  const workers = String(config.gatewayWorkers);
  const minWorkers = String(config.gatewayMinWorkers);
  const startGateway = () =>
    supervise(
      startChild({
        name: 'gateway',
        script: 'gateway/server.ts',
        env: { ...baseEnv, ...subgraphUrls, MONGODB_URI: mongodbUri, MERIDIAN_SERVICE: 'gateway' },
        nameWidth: NAME_WIDTH,
      }),
    );
  let gateway: ChildPart;
  if (config.mongodbUri) {
    await seedIfIncomplete(mongodbUri);
    gateway = startGateway();
  } else {
    gateway = startGateway();
    await seedIfIncomplete(mongodbUri);
  }

  const subgraphs = SUBGRAPH_NAMES.map((name) =>
    supervise(
      startChild({
        name,
        script: `subgraphs/${name}/server.ts`,
        env: { ...baseEnv, MONGODB_URI: mongodbUri, MERIDIAN_SERVICE: name },
        nameWidth: NAME_WIDTH,
      }),
    ),
  );
  const gatewayUrl = `http://${config.host}:${config.gatewayPort}/graphql`;
  await Promise.all([
    ...subgraphs.map((part, index) => {
      const port = config.subgraphPorts[SUBGRAPH_NAMES[index]!];
      return waitUntilHealthy(part, `http://${config.host}:${port}/health`, runToken);
    }),
    waitUntilHealthy(gateway, `http://${config.host}:${config.gatewayPort}/health`, runToken),
  ]);

  console.log(`
Meridian is up (one process per part; the price projector starts now; pids: ${parts.map((part) => `${part.name} ${part.pid}`).join(', ')}).
  Gateway:      ${gatewayUrl} (${workers === minWorkers ? `${workers} worker${workers === '1' ? '' : 's'}` : `${minWorkers} worker at rest, up to ${workers} while busy`})
  Subgraphs:    ${SUBGRAPH_NAMES.map((name) => `${name} ${subgraphUrls[`${name.toUpperCase()}_URL`]}`).join('\n                ')}
  Explorer:     open ${gatewayUrl} in a browser (GraphiQL, offline)   Metrics: ${gatewayUrl.replace(/\/graphql$/, '/metrics')}
  Database:     ${config.mongodbUri ? 'MONGODB_URI' : `embedded dev database at ${mongodbUri} (data lives in memory)`}
${await buildStartBanner({ gatewayUrl, pinnedNow: process.env.MERIDIAN_NOW })}

Press Ctrl-C to stop.`);
  // Pricing's price projector keeps the shown prices `marketProducts` filters and sorts by: it reads product pages
  // through the gateway, so it starts once the graph answers (after the banner, which it would only slow); its
  // first pass runs at once.
  supervise(
    startThread({
      name: 'projector',
      script: 'subgraphs/pricing/projector.ts',
      env: { ...baseEnv, MONGODB_URI: mongodbUri, PRICE_PROJECTION_GATEWAY_URL: gatewayUrl, MERIDIAN_SERVICE: 'projector' },
      nameWidth: NAME_WIDTH,
    }),
  );
  returnMemoryWhenIdle();
} catch (error) {
  const startup = startupErrorLine(error);
  const line = startup ?? (error instanceof Error ? error.message : String(error));
  process.stderr.write(`${'start'.padEnd(NAME_WIDTH)} | ${line}\n`);
  await stopAll(startup || error instanceof ForeignServerError ? CONFIG_EXIT_CODE : 1, 'start-up failed');
}
