import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { startPartnerServices, type PartnerServices } from '../../gateway/partners.ts';
import { createTraceLogPlugin } from '../../gateway/telemetry.ts';
import { listenGraphQL, type RunningServer } from '../../subgraphs/common/http.ts';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import { post, startPartnerTestStack, type PartnerTestStack } from './partners-stack.ts';

const HEADPHONES = stableObjectIdHex('ELE-ANC-BLA');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

async function listen(
  handler: (req: IncomingMessage, body: string, res: http.ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let env: PartnerTestStack;
let partners: PartnerServices;
let gateway: RunningServer;
let collector: Awaited<ReturnType<typeof listen>>;
let proxy: Awaited<ReturnType<typeof listen>>;
const exported: any[] = [];
const traceparents: string[] = [];
const logLines: any[] = [];
const previousEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

beforeAll(async () => {
  // An OTLP/HTTP collector of our own: the gateway exports spans to it as JSON.
  collector = await listen((req, body, res) => {
    if (req.url === '/v1/traces') exported.push(JSON.parse(body));
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
  env = await startPartnerTestStack();
  // Between the gateway and the products subgraph: records the trace context each subgraph request carries.
  proxy = await listen((req, body, res) => {
    traceparents.push(String(req.headers.traceparent));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    void fetch(env.stack.subgraphUrls.products, { method: 'POST', headers, body }).then(async (upstream) => {
      res.statusCode = upstream.status;
      res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
      res.end(await upstream.text());
    });
  });
  partners = await startPartnerServices({ mongodbUri: env.stack.mongodbUri, env: { MERIDIAN_DB_PREFIX: env.prefix } });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  const built = createGateway({
    subgraphUrls: { ...env.stack.subgraphUrls, products: `${proxy.url}/graphql` },
    subgraphSecret: env.stack.subgraphSecret,
    partners: { ...partners.edge, plugins: [...(partners.edge.plugins ?? []), createTraceLogPlugin(pino({ level: 'debug' }, sink))] },
  });
  gateway = await listenGraphQL(built.server, { port: 0, context: built.context, extraRoutes: built.extraRoutes });
});
afterAll(async () => {
  await gateway?.stop();
  await partners?.stop();
  await proxy?.close();
  await env?.stack.stop();
  await collector?.close();
  if (previousEndpoint === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = previousEndpoint;
});

describe('tracing: W3C trace context from the caller through the gateway to the subgraphs', () => {
  it("continues the caller's trace: subgraph requests carry its trace id under the gateway's own spans", async () => {
    const response = await post(
      gateway.url,
      { query: `query Page { product(id: "${HEADPHONES}") { sku price(country: DE) { taxIncluded } } }` },
      { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    );
    expect(response.body.data.product.sku).toBe('ELE-ANC-BLA');
    expect(response.headers.get('x-trace-id')).toBe(TRACE_ID);
    expect(traceparents.length).toBeGreaterThan(0);
    for (const header of traceparents) {
      const [version, traceId, parentSpan, flags] = header.split('-');
      expect([version, traceId, flags]).toEqual(['00', TRACE_ID, '01']);
      expect(parentSpan).toMatch(/^[0-9a-f]{16}$/);
      expect(parentSpan).not.toBe(CALLER_SPAN);
    }
  });

  it('starts a trace when the caller sends none, and says which in x-trace-id', async () => {
    traceparents.length = 0;
    const response = await post(gateway.url, { query: `{ product(id: "${HEADPHONES}") { sku } }` });
    const traceId = response.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe(TRACE_ID);
    expect(traceparents.map((header) => header.split('-')[1])).toEqual([traceId]);
  });

  it('exports the spans over OTLP/HTTP when an endpoint is configured', async () => {
    await partners.telemetry!.forceFlush();
    const spans = exported.flatMap((body) =>
      body.resourceSpans.flatMap((resource: any) => resource.scopeSpans.flatMap((scope: any) => scope.spans)),
    );
    const ours = spans.filter((span: any) => span.traceId === TRACE_ID);
    const names = ours.map((span: any) => span.name);
    expect(names).toContain('graphql.request');
    expect(names).toContain('gateway.request');
    expect(names).toContain('gateway.fetch');
    const request = ours.find((span: any) => span.name === 'graphql.request' && span.parentSpanId === CALLER_SPAN);
    expect(request).toBeDefined();
    // The trace goes on into the subgraphs: each one's request span hangs under a gateway span of the same trace,
    // and the MongoDB commands the subgraph sent for it hang under that.
    const subgraphRequests = ours.filter((span: any) => span.name === 'graphql.request' && span.parentSpanId !== CALLER_SPAN);
    expect(subgraphRequests.length).toBeGreaterThanOrEqual(2); // products (by id) and pricing (the price)
    const gatewaySpanIds = new Set(
      ours.filter((span: any) => span.name.startsWith('gateway.') || span.name === 'graphql.request').map((span: any) => span.spanId),
    );
    for (const span of subgraphRequests) expect(gatewaySpanIds.has(span.parentSpanId), span.name).toBe(true);
    const commands = ours.filter((span: any) => span.name.startsWith('mongodb.'));
    expect(commands.map((span: any) => span.name)).toContain('mongodb.find products');
    const subgraphSpanIds = new Set(subgraphRequests.map((span: any) => span.spanId));
    for (const command of commands) expect(subgraphSpanIds.has(command.parentSpanId), command.name).toBe(true);
    const service = exported[0].resourceSpans[0].resource.attributes.find((attribute: any) => attribute.key === 'service.name');
    expect(service.value.stringValue).toBe('meridian-gateway');
  });

  it('writes the trace id into the log lines of the request', async () => {
    await post(gateway.url, { query: '{ product(id: "nope") { sku } }' }, { traceparent: `00-${'a'.repeat(32)}-${CALLER_SPAN}-01` });
    const lines = logLines.filter((line) => line.trace_id === 'a'.repeat(32));
    expect(lines.map((line) => line.msg)).toEqual(['request had errors', 'request']);
    expect(lines[0]).toMatchObject({ level: 40, codes: ['BAD_USER_INPUT'], client: 'anonymous' });
  });
});
