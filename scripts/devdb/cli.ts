import { parseArgs } from 'node:util';
import { startDevDb } from './index.ts';

/**
 * `npm run devdb [-- --port 27017] [--host 127.0.0.1] [--replica-set rs0] [--verbose] [--dbpath .data/devdb]`: runs the embedded
 * MongoDB-compatible database until SIGINT/SIGTERM, printing its URI (use it as MONGODB_URI). With
 * `--dbpath`, data is kept in an append-only journal there and survives restarts (and `kill -9`).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['DEVDB_PORT'] ?? '27017' },
    verbose: { type: 'boolean', default: false },
    dbpath: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'replica-set': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`devdb: invalid --port ${values.port}`);
  process.exit(2);
}

const db = await startDevDb({
  port,
  host: values.host,
  ...(values['replica-set'] ? { replicaSet: values['replica-set'] } : {}),
  ...(values.dbpath ? { dbPath: values.dbpath } : {}),
  ...(values.verbose
    ? {
        logCommands: (command, reply, connectionId) => {
          const name = Object.keys(command)[0];
          console.log(
            `[conn ${connectionId}] ${name} ${JSON.stringify(command[name ?? ''])} -> ok=${String(reply['ok'])}${reply['errmsg'] ? ` ${String(reply['errmsg'])}` : ''}`,
          );
        },
      }
    : {}),
}).catch((error: unknown) => {
  // Typically EADDRINUSE: another devdb or a real mongod already listens on the port.
  console.error(`devdb: cannot listen on ${values.host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(db.uri);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  db.stop().then(
    () => {
      console.log(`devdb: stopped (${signal})`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error('devdb: error while stopping', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
