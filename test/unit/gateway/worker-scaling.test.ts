import { describe, expect, it } from 'vitest';
import { WORKER_LOAD_THRESHOLDS, WorkerScaler } from '../../../gateway/worker-scaling.ts';

const policy = { ...WORKER_LOAD_THRESHOLDS, min: 1, max: 2, retireAfterQuietMs: 60_000 };

/** Feeds one report a second from `from` to `to` (ms) and returns every decision that was not 'hold', with its time. */
function run(scaler: WorkerScaler, from: number, to: number, utilizations: number[], starting = 0) {
  const decisions: Array<[number, string]> = [];
  for (let now = from; now <= to; now += 1_000) {
    const decision = scaler.observe(now, utilizations, starting);
    if (decision !== 'hold') decisions.push([now, decision]);
  }
  return decisions;
}

describe('WorkerScaler', () => {
  it('starts one more worker after two seconds of a busy worker, and no more than the maximum', () => {
    const scaler = new WorkerScaler(policy);
    // busy at 0, 1 s, 2 s: the third report has seen two seconds of it
    expect(run(scaler, 0, 2_000, [0.9])).toEqual([[2_000, 'start']]);
    // while the new worker loads, nothing else is decided
    expect(run(scaler, 3_000, 6_000, [1], 1)).toEqual([]);
    // two busy workers: already at the maximum
    expect(run(scaler, 7_000, 20_000, [0.95, 0.9])).toEqual([]);
  });

  it('does not start a worker for a short burst or for moderate load', () => {
    const scaler = new WorkerScaler(policy);
    expect(run(scaler, 0, 1_000, [1])).toEqual([]);
    expect(run(scaler, 2_000, 2_000, [0.2])).toEqual([]);
    expect(run(scaler, 3_000, 4_000, [1])).toEqual([]);
    expect(run(scaler, 5_000, 60_000, [0.3])).toEqual([]);
  });

  it('retires a worker above the minimum after the quiet delay, and never goes below the minimum', () => {
    const scaler = new WorkerScaler(policy);
    expect(run(scaler, 0, 59_000, [0.01, 0.02])).toEqual([]);
    expect(run(scaler, 60_000, 60_000, [0.01, 0.02])).toEqual([[60_000, 'retire']]);
    expect(run(scaler, 61_000, 300_000, [0.01])).toEqual([]);
  });

  it('a request now and then restarts the quiet delay', () => {
    const scaler = new WorkerScaler(policy);
    expect(run(scaler, 0, 50_000, [0.01, 0])).toEqual([]);
    expect(run(scaler, 51_000, 51_000, [0.2, 0])).toEqual([]);
    expect(run(scaler, 52_000, 110_000, [0.01, 0])).toEqual([]);
    expect(run(scaler, 111_000, 112_000, [0.01, 0])).toEqual([[112_000, 'retire']]);
  });

  it('keeps a fixed number of workers when the minimum is the maximum', () => {
    const scaler = new WorkerScaler({ ...policy, min: 2 });
    expect(run(scaler, 0, 600_000, [0, 0])).toEqual([]);
  });
});
