import { readFileSync } from 'node:fs';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cacheHintsFromSupergraph, cachePolicyOf } from '../../../gateway/cache-hints.ts';
import { SUPERGRAPH_FILE } from '../../../gateway/gateway.ts';
import { entityTagOf, matchesIfNoneMatch, persistedGetWithoutPreflight, withHttpCaching } from '../../../gateway/http-caching.ts';
import { apiSchemaOf } from '../../../scripts/api-schema.ts';

const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = apiSchemaOf(supergraph);
const hints = cacheHintsFromSupergraph(supergraph, { pricesMaxAgeS: 60, contentMaxAgeS: 3_600 });
const policy = (text: string) => cachePolicyOf(parse(text), schema, hints);

describe('cache hints from the supergraph', () => {
  it('gives content the long bound and names only the subgraphs read (entity keys are identities, not reads)', () => {
    expect(policy('{ localization(locale: "fr-CH") { languages { locale name } } }')).toEqual({ maxAgeS: 3_600, graphs: ['localization'] });
    expect(policy('{ product(id: "p1") { id } }')).toEqual({ maxAgeS: 3_600, graphs: ['products'] });
  });

  it('gives the short bound to any answer with a price, a rate or stock in it, wherever it sits', () => {
    expect(
      policy('{ products(first: 2) { nodes { id content(locale: "de-DE") { title } price(country: DE) { amount { amount } } } } }'),
    ).toEqual({
      maxAgeS: 60,
      graphs: ['localization', 'pricing', 'products'],
    });
    expect(policy('{ fxRates { __typename } }').maxAgeS).toBe(60);
    expect(policy('fragment D on Product { delivery(shipTo: DE) { shippable } } { product(id: "p1") { ...D } }')).toEqual({
      maxAgeS: 60,
      graphs: ['fulfillment', 'products'],
    });
  });

  it("never caches a quote: one shopper's cart, whose input can carry their address and customs code", () => {
    expect(
      policy('query Q($shipTo: ShipToInput!) { quote(lines: [{ productId: "p1", quantity: 1 }], shipTo: $shipTo) { id } }').maxAgeS,
    ).toBe(0);
  });

  it('never caches introspection', () => {
    expect(policy('{ __schema { queryType { name } } }').maxAgeS).toBe(0);
    expect(policy('{ product(id: "p1") { id } __type(name: "Product") { name } }').maxAgeS).toBe(0);
  });

  it('follows the configured tiers', () => {
    const short = cacheHintsFromSupergraph(supergraph, { pricesMaxAgeS: 3, contentMaxAgeS: 600 });
    expect(cachePolicyOf(parse('{ markets { country } }'), schema, short).maxAgeS).toBe(3);
    expect(cachePolicyOf(parse('{ product(id: "p1") { brand } }'), schema, short).maxAgeS).toBe(600);
  });
});

describe('HTTP caching at the edge', () => {
  const request = (headers: Record<string, string> = {}) => ({
    method: 'GET',
    headers: new HeaderMap(Object.entries(headers)),
    search: '?documentId=sha256:abc',
    body: undefined,
  });
  const answer = (cacheControl?: string): HTTPGraphQLResponse => {
    const headers = new HeaderMap([['content-type', 'application/json']]);
    if (cacheControl) headers.set('cache-control', cacheControl);
    return { status: 200, headers, body: { kind: 'complete', string: '{"data":{"x":1}}' } };
  };

  it('tags a public answer with the SHA-256 of its body and answers 304 without body when If-None-Match names it', () => {
    const tag = entityTagOf('{"data":{"x":1}}');
    expect(tag).toBe('"ZLTf3mHOHtEjorLapHs1vSgMe9UxPspOA3NCJ880eEo"');
    expect(withHttpCaching(request(), answer('public, max-age=60')).headers.get('etag')).toBe(tag);
    const notModified = withHttpCaching(request({ 'if-none-match': `W/"x", ${tag}` }), answer('public, max-age=60'));
    expect(notModified.status).toBe(304);
    expect(notModified.body).toEqual({ kind: 'complete', string: '' });
    expect(notModified.headers.get('cache-control')).toBe('public, max-age=60');
    expect(matchesIfNoneMatch('"other"', tag)).toBe(false);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
  });

  it('marks every other answer private, no-store, without a tag', () => {
    const answered = withHttpCaching(request({ 'if-none-match': '*' }), answer());
    expect(answered.status).toBe(200);
    expect(answered.headers.get('cache-control')).toBe('private, no-store');
    expect(answered.headers.get('etag')).toBeUndefined();
  });

  it('lets only GETs of a registered document past CSRF prevention, without touching the caller’s headers', () => {
    const get = request();
    const passed = persistedGetWithoutPreflight(get);
    expect(passed.headers.get('apollo-require-preflight')).toBe('registered-document');
    expect(get.headers.get('apollo-require-preflight')).toBeUndefined();
    const posted = { ...request(), method: 'POST' };
    expect(persistedGetWithoutPreflight(posted)).toBe(posted);
  });
});
