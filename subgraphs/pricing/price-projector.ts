import type { Model } from 'mongoose';
import { logger } from '../common/logger.ts';
import type { PriceProjectionDocument } from './projection-models.ts';
import { projectPrices, type GraphReader, type ProjectionPass } from './services/project-prices.ts';

/** How often the projector starts a pass by default (`PRICE_PROJECTION_INTERVAL_MS`). */
export const DEFAULT_PROJECTION_INTERVAL_MS = 60_000;

/** A running price projector. */
export interface PriceProjector {
  /** Runs a pass now (or waits for the running one and runs another), resolving when it is written. */
  refresh(): Promise<ProjectionPass>;
  /** The last finished pass; null before the first. */
  last(): ProjectionPass | null;
  /** Resolves when the pass running now (if any) has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** Reads the supergraph at `gatewayUrl` over HTTP, as any client does. */
export function gatewayReader(gatewayUrl: string, headers: Record<string, string> = {}): GraphReader {
  return async (query, variables) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Awaited<ReturnType<GraphReader>>;
  };
}

/**
 * Keeps `price_projections` current: a pass at start, then one every `intervalMs` after the previous one ends.
 * A price, exchange-rate or market change therefore shows in filtered and sorted lists within one interval
 * plus one pass (plus pricing's reference-data TTL for rates and markets): the stated freshness bound.
 */
export function startPriceProjector(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  options: { intervalMs: number; countries?: readonly string[] },
): PriceProjector {
  const { intervalMs, countries } = options;
  let last: ProjectionPass | null = null;
  let running: Promise<ProjectionPass> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = (): Promise<ProjectionPass> => {
    const previous = running ?? Promise.resolve(null);
    const next = previous
      .catch(() => null)
      .then(() => projectPrices(model, read, countries))
      .then((pass) => {
        last = pass;
        return pass;
      });
    running = next;
    return next;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => logger.warn({ err: error }, 'price projection pass failed'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  run()
    .catch((error: unknown) => logger.warn({ err: error }, 'price projection pass failed'))
    .finally(schedule);
  return {
    refresh: run,
    last: () => last,
    settled: async () => {
      await running?.catch(() => null);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => null);
    },
  };
}
