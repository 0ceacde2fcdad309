import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../../subgraphs/common/config.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';
import { SIGNATURE_HEADER, signBody } from '../../subgraphs/common/request-signature.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Where a server's `/health` is, given its GraphQL URL. */
const healthOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/health');

/** Sends a raw request and returns status, content type and the parsed JSON body. */
async function send(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: JSON.parse(text) };
}

/** A 4xx answer a client can act on: a GraphQL error with a code and a message, no data, no stack trace. */
function expectClientError(answer: Awaited<ReturnType<typeof send>>, status: number, code: string, message: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
  expect(answer.text).not.toMatch(/stacktrace|\bat .*\.(ts|js):\d+|node_modules/);
}

describe('GET /health', () => {
  it('reports the gateway up', async () => {
    const answer = await send(healthOf(stack.gatewayUrl), { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it.each(SUBGRAPH_NAMES)('reports the %s subgraph up, having pinged its database', async (name) => {
    const answer = await send(healthOf(stack.subgraphUrls[name]), { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', subgraph: name });
  });
});

describe('requests that are not GraphQL over JSON', () => {
  const markets = JSON.stringify({ query: '{ markets { country } }' });

  it('a body that is not valid JSON is a 400 BAD_USER_INPUT saying so', async () => {
    const answer = await send(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ product',
    });
    expectClientError(answer, 400, 'BAD_USER_INPUT', /^Request body is not valid JSON$/);
  });

  it('a subgraph answers invalid JSON the same way', async () => {
    const answer = await send(stack.subgraphUrls.products, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, '{,}') },
      body: '{,}',
    });
    expectClientError(answer, 400, 'BAD_USER_INPUT', /^Request body is not valid JSON$/);
  });

  it('a text/plain POST is refused as a possible cross-site request, not executed', async () => {
    const answer = await send(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: markets });
    expectClientError(answer, 400, 'BAD_REQUEST', /Cross-Site Request Forgery/);
  });

  it('a form-encoded POST is refused the same way', async () => {
    const answer = await send(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20markets%20%7B%20country%20%7D%20%7D',
    });
    expectClientError(answer, 400, 'BAD_REQUEST', /Cross-Site Request Forgery/);
  });

  it('an XML body, an empty JSON body and a JSON array are 400 BAD_REQUEST', async () => {
    const xml = await send(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expectClientError(xml, 400, 'BAD_REQUEST', /invalid Content-Type/);
    const empty = await send(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
    expectClientError(empty, 400, 'BAD_REQUEST', /POST body missing/);
    const batch = await send(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `[${markets}]` });
    expectClientError(batch, 400, 'BAD_REQUEST', /batching disabled/);
  });

  it('a PUT is 405 naming the methods that work', async () => {
    const answer = await send(stack.gatewayUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: markets });
    expectClientError(answer, 405, 'BAD_REQUEST', /GET\/POST/);
  });

  it('the same operation sent properly as JSON is answered', async () => {
    const answer = await send(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: markets });
    expect(answer.status).toBe(200);
    expect(answer.body.data.markets.map((market: { country: string }) => market.country)).toEqual([
      'AE',
      'AT',
      'AU',
      'BE',
      'BG',
      'CA',
      'CH',
      'CY',
      'CZ',
      'DE',
      'DK',
      'EE',
      'ES',
      'FI',
      'FR',
      'GB',
      'GR',
      'HR',
      'HU',
      'IE',
      'IT',
      'JP',
      'KR',
      'KW',
      'LT',
      'LU',
      'LV',
      'MT',
      'NL',
      'NO',
      'PL',
      'PT',
      'RO',
      'SE',
      'SG',
      'SI',
      'SK',
      'US',
    ]);
  });
});

describe('forwarded market headers are capped at 256 characters', () => {
  const query = '{ product(sku: "APP-TEE-NAV") { content { locale title } } }';
  /** `de-DE` first, padded with low-weight entries to exactly `length` characters. */
  function acceptLanguageOf(length: number): string {
    let header = 'de-DE';
    for (let i = 0; header.length + 12 <= length; i += 1) header += `, x${String(i).padStart(2, '0')};q=0.1`;
    header += ','.padEnd(length - header.length, ' ');
    return header.slice(0, length - 1) + 'a';
  }

  it('a 256-character Accept-Language reaches the subgraphs: German text', async () => {
    const header = acceptLanguageOf(256);
    expect(header).toHaveLength(256);
    const response = await graphql(stack.gatewayUrl, query, {}, { 'accept-language': header });
    expect(response.errors).toBeUndefined();
    expect(response.data.product.content).toEqual({ locale: 'de', title: 'T-Shirt aus Bio-Baumwolle, Marineblau' });
  });

  it('a 257-character one is dropped by the gateway: the default, English', async () => {
    const header = acceptLanguageOf(257);
    expect(header).toHaveLength(257);
    const response = await graphql(stack.gatewayUrl, query, {}, { 'accept-language': header });
    expect(response.errors).toBeUndefined();
    expect(response.data.product.content).toEqual({ locale: 'en', title: 'Organic Cotton Tee, Navy' });
  });
});
