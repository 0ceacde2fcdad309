import { CommandError, ErrorCode } from './errors.ts';

/**
 * The time budget of the operation running now: its `maxTimeMS`, or the server's default budget.
 * Commands run synchronously on the one thread, so one module-level deadline is the current
 * operation's. Long loops (scans, pipeline input) call `checkTimeBudget`; past the deadline the
 * operation fails with MongoDB's MaxTimeMSExpired (code 50), leaving the server responsive.
 */
let deadline = Number.POSITIVE_INFINITY;

/** Runs `work` with a deadline `budgetMs` from now (Infinity for none); restores the outer one after. */
export function withTimeBudget<T>(budgetMs: number, work: () => T): T {
  const outer = deadline;
  deadline = Math.min(outer, performance.now() + budgetMs);
  try {
    return work();
  } finally {
    deadline = outer;
  }
}

/** Throws MaxTimeMSExpired once the current operation is past its deadline. */
export function checkTimeBudget(): void {
  if (deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline) {
    throw new CommandError(ErrorCode.MaxTimeMSExpired, 'operation exceeded time limit');
  }
}

/** Yields `items`, checking the time budget every 64 items (cheap enough for every scan). */
export function* budgeted<T>(items: Iterable<T>): Generator<T> {
  let count = 0;
  for (const item of items) {
    if ((++count & 63) === 0) checkTimeBudget();
    yield item;
  }
}

/** Reads a command's `maxTimeMS`: absent or 0 means no limit of its own; MongoDB's range is 0..2^31-1. */
export function maxTimeMSOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms =
    typeof value === 'number'
      ? value
      : typeof value === 'object' && value !== null && 'toNumber' in value
        ? (value as { toNumber(): number }).toNumber()
        : Number.NaN;
  if (!Number.isInteger(ms) || ms < 0 || ms > 0x7fffffff) {
    throw new CommandError(ErrorCode.BadValue, `maxTimeMS must be a non-negative integer below 2^31, got ${String(value)}`);
  }
  return ms === 0 ? undefined : ms;
}
