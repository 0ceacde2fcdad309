import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../gateway/circuit-breaker.ts';

function breaker(failureThreshold = 3, coolDownMs = 1_000) {
  const clock = { now: 0 };
  return { clock, breaker: new CircuitBreaker({ failureThreshold, coolDownMs, now: () => clock.now }) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold and forgets failures after a success', () => {
    const { breaker: b } = breaker(3);
    b.recordFailure();
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    b.recordFailure();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('opens after N consecutive failures and fails fast until the cool-down passes', () => {
    const { clock, breaker: b } = breaker(3, 1_000);
    for (let i = 0; i < 3; i++) b.recordFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    clock.now = 999;
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryAfterMs()).toBe(1);
  });

  it('lets exactly one probe through after the cool-down; its success closes the circuit', () => {
    const { clock, breaker: b } = breaker(2, 1_000);
    b.recordFailure();
    b.recordFailure();
    clock.now = 1_000;
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(false);
    b.recordSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('a failed probe opens the circuit for another full cool-down', () => {
    const { clock, breaker: b } = breaker(2, 1_000);
    b.recordFailure();
    b.recordFailure();
    clock.now = 1_500;
    expect(b.tryAcquire()).toBe(true);
    b.recordFailure();
    expect(b.state).toBe('open');
    clock.now = 2_400;
    expect(b.tryAcquire()).toBe(false);
    clock.now = 2_500;
    expect(b.tryAcquire()).toBe(true);
  });
});

describe('CircuitBreaker.release', () => {
  it('a probe that ended without a verdict lets the next call probe again', () => {
    const { clock, breaker: b } = breaker(1, 1_000);
    b.recordFailure();
    clock.now = 1_000;
    expect(b.tryAcquire()).toBe(true);
    b.release();
    expect(b.tryAcquire()).toBe(true);
    expect(b.state).toBe('half-open');
  });

  it('leaves a closed circuit and its failure count alone', () => {
    const { breaker: b } = breaker(2);
    b.recordFailure();
    b.release();
    b.recordFailure();
    expect(b.state).toBe('open');
  });
});
