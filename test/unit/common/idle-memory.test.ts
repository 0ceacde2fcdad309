import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const moduleUrl = path.resolve(import.meta.dirname, '../../../subgraphs/common/idle-memory.ts');

/**
 * A child Node process grows its young generation with a burst of short-lived allocations (as a burst of
 * requests does), then goes quiet for 9 s; it prints the young generation's committed MiB before and after. With checks every
 * 1.5 s, the first finds the burst, the next two find it quiet and it tries; V8 shrinks the space once its recent
 * allocation rate reads low, at that try or one of the next (a loaded machine stretches the burst).
 */
function childScript(withReturn: boolean): string {
  return `
import { returnMemoryWhenIdle, youngGenerationCommittedBytes } from ${JSON.stringify(moduleUrl)};
const mib = () => Math.round(youngGenerationCommittedBytes() / 1048576);
const returns = [];
${withReturn ? 'returnMemoryWhenIdle({ checkEveryMs: 1500, onReturned: (bytes) => returns.push(bytes) });' : ''}
await new Promise((resolve) => setImmediate(resolve));
let keep = [];
const burstEnd = Date.now() + 600;
for (let i = 0; Date.now() < burstEnd; i++) { keep.push({ i, text: 'request ' + i }); if (keep.length > 100000) keep = []; }
keep = [];
const grown = mib();
await new Promise((resolve) => setTimeout(resolve, 9000));
process.stdout.write(JSON.stringify({ grown, quiet: mib(), returns: returns.length }));
`;
}

async function runChild(withReturn: boolean): Promise<{ grown: number; quiet: number; returns: number }> {
  const { stdout } = await run(process.execPath, ['--max-semi-space-size=16', '--input-type=module', '-e', childScript(withReturn)]);
  return JSON.parse(stdout) as { grown: number; quiet: number; returns: number };
}

describe('returnMemoryWhenIdle', () => {
  it('gives back the young generation a busy spell grew, once the process goes quiet', async () => {
    const idle = await runChild(true);
    expect(idle.grown).toBeGreaterThanOrEqual(16);
    expect(idle.returns).toBe(1);
    expect(idle.quiet).toBeLessThanOrEqual(4);
  }, 20_000);

  it('is what makes the difference: without it, a quiet process keeps what it grew', async () => {
    const kept = await runChild(false);
    expect(kept.grown).toBeGreaterThanOrEqual(16);
    expect(kept.quiet).toBe(kept.grown);
  }, 20_000);
});
