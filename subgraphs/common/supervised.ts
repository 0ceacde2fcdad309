import { isMainThread, parentPort } from 'node:worker_threads';

/** The message a part running as a thread of `npm start` receives when it is to stop. */
export const STOP_THREAD_MESSAGE = 'meridian:stop';

/** How long a part may take to stop gracefully once its parent is gone before it exits anyway. */
const ORPHAN_GRACE_MS = 5_000;

/**
 * Ends this process when the process that started it goes away. `npm start` runs every part as a child with
 * an IPC channel; when the parent exits — even by SIGKILL — the channel closes and the child stops itself
 * instead of living on as an orphan holding a port. A stop that hangs (its output pipe is gone too) is cut
 * short after a grace period.
 */
export function stopWhenParentExits(stop: () => Promise<void> | void): void {
  if (!isMainThread) {
    // A part `npm start` runs as a thread of its own process (scripts/child-process.ts, startThread) is asked to
    // stop by message; it ends with that process anyway.
    parentPort?.on('message', (message) => message === STOP_THREAD_MESSAGE && void stop());
    parentPort?.unref();
    return;
  }
  if (typeof process.send !== 'function') return;
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
    void stop();
  });
}
