import { describe, expect, it } from 'vitest';
import { createEdgeLookups, EdgeLookupRefusal } from '../../../gateway/edge-lookups.ts';

const scope = (address: string, ms = 10_000) => ({ address, deadline: performance.now() + ms });

async function refusal(work: Promise<unknown>): Promise<EdgeLookupRefusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof EdgeLookupRefusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the partner edge lookup budget', () => {
  it('admits an address its budget of reads, then refuses with 429 and a retry-after without reading', async () => {
    const lookups = createEdgeLookups({ perMinute: 3 });
    let reads = 0;
    const read = async () => ++reads;
    for (let i = 0; i < 3; i++) await lookups.read(scope('203.0.113.1'), 'key', read);
    const refused = await refusal(lookups.read(scope('203.0.113.1'), 'key', read));
    expect(reads).toBe(3);
    expect([refused.status, refused.code]).toEqual([429, 'RATE_LIMITED']);
    // One unit refills in 60 s / 3.
    expect(refused.retryAfterSeconds).toBe(20);
    const answer = refused.response();
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('20');
    // Another address has its own budget.
    expect(await lookups.read(scope('203.0.113.2'), 'key', read)).toBe(4);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the read fails or does not settle within the timeout or the deadline', async () => {
    const lookups = createEdgeLookups({ perMinute: 100, timeoutMs: 50 });
    const hung = await refusal(lookups.read(scope('203.0.113.3'), 'key', () => new Promise(() => {})));
    expect([hung.status, hung.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    const failed = await refusal(lookups.read(scope('203.0.113.3'), 'key', () => Promise.reject(new Error('connection reset'))));
    expect(failed.code).toBe('SERVICE_UNAVAILABLE');
    expect(failed.message).not.toContain('connection reset');
    // A request whose deadline has passed does not wait the whole timeout.
    const late = await refusal(lookups.read(scope('203.0.113.3', -5), 'key', () => new Promise(() => {})));
    expect(late.code).toBe('SERVICE_UNAVAILABLE');
  });
});
