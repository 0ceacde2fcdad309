import {
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Span,
  type TextMapGetter,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import type { ApolloServerPlugin, BaseContext, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { initTelemetry as initSharedTelemetry, type Telemetry } from '../subgraphs/common/telemetry.ts';
import type { Logger } from 'pino';
import { logger as processLogger } from '../subgraphs/common/logger.ts';
import { clientNameOf } from './partner-context.ts';

/** The tracer of the gateway's own spans (Apollo Gateway adds `gateway.request`, `gateway.plan`, `gateway.fetch`). */
export const tracer = trace.getTracer('meridian-gateway');

/** Tracing of this process: see subgraphs/common/telemetry.ts, shared with the subgraphs. */
export type { Telemetry } from '../subgraphs/common/telemetry.ts';

/** Sets up tracing for the gateway process (service name `meridian-gateway` unless `OTEL_SERVICE_NAME`). */
export function initTelemetry(env: NodeJS.ProcessEnv = process.env): Telemetry {
  return initSharedTelemetry('meridian-gateway', env);
}

/** The one span every idle tracer hands out: records nothing, belongs to no trace. */
const IDLE_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** A tracer for a process that does not trace: each span is {@link IDLE_SPAN}, and no context is made for it. */
const IDLE_TRACER: Tracer = {
  startSpan: () => IDLE_SPAN,
  // startActiveSpan(name, [options, [context,]] fn): the function is always the last argument.
  startActiveSpan: ((...args: unknown[]) => (args[args.length - 1] as (span: Span) => unknown)(IDLE_SPAN)) as Tracer['startActiveSpan'],
};

/**
 * Registers, for a gateway process that does not trace, a tracer provider whose spans cost nothing. Apollo Gateway
 * opens eight spans per listing request (request, validate, execute, a fetch per subgraph, post-processing)
 * whether or not anyone records them; OpenTelemetry's own no-op tracer still builds a context holding each span and
 * enters it. Nothing reads those spans or contexts when tracing is off.
 * Call it only where {@link initTelemetry} will not run in the same process (the gateway's entry point): the first
 * provider registered stays.
 */
export function installIdleTracer(): void {
  const provider: TracerProvider = { getTracer: () => IDLE_TRACER };
  trace.setGlobalTracerProvider(provider);
}

const headerMapGetter: TextMapGetter<HeaderMap> = {
  get: (carrier, key) => carrier.get(key),
  keys: (carrier) => [...carrier.keys()],
};

/**
 * Runs one HTTP request of the gateway inside a server span continuing the caller's `traceparent` (or starting a
 * trace), and answers with the trace id in `x-trace-id` so a partner can quote it.
 */
export async function withRequestSpan(headers: HeaderMap, handle: () => Promise<HTTPGraphQLResponse>): Promise<HTTPGraphQLResponse> {
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerMapGetter);
  return tracer.startActiveSpan('graphql.request', { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      const response = await handle();
      const status = response.status ?? 200;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      response.headers.set('x-trace-id', span.spanContext().traceId);
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Wraps a subgraph fetch so the request carries the active trace as W3C `traceparent` (and `tracestate`). */
export function traceSubgraphFetch<TFetcher>(_serviceName: string, fetcher: TFetcher): TFetcher {
  const inner = fetcher as unknown as (url: string, init: RequestInit) => Promise<Response>;
  const traced = (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
    return inner(url, { ...init, headers });
  };
  return traced as unknown as TFetcher;
}

/** The active trace's ids, as pino fields. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}

/**
 * Logs each request's outcome with its trace id (debug; errors at warn), so a log line leads to the trace and a
 * partner's `x-trace-id` leads to the log.
 */
export function createTraceLogPlugin(log: Logger = processLogger.child({ component: 'gateway' })): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart(requestContext) {
      const started = Date.now();
      const client = clientNameOf(requestContext.contextValue);
      return {
        async didEncounterErrors({ errors, operationName }) {
          const codes = errors.map((error) =>
            typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR',
          );
          log.warn({ ...traceLogFields(), client, operation: operationName ?? null, codes }, 'request had errors');
        },
        async willSendResponse({ operationName }) {
          if (log.isLevelEnabled('debug'))
            log.debug({ ...traceLogFields(), client, operation: operationName ?? null, ms: Date.now() - started }, 'request');
        },
      };
    },
  };
}
