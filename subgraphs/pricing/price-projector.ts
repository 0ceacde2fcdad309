import type { Model } from 'mongoose';
import type { Clock } from '../common/clock.ts';
import { logger } from '../common/logger.ts';
import type { PriceProjectionDocument, PriceProjectionMarkDocument } from './projection-models.ts';
import {
  passId,
  projectedMarkets,
  projectPrices,
  projectProducts,
  type GraphReader,
  type ProjectionPass,
} from './services/project-prices.ts';

/**
 * How long after a full pass ends the next starts by default (`PRICE_PROJECTION_INTERVAL_MS`): an hour, since
 * pricing's writes and catalog growth reach the projection through marks; the pass catches what other subgraphs
 * change, and every pass reads the whole catalog in every market through the graph, so it is not run back to back.
 */
export const DEFAULT_PROJECTION_INTERVAL_MS = 3_600_000;
/** How often the projector looks for marks by default (`PRICE_PROJECTION_POLL_MS`). */
export const DEFAULT_MARK_POLL_MS = 1_000;
/** Marks read at a time: a bulk price import drains in rounds this size. */
const MARKS_PER_ROUND = 1_000;
/** How long a mark whose products could not be read waits before the next try. */
const FAILED_MARK_RETRY_MS = 30_000;

/** What the marks drained so far did. */
export interface MarkDrains {
  /** Marks read and settled (their products re-projected, or left to a full pass for every product). */
  marks: number;
  /** Rows written and removed by re-projecting marked products. */
  rows: number;
  removed: number;
  /** When the last mark was settled; null before the first. */
  lastAt: Date | null;
}

/** A running price projector. */
export interface PriceProjector {
  /** Runs a full pass now (after the work in progress), resolving when it is written. */
  refresh(): Promise<ProjectionPass>;
  /** The last finished full pass; null before the first. */
  last(): ProjectionPass | null;
  /** What the marks drained since start did. */
  drains(): MarkDrains;
  /** Resolves when the work in progress (a pass, a round of marks) has finished. */
  settled(): Promise<void>;
  /** Stops: a running pass ends at its next page. */
  stop(): Promise<void>;
}

