/** How long a part may take to stop gracefully once its parent is gone before it exits anyway. */
const ORPHAN_GRACE_MS = 5_000;

/**
 * Ends this process when the process that started it goes away. `npm start` runs every part as a child with
 * an IPC channel; when the parent exits — even by SIGKILL — the channel closes and the child stops itself
 * instead of living on as an orphan holding a port. A stop that hangs (its output pipe is gone too) is cut
 * short after a grace period.
 */
export function stopWhenParentExits(stop: () => Promise<void> | void): void {
  if (typeof process.send !== 'function') return;
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
    void stop();
  });
}
