import { describe, expect, it } from 'vitest';
import { clockFromEnv, systemClock } from '../../../subgraphs/common/clock.ts';
import { databaseNameOf, readConfig } from '../../../subgraphs/common/config.ts';

describe('readConfig', () => {
  it('defaults to what `npm start` needs on a fresh machine', () => {
    expect(readConfig({})).toEqual({
      mongodbUri: undefined,
      host: '127.0.0.1',
      gatewayPort: 4000,
      subgraphPorts: { products: 4001, pricing: 4002, fulfillment: 4003, localization: 4004 },
      exposeStackTraces: false,
      subgraphUrls: {},
      gatewayWorkers: 1,
      gatewayMinWorkers: 1,
      gatewayRetireQuietWorkerMs: 300_000,
    });
  });

  it('reads where the gateway finds each subgraph and how many gateway workers to run, refusing nonsense', () => {
    const config = readConfig({ PRICING_URL: 'http://pricing.internal:4002/graphql', GATEWAY_WORKERS: '4' });
    expect(config.subgraphUrls).toEqual({ pricing: 'http://pricing.internal:4002/graphql' });
    expect(config.gatewayWorkers).toBe(4);
    expect(() => readConfig({ PRICING_URL: 'pricing:4002' })).toThrow(/PRICING_URL must be an http\(s\) URL/);
    expect(() => readConfig({ GATEWAY_WORKERS: '0' })).toThrow(/GATEWAY_WORKERS must be a whole number from 1 to 64/);
    expect(() => readConfig({ GATEWAY_WORKERS: 'many' })).toThrow(/GATEWAY_WORKERS/);
  });

  it('keeps GATEWAY_MIN_WORKERS between 1 and GATEWAY_WORKERS, and the retirement delay at least a second', () => {
    expect(readConfig({ GATEWAY_WORKERS: '4', GATEWAY_MIN_WORKERS: '4' }).gatewayMinWorkers).toBe(4);
    expect(() => readConfig({ GATEWAY_WORKERS: '2', GATEWAY_MIN_WORKERS: '3' })).toThrow(
      /GATEWAY_MIN_WORKERS must be a whole number from 1 to 2, got "3"/,
    );
    expect(() => readConfig({ GATEWAY_MIN_WORKERS: '0' })).toThrow(/GATEWAY_MIN_WORKERS must be a whole number from 1 to 1/);
    expect(readConfig({ GATEWAY_RETIRE_QUIET_WORKER_MS: '60000' }).gatewayRetireQuietWorkerMs).toBe(60_000);
    expect(() => readConfig({ GATEWAY_RETIRE_QUIET_WORKER_MS: '500' })).toThrow(/GATEWAY_RETIRE_QUIET_WORKER_MS must be .* at least 1000/);
  });

  it('reads the URI, host and ports from the environment', () => {
    const config = readConfig({ MONGODB_URI: 'mongodb://db:27017', HOST: '0.0.0.0', GATEWAY_PORT: '8080', PRICING_PORT: '0' });
    expect(config).toMatchObject({ mongodbUri: 'mongodb://db:27017', host: '0.0.0.0', gatewayPort: 8080 });
    expect(config.subgraphPorts).toEqual({ products: 4001, pricing: 0, fulfillment: 4003, localization: 4004 });
  });

  it.each(['http', '-1', '65536', '80.5'])('refuses the port %j, naming the variable', (port) => {
    expect(() => readConfig({ FULFILLMENT_PORT: port })).toThrow(
      `FULFILLMENT_PORT must be a port number between 0 and 65535, got "${port}"`,
    );
  });

  it('includes stack traces with MERIDIAN_DEBUG=1 in development', () => {
    expect(readConfig({ MERIDIAN_DEBUG: '1' }).exposeStackTraces).toBe(true);
    expect(readConfig({ MERIDIAN_DEBUG: '1', NODE_ENV: 'development' }).exposeStackTraces).toBe(true);
  });

  it('ignores MERIDIAN_DEBUG in production: never stack traces there', () => {
    expect(readConfig({ MERIDIAN_DEBUG: '1', NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017' }).exposeStackTraces).toBe(false);
  });

  it('refuses production without MONGODB_URI instead of silently starting the in-memory database', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/MONGODB_URI is required when NODE_ENV=production/);
    expect(readConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017' }).mongodbUri).toBe('mongodb://db:27017');
  });

  it('takes only "1" as switching debug on', () => {
    for (const value of ['true', 'yes', '0', '']) expect(readConfig({ MERIDIAN_DEBUG: value }).exposeStackTraces, value).toBe(false);
  });

  it('names each subgraph’s and the gateway’s own database, with MERIDIAN_DB_PREFIX when set', () => {
    expect(databaseNameOf('pricing', {})).toBe('meridian_pricing');
    expect(databaseNameOf('localization', { MERIDIAN_DB_PREFIX: 'staging' })).toBe('staging_localization');
    expect(databaseNameOf('gateway', { MERIDIAN_DB_PREFIX: 'staging' })).toBe('staging_gateway');
  });
});

describe('clockFromEnv', () => {
  it('is the system clock when MERIDIAN_NOW is unset', () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ NODE_ENV: 'production' })).toBe(systemClock);
  });

  it('pins the clock to MERIDIAN_NOW outside production', () => {
    const clock = clockFromEnv({ MERIDIAN_NOW: '2026-11-25T10:00:00Z' });
    expect(clock().toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(clock().toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  it('refuses MERIDIAN_NOW in production, where only the system clock is right', () => {
    expect(() => clockFromEnv({ MERIDIAN_NOW: '2026-11-25T10:00:00Z', NODE_ENV: 'production' })).toThrow(
      'MERIDIAN_NOW must not be set in production',
    );
  });

  it('refuses a MERIDIAN_NOW that is no instant, naming it', () => {
    expect(() => clockFromEnv({ MERIDIAN_NOW: 'next tuesday' })).toThrow('Invalid instant for a fixed clock: next tuesday');
  });
});
