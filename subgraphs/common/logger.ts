import { isMainThread } from 'node:worker_threads';
import { pino, type Logger } from 'pino';

/** The process-wide structured logger. `LOG_LEVEL` sets the level (default `info`, `silent` in tests). */
export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: { service: process.env.MERIDIAN_SERVICE ?? 'meridian' },
  },
  // pino writes to file descriptor 1 itself; a part running as a thread writes through its own stdout instead,
  // which its parent reads (and prefixes, under `npm start`).
  isMainThread ? undefined : process.stdout,
);
