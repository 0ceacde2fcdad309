import type { IncomingHttpHeaders } from 'node:http';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span, type TextMapGetter } from '@opentelemetry/api';
import { createRequire } from 'node:module';
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import type { Connection } from 'mongoose';

/** Tracing of this process, set up by {@link initTelemetry}. */
export interface Telemetry {
  /** Where spans go: the OTLP/HTTP traces URL, or null when they are not exported. */
  exportUrl: string | null;
  /** Sends buffered spans now (tests, shutdown). */
  forceFlush(): Promise<void>;
}

/**
 * Whether this process traces: forced by `MERIDIAN_TRACING=on|off`, else on exactly when spans have somewhere to go
 * (an OTLP endpoint is configured): recording spans nobody exports costs a busy gateway much of its CPU.
 */
export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MERIDIAN_TRACING === 'on') return true;
  if (env.MERIDIAN_TRACING === 'off') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

let installed: Telemetry | undefined;

/**
 * Sets up OpenTelemetry once per process: W3C `traceparent` propagation and async context (so trace ids reach the
 * next part and the logs); span export over OTLP/HTTP only when `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Service name from `OTEL_SERVICE_NAME`, else `defaultServiceName`.
 */
export function initTelemetry(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  if (installed) return installed;
  const exportUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : null);
  // The SDK and its OTLP exporter are loaded only by a process that traces: every other part would hold them
  // for nothing. Required synchronously, so this stays a plain call.
  const require = createRequire(import.meta.url);
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { BasicTracerProvider, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const provider = new BasicTracerProvider({ resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME || defaultServiceName }) });
  if (exportUrl)
    provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter({ url: exportUrl }), { scheduledDelayMillis: 1000 }));
  // No `trace.disable()` before: tracers taken earlier (Apollo Gateway's, ours) hang off the global proxy, which
  // must stay the same object to start delegating to this provider.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable(), propagator: new W3CTraceContextPropagator() });
  installed = { exportUrl, forceFlush: () => provider.forceFlush() };
  return installed;
}

const tracer = trace.getTracer('meridian-subgraph');

const headersGetter: TextMapGetter<IncomingHttpHeaders> = {
  get: (carrier, key) => carrier[key],
  keys: (carrier) => Object.keys(carrier),
};

/** Runs one subgraph request inside a server span continuing the gateway's `traceparent`. */
export function traceServerRequest<T>(name: string, headers: IncomingHttpHeaders, handle: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers, headersGetter);
  return tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, parent, async (span) => {
    try {
      return await handle();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * A client span per MongoDB command the connection sends (`mongodb.find products`), child of the span active
 * when the command started, through the driver's command monitoring (the connection must monitor commands).
 */
export function traceDatabaseCommands(connection: Connection): void {
  const open = new Map<number, Span>();
  const client = connection.getClient();
  client.on('commandStarted', (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    const span = tracer.startSpan(
      `mongodb.${event.commandName}${typeof target === 'string' ? ` ${target}` : ''}`,
      { kind: SpanKind.CLIENT, attributes: { 'db.system': 'mongodb', 'db.name': event.databaseName, 'db.operation': event.commandName } },
      context.active(),
    );
    open.set(event.requestId, span);
  });
  const finish = (event: CommandSucceededEvent | CommandFailedEvent, failed: boolean) => {
    const span = open.get(event.requestId);
    if (!span) return;
    open.delete(event.requestId);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  client.on('commandSucceeded', (event: CommandSucceededEvent) => finish(event, false));
  client.on('commandFailed', (event: CommandFailedEvent) => finish(event, true));
}
