import { describe, expect, it } from 'vitest';
import { gatewayOptionsFromEnv } from '../../../gateway/gateway-env.ts';

describe('gatewayOptionsFromEnv', () => {
  it('leaves every default alone in production when nothing is set (the rate limit on)', () => {
    expect(gatewayOptionsFromEnv({ NODE_ENV: 'production' })).toEqual({});
  });

  it('has no rate limit in development unless one is configured', () => {
    expect(gatewayOptionsFromEnv({})).toEqual({ rateLimit: false });
    expect(gatewayOptionsFromEnv({ GATEWAY_RATE_LIMIT_UNITS: '900' })).toEqual({ rateLimit: { unitsPerWindow: 900, windowMs: 60_000 } });
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

  it('reads how long shared caches keep answers, each tier on its own', () => {
    expect(gatewayOptionsFromEnv({ NODE_ENV: 'production', GATEWAY_CACHE_PRICES_MAX_AGE_S: '30' })).toEqual({
      cacheTiers: { pricesMaxAgeS: 30 },
    });
    expect(
      gatewayOptionsFromEnv({ NODE_ENV: 'production', GATEWAY_CACHE_PRICES_MAX_AGE_S: '30', GATEWAY_CACHE_CONTENT_MAX_AGE_S: '900' }),
    ).toEqual({ cacheTiers: { pricesMaxAgeS: 30, contentMaxAgeS: 900 } });
    expect(() => gatewayOptionsFromEnv({ GATEWAY_CACHE_CONTENT_MAX_AGE_S: '1h' })).toThrow(
      'GATEWAY_CACHE_CONTENT_MAX_AGE_S must be a whole number ≥ 1, got "1h"',
    );
  });

  it('refuses a malformed value, naming it', () => {
    expect(() => gatewayOptionsFromEnv({ GATEWAY_MAX_COST: 'lots' })).toThrow('GATEWAY_MAX_COST must be a whole number ≥ 1, got "lots"');
  });
});
