import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace, type Span } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import { createGateway } from '../../../gateway/gateway.ts';
import { installIdleTracer } from '../../../gateway/telemetry.ts';

// The gateway process without tracing registers the idle tracer (gateway/server.ts). The OpenTelemetry API is
// process-global, so this file takes it back when done.
const nowhere = 'http://127.0.0.1:9/graphql';
let gateway: ReturnType<typeof createGateway>;

beforeAll(async () => {
  installIdleTracer();
  gateway = createGateway({
    subgraphUrls: { products: nowhere, pricing: nowhere, fulfillment: nowhere, localization: nowhere },
    production: false,
  });
  await gateway.server.start();
});

afterAll(async () => {
  await gateway?.server.stop();
  trace.disable();
});

describe('the idle tracer of a gateway that does not trace', () => {
  it('runs each span function at once, in every call form, with a span that records nothing', () => {
    const tracer = trace.getTracer('test');
    const seen: Span[] = [];
    const run = (span: Span) => {
      seen.push(span);
      span.setAttribute('service', 'products').setStatus({ code: 2 });
      span.recordException(new Error('ignored'));
      span.end();
      return trace.getActiveSpan();
    };
    expect(tracer.startActiveSpan('a', run)).toBeUndefined();
    expect(tracer.startActiveSpan('b', { attributes: { service: 'pricing' } }, run)).toBeUndefined();
    expect(tracer.startActiveSpan('c', {}, undefined as never, run)).toBeUndefined();
    expect(seen).toHaveLength(3);
    // One span for all: nothing is allocated per span (OpenTelemetry's no-op tracer makes a span and a context each).
    expect(new Set(seen).size).toBe(1);
    for (const span of seen) {
      expect(span.isRecording()).toBe(false);
      expect(trace.isSpanContextValid(span.spanContext())).toBe(false);
    }
    expect(tracer.startSpan('d').isRecording()).toBe(false);
  });

  it("keeps Apollo Gateway's answers: an unreachable subgraph is still reported by name, the request still answered", async () => {
    const response = await gateway.server.executeOperation(
      { query: '{ products(first: 2) { nodes { id sku } } }' },
      { contextValue: { forwardedHeaders: {}, client: null, remoteAddress: 'test', deadline: performance.now() + 5_000 } },
    );
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    const errors = body?.errors as GraphQLFormattedError[] | undefined;
    expect(body?.data).toBeNull();
    expect(errors?.[0]).toMatchObject({
      message: 'The products service is unreachable; its fields are null. Retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'products' },
    });
  });
});
