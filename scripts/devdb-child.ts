// The embedded database as a child process of `npm start`: listens on DEVDB_PORT (0: a free port), prints its
// URI as the first line, and stops when its parent does (see subgraphs/common/supervised.ts).
import { returnMemoryWhenIdle } from '../subgraphs/common/idle-memory.ts';
import { stopWhenParentExits } from '../subgraphs/common/supervised.ts';
import { reportStartupErrors } from '../subgraphs/common/startup-errors.ts';
import { startDevDb } from './devdb/index.ts';

reportStartupErrors('devdb');

const db = await startDevDb({ port: Number(process.env.DEVDB_PORT ?? 0) });
console.log(db.uri);
returnMemoryWhenIdle();
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await db.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
stopWhenParentExits(stop);
