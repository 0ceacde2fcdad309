import { ConfigError } from '../subgraphs/common/config-error.ts';
import type { GatewayOptions } from './gateway.ts';

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(name, `${name} must be a whole number ≥ 1, got "${raw.slice(0, 64)}"`);
  return value;
}

/**
 * The gateway's limits from environment variables, each optional (unset: {@link createGateway}'s default):
 * `GATEWAY_MAX_COST`, `GATEWAY_RATE_LIMIT_UNITS` and `GATEWAY_RATE_LIMIT_WINDOW_MS` (`GATEWAY_RATE_LIMIT_UNITS=0`
 * turns the rate limit off; unset, it is on only with `NODE_ENV=production`), `GATEWAY_SUBGRAPH_TIMEOUT_MS`, `GATEWAY_REQUEST_DEADLINE_MS`,
 * `GATEWAY_BREAKER_FAILURES`, `GATEWAY_BREAKER_COOL_DOWN_MS`, `GATEWAY_CACHE_PRICES_MAX_AGE_S` and
 * `GATEWAY_CACHE_CONTENT_MAX_AGE_S` (how long shared caches keep answers), `GATEWAY_DEDUPLICATE_SUBGRAPH_QUERIES`.
 * Throws naming a malformed value.
 */
export function gatewayOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  const options: GatewayOptions = {};
  const maxCost = readPositiveInteger(env, 'GATEWAY_MAX_COST');
  if (maxCost !== undefined) options.maxCost = maxCost;
  const subgraphTimeoutMs = readPositiveInteger(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS');
  if (subgraphTimeoutMs !== undefined) options.subgraphTimeoutMs = subgraphTimeoutMs;
  const deduplicate = env.GATEWAY_DEDUPLICATE_SUBGRAPH_QUERIES;
  if (deduplicate !== undefined && deduplicate !== '') {
    if (deduplicate !== '0' && deduplicate !== '1') {
      throw new ConfigError(
        'GATEWAY_DEDUPLICATE_SUBGRAPH_QUERIES',
        `GATEWAY_DEDUPLICATE_SUBGRAPH_QUERIES must be 1 (share identical subgraph queries in flight) or 0, got "${deduplicate.slice(0, 64)}"`,
      );
    }
    options.deduplicateSubgraphQueries = deduplicate === '1';
  }
  const requestDeadlineMs = readPositiveInteger(env, 'GATEWAY_REQUEST_DEADLINE_MS');
  if (requestDeadlineMs !== undefined) options.requestDeadlineMs = requestDeadlineMs;
  const failureThreshold = readPositiveInteger(env, 'GATEWAY_BREAKER_FAILURES');
  const coolDownMs = readPositiveInteger(env, 'GATEWAY_BREAKER_COOL_DOWN_MS');
  if (failureThreshold !== undefined || coolDownMs !== undefined) options.circuitBreaker = { failureThreshold, coolDownMs };
  const pricesMaxAgeS = readPositiveInteger(env, 'GATEWAY_CACHE_PRICES_MAX_AGE_S');
  const contentMaxAgeS = readPositiveInteger(env, 'GATEWAY_CACHE_CONTENT_MAX_AGE_S');
  if (pricesMaxAgeS !== undefined || contentMaxAgeS !== undefined) {
    options.cacheTiers = { ...(pricesMaxAgeS !== undefined && { pricesMaxAgeS }), ...(contentMaxAgeS !== undefined && { contentMaxAgeS }) };
  }
  // A per-client rate limit protects a production gateway from its clients; in development (`npm start`, load
  // tests from one address) it would only throttle the developer, so there it is off unless configured.
  const rateLimitUnset = env.GATEWAY_RATE_LIMIT_UNITS === undefined || env.GATEWAY_RATE_LIMIT_UNITS === '';
  if (env.GATEWAY_RATE_LIMIT_UNITS === '0' || (rateLimitUnset && env.NODE_ENV !== 'production')) options.rateLimit = false;
  else {
    const unitsPerWindow = readPositiveInteger(env, 'GATEWAY_RATE_LIMIT_UNITS');
    const windowMs = readPositiveInteger(env, 'GATEWAY_RATE_LIMIT_WINDOW_MS');
    if (unitsPerWindow !== undefined || windowMs !== undefined) {
      options.rateLimit = { unitsPerWindow: unitsPerWindow ?? 50_000, windowMs: windowMs ?? 60_000 };
    }
  }
  return options;
}
