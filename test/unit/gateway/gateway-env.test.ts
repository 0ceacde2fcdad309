import { describe, expect, it } from 'vitest';
import { gatewayOptionsFromEnv } from '../../../gateway/gateway-env.ts';

describe('gatewayOptionsFromEnv', () => {
  it('leaves every default alone when nothing is set', () => {
    expect(gatewayOptionsFromEnv({})).toEqual({});
  });

  it('reads the limits, the breaker and the rate limit', () => {
    expect(
      gatewayOptionsFromEnv({
        GATEWAY_MAX_COST: '2000',
        GATEWAY_SUBGRAPH_TIMEOUT_MS: '3000',
        GATEWAY_REQUEST_DEADLINE_MS: '5000',
        GATEWAY_BREAKER_FAILURES: '3',
        GATEWAY_RATE_LIMIT_UNITS: '1000',
      }),
    ).toEqual({
      maxCost: 2_000,
      subgraphTimeoutMs: 3_000,
      requestDeadlineMs: 5_000,
      circuitBreaker: { failureThreshold: 3, coolDownMs: undefined },
      rateLimit: { unitsPerWindow: 1_000, windowMs: 60_000 },
    });
    expect(gatewayOptionsFromEnv({ GATEWAY_RATE_LIMIT_UNITS: '0' })).toEqual({ rateLimit: false });
  });

  it('refuses a malformed value, naming it', () => {
    expect(() => gatewayOptionsFromEnv({ GATEWAY_MAX_COST: 'lots' })).toThrow('GATEWAY_MAX_COST must be a whole number ≥ 1, got "lots"');
  });
});
