import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often a part looks at how busy it has been. */
const CHECK_EVERY_MS = 3_000;
/** Below this share of a check's interval spent running JavaScript, the part counts as quiet. */
const QUIET_UTILIZATION = 0.02;
/**
 * Quiet checks in a row before the young generation is returned: V8 judges its allocation rate over the last
 * few seconds, and shrinks the space only when that rate is low.
 */
const QUIET_CHECKS_BEFORE_RETURN = 2;
/** Collections tried per quiet spell before giving up until the next busy one. */
const MAX_ATTEMPTS = 5;
/** A young generation committed at or below this is left alone: there is nothing worth returning. */
const SMALL_YOUNG_GENERATION_BYTES = 4 * 1024 * 1024;

type Scavenge = () => void;

let scavenge: Scavenge | undefined;

/**
 * V8's own `gc` function, asking for a young-generation collection only. `--expose-gc` set at run time makes `gc`
 * a global of contexts created afterwards (the same as the `expose-gc` package does); the main context is left
 * as it was.
 */
function youngGenerationCollector(): Scavenge {
  if (!scavenge) {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options: { type: 'minor'; execution: 'sync' }) => void;
    scavenge = () => gc({ type: 'minor', execution: 'sync' });
  }
  return scavenge;
}

/** Bytes the young generation (V8's `new_space`) holds committed now. */
export function youngGenerationCommittedBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

export interface IdleMemoryOptions {
  /** How often to check; default 3 s. */
  checkEveryMs?: number;
  /** Called after each return that shrank it, with the young generation's committed bytes before (for tests). */
  onReturned?: (committedBefore: number) => void;
}

/**
 * Gives back to the system the young generation a part grew while it was busy, once it has gone quiet.
 *
 * V8 grows a process's young generation (up to twice `--max-semi-space-size`) while requests allocate fast, and
 * shrinks it only at a collection that finds the allocation rate low — which a process at rest never runs, since
 * it allocates nothing. So every part kept the 32 MiB it grew at start-up for as long as it stayed idle. After a
 * busy spell followed by two quiet check intervals, this runs one young-generation collection (about a millisecond
 * for a young generation of a few MiB): at that low allocation rate V8 shrinks the space, and releases its pages a
 * few seconds later; if V8 did not shrink it yet, the next quiet checks try again, a few times. A part that is never quiet never pays it; a steady trickle of requests never counts as busy.
 * Returns a function that stops the checks.
 */
export function returnMemoryWhenIdle(options: IdleMemoryOptions = {}): () => void {
  const checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
  let last = performance.eventLoopUtilization();
  // Start-up is the first busy spell.
  let busySinceReturn = true;
  let quietChecks = 0;
  let attempts = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (utilization >= QUIET_UTILIZATION) {
      busySinceReturn = true;
      quietChecks = 0;
      attempts = 0;
      return;
    }
    quietChecks += 1;
    if (!busySinceReturn || quietChecks < QUIET_CHECKS_BEFORE_RETURN) return;
    const committedBefore = youngGenerationCommittedBytes();
    if (committedBefore <= SMALL_YOUNG_GENERATION_BYTES || attempts >= MAX_ATTEMPTS) {
      busySinceReturn = false;
      attempts = 0;
      return;
    }
    attempts += 1;
    youngGenerationCollector()();
    // The collection's own time is not a busy spell.
    last = performance.eventLoopUtilization();
    // V8 shrinks the space only if its recent allocation rate reads low; if it did not yet (a busy spell ended
    // just before the quiet checks), the next quiet check tries again.
    if (youngGenerationCommittedBytes() < committedBefore) {
      busySinceReturn = false;
      attempts = 0;
      options.onReturned?.(committedBefore);
    }
  }, checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
