// `npm start`: the whole graph on one machine, each part its own process as production runs them — the
// database (embedded unless MONGODB_URI is set), the four subgraphs (`node subgraphs/<name>/server.ts`) and the
// gateway (`node gateway/server.ts`, GATEWAY_WORKERS workers, default one per core) — seeded when any collection
// is empty, with one merged log (a prefix per part). Ctrl-C stops every process; a part that dies stops all.
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { SUBGRAPH_NAMES, databaseNameOf, readConfig } from '../subgraphs/common/config.ts';
import { connectDatabase, ensureIndexes } from '../subgraphs/common/database.ts';
import { startChild, stopChild, waitUntilHealthy, type ChildPart } from './child-process.ts';
import { SEEDERS, seedIfIncomplete } from './seed/index.ts';
import { buildStartBanner } from './start-banner.ts';

const config = readConfig();
const NAME_WIDTH = 12;
const parts: ChildPart[] = [];
let stopping = false;

function log(message: string): void {
  process.stdout.write(`${'start'.padEnd(NAME_WIDTH)} | ${message}\n`);
}

/** Stops every part, last started first (gateway, subgraphs, database), then exits. */
async function stopAll(exitCode: number, reason: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    log(`stopping (${reason})`);
    for (const part of [...parts].reverse()) await stopChild(part);
    log('stopped: gateway, subgraphs and database are closed');
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0, 'SIGINT'));
process.on('SIGTERM', () => void stopAll(0, 'SIGTERM'));

function supervise(part: ChildPart): ChildPart {
  parts.push(part);
  void part.exited.then((code) => {
    if (!stopping) void stopAll(1, `${part.name} exited (${code})`);
  });
  return part;
}

/**
 * A base environment for every child: this one, with the database and ports settled, and the secret the gateway
 * signs subgraph requests with (a new one per run unless SUBGRAPH_SHARED_SECRET is set).
 */
const baseEnv = { ...process.env, SUBGRAPH_SHARED_SECRET: process.env.SUBGRAPH_SHARED_SECRET || randomBytes(32).toString('base64url') };

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

  // Seed before any subgraph serves: a fresh or half-seeded database is completed, never served as it is.
  for (const name of SUBGRAPH_NAMES) {
    const connection = await connectDatabase(mongodbUri, databaseNameOf(name));
    try {
      SEEDERS[name].registerModels(connection);
      await ensureIndexes(connection);
      const counts = await seedIfIncomplete(name, connection);
      if (counts) log(`seeded ${name}: ${JSON.stringify(counts)}`);
    } finally {
      await connection.close();
    }
  }

  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const port = config.subgraphPorts[name];
    const part = supervise(
      startChild({
        name,
        script: `subgraphs/${name}/server.ts`,
        env: { ...baseEnv, MONGODB_URI: mongodbUri, MERIDIAN_SERVICE: name },
        nameWidth: NAME_WIDTH,
      }),
    );
    subgraphUrls[`${name.toUpperCase()}_URL`] = `http://${config.host}:${port}/graphql`;
    await waitUntilHealthy(part, `http://${config.host}:${port}/health`);
  }

  const workers = process.env.GATEWAY_WORKERS ?? String(Math.max(1, availableParallelism()));
  const gateway = supervise(
    startChild({
      name: 'gateway',
      script: 'gateway/server.ts',
      env: { ...baseEnv, ...subgraphUrls, MONGODB_URI: mongodbUri, GATEWAY_WORKERS: workers, MERIDIAN_SERVICE: 'gateway' },
      nameWidth: NAME_WIDTH,
    }),
  );
  const gatewayUrl = `http://${config.host}:${config.gatewayPort}/graphql`;
  await waitUntilHealthy(gateway, `http://${config.host}:${config.gatewayPort}/health`);

  console.log(`
Meridian is up (one process per part, pids: ${parts.map((part) => `${part.name} ${part.process.pid}`).join(', ')}).
  Gateway:      ${gatewayUrl} (${workers} worker${workers === '1' ? '' : 's'})
  Subgraphs:    ${SUBGRAPH_NAMES.map((name) => `${name} ${subgraphUrls[`${name.toUpperCase()}_URL`]}`).join('\n                ')}
  Explorer:     open ${gatewayUrl} in a browser (GraphiQL, offline)   Metrics: ${gatewayUrl.replace(/\/graphql$/, '/metrics')}
  Database:     ${config.mongodbUri ? 'MONGODB_URI' : `embedded dev database at ${mongodbUri} (data lives in memory)`}
${await buildStartBanner({ gatewayUrl, pinnedNow: process.env.MERIDIAN_NOW })}

Press Ctrl-C to stop.`);
} catch (error) {
  process.stderr.write(`${'start'.padEnd(NAME_WIDTH)} | ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll(1, 'start-up failed');
}