/** Options of {@link startPriceProjector}. */
export interface PriceProjectorOptions {
  /** Time from the end of one full pass to the start of the next. */
  intervalMs: number;
  /** Only these markets' countries are projected. */
  countries?: readonly string[];
  /** Pricing's outbox of stale products (`PricingModels.PriceProjectionMark`); without it only full passes run. */
  marks?: Model<PriceProjectionMarkDocument>;
  /** How often the outbox is read. Default {@link DEFAULT_MARK_POLL_MS}. */
  pollMs?: number;
  /** The clock marks fall due by: the one product pages are priced by. Default: the system clock. */
  clock?: Clock;
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

type Mark = PriceProjectionMarkDocument & { _id: unknown };

/** The outbox side of the projector: reads due marks, re-projects their products, settles the marks. */
interface MarkDrain {
  /** Rounds until no single-product mark is due; marks for every product are kept for the next full pass. */
  drain(): Promise<void>;
  /** Marks for every product read so far and not yet settled by a full pass. */
  catalogMarks(): Mark[];
  /** Removes marks for every product that a full pass has settled. */
  settle(settled: readonly Mark[]): Promise<void>;
  stats(): MarkDrains;
}

function createMarkDrain(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  marks: Model<PriceProjectionMarkDocument> | undefined,
  options: { countries?: readonly string[]; clock: Clock; passLabel: () => string; stopped: () => boolean },
): MarkDrain {
  const { countries, clock } = options;
  const stats: MarkDrains = { marks: 0, rows: 0, removed: 0, lastAt: null };
  const catalogMarks = new Map<string, Mark>();

  /** Re-projects marked products per market; returns the ids whose reads failed. */
  const reproject = async (productsByCountry: Map<string | null, Set<string>>): Promise<Set<string>> => {
    const everyMarket = productsByCountry.has(null) ? await projectedMarkets(read, countries) : [];
    const failed = new Set<string>();
    const pass = options.passLabel();
    for (const [country, ids] of productsByCountry) {
      for (const market of country === null ? everyMarket : countries && !countries.includes(country) ? [] : [country]) {
        const projected = await projectProducts(model, read, market, [...ids], pass);
        stats.rows += projected.rows;
        stats.removed += projected.removed;
        for (const id of projected.failed) failed.add(id);
      }
    }
    return failed;
  };

  /** One round over the due marks; returns how many it read. */
  const round = async (outbox: Model<PriceProjectionMarkDocument>): Promise<number> => {
    const waiting = [...catalogMarks.values()].map((mark) => mark._id);
    const due = await outbox
      .find({ dueAt: { $lte: clock() }, ...(waiting.length > 0 && { _id: { $nin: waiting } }) })
      .sort({ dueAt: 1, _id: 1 })
      .limit(MARKS_PER_ROUND)
      .lean<Mark[]>();
    const productsByCountry = new Map<string | null, Set<string>>();
    for (const mark of due) {
      if (mark.productId === null) catalogMarks.set(String(mark._id), mark);
      else productsByCountry.set(mark.country, (productsByCountry.get(mark.country) ?? new Set()).add(mark.productId));
    }
    if (productsByCountry.size === 0) return due.length;
    const failed = await reproject(productsByCountry);
    const single = due.filter((mark) => mark.productId !== null);
    const settled = single.filter((mark) => !failed.has(mark.productId!));
    const retried = single.filter((mark) => failed.has(mark.productId!));
    if (settled.length > 0) await outbox.deleteMany({ _id: { $in: settled.map((mark) => mark._id) } });
    if (retried.length > 0) {
      logger.warn({ products: retried.length }, 'price projection: marked products could not be read; trying again later');
      await outbox.updateMany(
        { _id: { $in: retried.map((mark) => mark._id) } },
        { $set: { dueAt: new Date(clock().getTime() + FAILED_MARK_RETRY_MS) } },
      );
    }
    stats.marks += settled.length;
    if (settled.length > 0) stats.lastAt = new Date();
    return due.length;
  };

  return {
    async drain() {
      // A round shorter than the most it reads was the last.
      while (marks && !options.stopped() && (await round(marks)) === MARKS_PER_ROUND) {}
    },
    catalogMarks: () => [...catalogMarks.values()],
    async settle(settled) {
      if (!marks || settled.length === 0) return;
      await marks.deleteMany({ _id: { $in: settled.map((mark) => mark._id) } });
      for (const mark of settled) catalogMarks.delete(String(mark._id));
      stats.marks += settled.length;
      stats.lastAt = new Date();
    },
    stats: () => ({ ...stats }),
  };
}

/**
 * Keeps `price_projections` current in two ways. Pricing's own writes (a price change, a sale's start and end, an
 * exchange-rate import) leave marks in `price_projection_marks`; every `pollMs` the projector re-projects the
 * products the due marks name, by id, also between two pages of a running full pass. So a price change shows in
 * filtered and sorted lists within one poll plus one page of a pass, at any catalog size. A mark for every product
 * (rates, a grown catalog) starts a full pass and is settled when a pass that started after it was read ends. Full
 * passes, one at start and then one `intervalMs` after the previous ends, catch what other subgraphs change (stock,
 * brand, category, delivery): their freshness bound is one interval plus one pass.
 */
export function startPriceProjector(
  model: Model<PriceProjectionDocument>,
  read: GraphReader,
  options: PriceProjectorOptions,
): PriceProjector {
  const { intervalMs, countries } = options;
  let last: ProjectionPass | null = null;
  // One piece of work at a time: a full pass (draining marks between its pages) or a round of marks.
  let work: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const next = work.catch(() => null).then(task);
    work = next;
    return next;
  };
  let runningPass: string | null = null;
  let nextPassAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const marks = createMarkDrain(model, read, options.marks, {
    ...(countries && { countries }),
    clock: options.clock ?? (() => new Date()),
    passLabel: () => runningPass ?? last?.pass ?? passId(new Date()),
    stopped: () => stopped,
  });
  const drainQuietly = () =>
    marks.drain().catch((error: unknown) => logger.warn({ err: error }, 'price projection: reading the marks failed'));

  const fullPass = async (): Promise<ProjectionPass> => {
    // Only marks read before the pass starts are settled by it: pages read earlier in the pass predate later ones.
    const settles = marks.catalogMarks();
    try {
      const pass = await projectPrices(model, read, {
        ...(countries && { only: countries }),
        betweenPages: drainQuietly,
        stopping: () => stopped,
        onStart: (id) => {
          runningPass = id;
        },
      });
      last = pass;
      // Settled even when some markets' pages came back with errors (their earlier rows are kept): a market that
      // keeps failing must not keep a catalog mark alive and passes running back to back; the next pass retries it.
      if (pass.incomplete.length > 0) {
        logger.warn(
          { markets: pass.incomplete },
          'price projection pass incomplete: these markets keep their earlier rows until the next pass',
        );
      }
      await marks.settle(settles);
      return pass;
    } finally {
      runningPass = null;
      nextPassAt = Date.now() + intervalMs;
    }
  };

  const tick = async () => {
    await serially(drainQuietly);
    if (!stopped && (marks.catalogMarks().length > 0 || Date.now() >= nextPassAt)) await serially(fullPass);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => logger.warn({ err: error }, 'price projection failed'))
        .finally(schedule);
    }, options.pollMs ?? DEFAULT_MARK_POLL_MS);
    timer.unref();
  };
  // Marks left from before the start are read first, so that this first pass settles those for every product.
  serially(async () => {
    await drainQuietly();
    return fullPass();
  })
    .catch((error: unknown) => logger.warn({ err: error }, 'price projection pass failed'))
    .finally(schedule);
  return {
    refresh: () => serially(fullPass),
    last: () => last,
    drains: () => marks.stats(),
    settled: async () => {
      await work.catch(() => null);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await work.catch(() => null);
    },
  };
}
