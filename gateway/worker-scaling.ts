import { performance } from 'node:perf_hooks';

/** The message a gateway worker sends its primary every `LOAD_REPORT_EVERY_MS`. */
export const WORKER_LOAD_MESSAGE = 'meridian:worker-load';
export const LOAD_REPORT_EVERY_MS = 1_000;

export interface WorkerScalingPolicy {
  /** Workers kept running at rest (`GATEWAY_MIN_WORKERS`, default 1). */
  min: number;
  /** Workers at most (`GATEWAY_WORKERS`). */
  max: number;
  /** Mean event-loop utilization of the running workers at or above which they count as busy. */
  busyUtilization: number;
  /** How long the workers must stay busy before one more starts. */
  busyForMs: number;
  /** Event-loop utilization below which a worker counts as quiet. */
  quietUtilization: number;
  /** How long every worker must stay quiet before one above `min` is retired (`GATEWAY_RETIRE_QUIET_WORKER_MS`). */
  retireAfterQuietMs: number;
}

/** How busy is busy, and how quiet is quiet; the worker counts and the retirement delay are configuration. */
export const WORKER_LOAD_THRESHOLDS: Pick<WorkerScalingPolicy, 'busyUtilization' | 'busyForMs' | 'quietUtilization'> = {
  busyUtilization: 0.5,
  busyForMs: 2_000,
  quietUtilization: 0.05,
};

export type ScalingDecision = 'start' | 'retire' | 'hold';

/**
 * Decides, from the workers' recent event-loop utilization, when the gateway starts one more worker and when it
 * retires one. A second worker pays only while requests keep the first one busy (README, Performance) and costs a
 * whole process at rest, so the gateway keeps
 * `min` workers, starts one more (up to `max`) after `busyForMs` of busy workers, one at a time, and retires one
 * after `retireAfterQuietMs` of quiet.
 */
export class WorkerScaler {
  readonly policy: WorkerScalingPolicy;
  #busySince: number | undefined;
  #quietSince: number | undefined;

  constructor(policy: WorkerScalingPolicy) {
    this.policy = policy;
  }

  /**
   * `utilizations`: the latest report of each worker that serves (listening, not being retired); `starting`:
   * workers forked that do not serve yet.
   */
  observe(now: number, utilizations: readonly number[], starting: number): ScalingDecision {
    const { policy } = this;
    if (starting > 0 || utilizations.length === 0) {
      // A worker that is still loading skews the picture; decide again once it serves.
      this.#busySince = undefined;
      this.#quietSince = undefined;
      return 'hold';
    }
    const mean = utilizations.reduce((sum, value) => sum + value, 0) / utilizations.length;
    if (mean >= policy.busyUtilization) this.#busySince ??= now;
    else this.#busySince = undefined;
    if (Math.max(...utilizations) < policy.quietUtilization) this.#quietSince ??= now;
    else this.#quietSince = undefined;

    if (this.#busySince !== undefined && now - this.#busySince >= policy.busyForMs && utilizations.length < policy.max) {
      this.#busySince = undefined;
      return 'start';
    }
    if (this.#quietSince !== undefined && now - this.#quietSince >= policy.retireAfterQuietMs && utilizations.length > policy.min) {
      this.#quietSince = now;
      return 'retire';
    }
    return 'hold';
  }
}

/** In a worker: reports its event-loop utilization to the primary every second, until the returned stop. */
export function reportLoadToPrimary(send: (message: unknown) => void): () => void {
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    send({ type: WORKER_LOAD_MESSAGE, utilization: performance.eventLoopUtilization(now, last).utilization });
    last = now;
  }, LOAD_REPORT_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
