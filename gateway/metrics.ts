import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { clientNameOf } from './partner-context.ts';

/** Latency buckets in seconds: a product page is tens of milliseconds; the subgraph deadline is 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Options of {@link createGatewayMetrics}. */
export interface GatewayMetricsOptions {
  /**
   * Distinct operation names kept as label values; later new names count as `other`, so a client inventing
   * names cannot blow up the series count. Default 200.
   */
  maxOperationNames?: number;
  /** Also export Node's process metrics (CPU, memory, event loop lag). Default true. */
  processMetrics?: boolean;
  /**
   * Decides who may read `/metrics` (they name clients and operations): resolves to null to serve, or to the
   * refusal's status and message. Default: everyone.
   */
  authorize?: (req: IncomingMessage) => Promise<{ status: number; message: string } | null>;
  /**
   * Reads the text `/metrics` serves. Default: this process's registry; a gateway worker reads the whole
   * gateway's through the cluster primary (`cluster-metrics.ts`).
   */
  collect?: (registry: Registry) => Promise<string>;
}

/** Prometheus metrics of the gateway, on a registry of its own, with the plugin, fetch wrapper and route feeding it. */
export interface GatewayMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<BaseContext>;
  /** Times a subgraph's fetch and counts its failures (timeout, unreachable, HTTP 5xx). */
  wrapSubgraphFetch<TFetcher>(serviceName: string, fetcher: TFetcher): TFetcher;
  /** Counts an error the partner edge answered before any operation ran (401, 403, unknown document). */
  countEdgeError(code: string, client: string): void;
  /** `GET /metrics` in the Prometheus text format. */
  route(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The gateway's instruments, on `registry`. */
function createInstruments(registry: Registry, processMetrics: boolean) {
  // The event-loop lag monitor samples every 100 ms, not prom-client's default 10 ms: a lag histogram scraped every
  // few seconds loses nothing, and an idle worker wakes up ten times less often.
  if (processMetrics) {
    collectDefaultMetrics({ register: registry, prefix: 'meridian_gateway_', eventLoopMonitoringPrecision: 100 });
  }
  return {
    requests: new Counter({
      name: 'meridian_gateway_requests_total',
      help: 'GraphQL requests by operation name and client.',
      labelNames: ['operation', 'client'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'meridian_gateway_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code and client.',
      labelNames: ['code', 'client'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'meridian_gateway_request_duration_seconds',
      help: 'Time from request to response, by operation name and client.',
      labelNames: ['operation', 'client'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    subgraphDuration: new Histogram({
      name: 'meridian_gateway_subgraph_fetch_duration_seconds',
      help: 'Time of one fetch from the gateway to a subgraph, by subgraph and outcome (ok, error).',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    subgraphFailures: new Counter({
      name: 'meridian_gateway_subgraph_fetch_failures_total',
      help: 'Subgraph fetches that failed, by subgraph and reason (timeout, unreachable, http_5xx).',
      labelNames: ['subgraph', 'reason'] as const,
      registers: [registry],
    }),
  };
}

type Instruments = ReturnType<typeof createInstruments>;

/** The label of an operation name: its own for the first `max` distinct names, `other` past them. */
function operationLabeler(max: number): (name: string | null | undefined) => string {
  const operationNames = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= max) return 'other';
    operationNames.add(name);
    return name;
  };
}

/** Counts each request, its errors and its duration, by operation and client. */
function metricsPlugin(
  instruments: Instruments,
  operationLabel: (name: string | null | undefined) => string,
): ApolloServerPlugin<BaseContext> {
  const { requests, errors, duration } = instruments;
  return {
    async requestDidStart(requestContext) {
      const started = performance.now();
      const client = clientNameOf(requestContext.contextValue);
      return {
        async didEncounterErrors({ errors: encountered }) {
          for (const error of encountered) {
            const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
            errors.inc({ code, client });
          }
        },
        async willSendResponse({ operationName }) {
          const operation = operationLabel(operationName);
          requests.inc({ operation, client });
          duration.observe({ operation, client }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** Wraps a subgraph's fetch to time it and count its failures. */
function timedSubgraphFetch<TFetcher>(instruments: Instruments, serviceName: string, fetcher: TFetcher): TFetcher {
  const { subgraphDuration, subgraphFailures } = instruments;
  const inner = fetcher as unknown as (url: string, init: RequestInit) => Promise<Response>;
  const wrapped = async (url: string, init: RequestInit): Promise<Response> => {
    const started = performance.now();
    try {
      const response = await inner(url, init);
      const ok = response.status < 500;
      subgraphDuration.observe({ subgraph: serviceName, outcome: ok ? 'ok' : 'error' }, (performance.now() - started) / 1000);
      if (!ok) subgraphFailures.inc({ subgraph: serviceName, reason: 'http_5xx' });
      return response;
    } catch (error) {
      subgraphDuration.observe({ subgraph: serviceName, outcome: 'error' }, (performance.now() - started) / 1000);
      const message = error instanceof Error ? error.message : '';
      subgraphFailures.inc({ subgraph: serviceName, reason: message.includes('did not answer within') ? 'timeout' : 'unreachable' });
      throw error;
    }
  };
  return wrapped as unknown as TFetcher;
}

/** `GET /metrics`: the Prometheus text, once `authorize` allows it. */
function metricsRoute(registry: Registry, options: GatewayMetricsOptions): GatewayMetrics['route'] {
  return (req, res) => {
    // Asked of every request before GraphQL: a prefix test first, the exact path only for `/metrics…`.
    const url = req.url ?? '';
    if (!url.startsWith('/metrics') || url.split('?')[0] !== '/metrics' || req.method !== 'GET') return false;
    (options.authorize?.(req) ?? Promise.resolve(null))
      .then((refusal) => {
        if (!refusal) return options.collect ? options.collect(registry) : registry.metrics();
        res.statusCode = refusal.status;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(`${refusal.message}\n`);
        return undefined;
      })
      .then(
        (text) => {
          if (text === undefined) return;
          res.statusCode = 200;
          res.setHeader('content-type', registry.contentType);
          res.end(text);
        },
        (error: unknown) => {
          res.statusCode = 500;
          res.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    return true;
  };
}

/** The gateway's Prometheus metrics: instruments on a registry of their own, and the plugin, fetch wrapper and route feeding and serving them. */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const instruments = createInstruments(registry, options.processMetrics ?? true);
  return {
    registry,
    plugin: metricsPlugin(instruments, operationLabeler(options.maxOperationNames ?? 200)),
    wrapSubgraphFetch: (serviceName, fetcher) => timedSubgraphFetch(instruments, serviceName, fetcher),
    countEdgeError(code, client) {
      instruments.errors.inc({ code, client });
    },
    route: metricsRoute(registry, options),
  };
}
