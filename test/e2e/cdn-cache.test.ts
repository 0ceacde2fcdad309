import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/gateway.ts';
import { startPartnerServices } from '../../gateway/partners.ts';
import { documentIdOf } from '../../gateway/trusted-documents.ts';
import { listenGraphQL } from '../../subgraphs/common/http.ts';
import { persistedQueryUrl as persistedUrl, type RunningVarnish, startVarnish, varnishMissing } from '../../scripts/varnish.ts';
import { E2E_NOW } from './stack.ts';
import { post, REPO_ROOT, startPartnerTestStack, type PartnerTestStack } from './partners-stack.ts';

// The gateway behind a real Varnish started by this file on loopback, with the example VCL of the README.
const missing = varnishMissing();
if (missing.length > 0) {
  console.warn(`cdn-cache.test.ts skipped: ${missing.join(' and ')} missing (apt-get install -y varnish varnish-modules)`);
}

// Short bounds so the test sees a price change reach the cache: prices 3 s, content 10 min.
const PRICES_MAX_AGE_S = 3;
const CONTENT_MAX_AGE_S = 600;

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/partner/src/gql/persisted-documents.json'), 'utf8')) as Record<
  string,
  string
>;
const documentNamed = (name: string) => {
  const entry = Object.entries(manifest).find(([, text]) => text.startsWith(`query ${name}(`));
  if (!entry) throw new Error(`no ${name} in the example manifest`);
  return entry[0];
};
const LISTING = documentNamed('ProductListing');
const SWITCHER = documentNamed('LocalizationSwitcher');

let env: PartnerTestStack;
let varnish: RunningVarnish;
let cacheUrl: string;
let metricsUrl: string;
let partnerKey: string;

/** How many requests for `operation` the gateway has answered, for any client (its own Prometheus counter). */
async function gatewayRequests(operation: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const lines = text
    .split('\n')
    .filter((row) => row.startsWith('meridian_gateway_requests_total{') && row.includes(`operation="${operation}"`));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe.skipIf(missing.length > 0)('the gateway behind a real cache (Varnish)', () => {
  beforeAll(async () => {
    env = await startPartnerTestStack({ cacheTiers: { pricesMaxAgeS: PRICES_MAX_AGE_S, contentMaxAgeS: CONTENT_MAX_AGE_S } });
    const gatewayUrl = new URL(env.stack.gatewayUrl);
    metricsUrl = `${gatewayUrl.origin}/metrics`;
    const created = await env.cli('scripts/keys.ts', ['create', '--client', 'acme', '--json']);
    expect(created.code, created.stderr).toBe(0);
    partnerKey = JSON.parse(created.stdout).key;
    varnish = await startVarnish(Number(gatewayUrl.port));
    cacheUrl = varnish.url;
  }, 60_000);
  afterAll(async () => {
    await varnish?.stop();
    await env?.stack.stop();
  });

  it('serves a warm persisted GET from the cache: the gateway sees the first request only, and a matching If-None-Match gets a 304', async () => {
    const url = persistedUrl(cacheUrl, SWITCHER, { locale: 'fr-CH', country: 'CH' });
    const before = await gatewayRequests('LocalizationSwitcher');
    const first = await get(url);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.localization.country.code).toBe('CH');
    // The operation's cost is content; the caller's remaining budget is not, and a shared cache must not keep it.
    expect(first.body.extensions.cost).toEqual({ requestedQueryCost: expect.any(Number), maximumQueryCost: expect.any(Number) });
    expect(first.headers.get('x-cache')).toBe('MISS');
    // Content only: the content bound, and the purge key of the subgraph it reads.
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${CONTENT_MAX_AGE_S}`);
    expect(first.headers.get('vary')).toBe('accept, accept-language, x-ship-to-country');
    expect(first.headers.get('xkey')).toBe('meridian meridian-localization');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);

    const second = await get(url);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toBe(etag);
    const notModified = await get(url, { 'if-none-match': etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(await gatewayRequests('LocalizationSwitcher')).toBe(before + 1);

    // Another language is another answer: the cache keys on accept-language, as Vary says.
    const german = await get(persistedUrl(cacheUrl, SWITCHER, { locale: 'de-CH', country: 'CH' }), { 'accept-language': 'de-CH' });
    expect(german.headers.get('x-cache')).toBe('MISS');
    expect(await gatewayRequests('LocalizationSwitcher')).toBe(before + 2);
  });

  it('answers 304 itself to an If-None-Match naming the current answer, and 200 with the answer otherwise', async () => {
    const url = persistedUrl(env.stack.gatewayUrl, SWITCHER, { locale: 'it-CH', country: 'CH' });
    const fresh = await get(url);
    const etag = fresh.headers.get('etag')!;
    const conditional = await get(url, { 'if-none-match': `"other", ${etag}` });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('etag')).toBe(etag);
    expect(conditional.headers.get('cache-control')).toBe(`public, max-age=${CONTENT_MAX_AGE_S}`);
    // Requests in between spend the caller's budget; the answer (and so its tag) does not move with it.
    const stale = await get(url, { 'if-none-match': '"an-older-answer"' });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(fresh.text);
    // The trusted-document id form names the same registered query: the same answer, the same tag.
    const byId = await get(
      `${env.stack.gatewayUrl}?documentId=${SWITCHER}&variables=${encodeURIComponent(JSON.stringify({ locale: 'it-CH', country: 'CH' }))}`,
    );
    expect(byId.status).toBe(200);
    expect(byId.headers.get('etag')).toBe(etag);
  });

  it('shows a changed price once the price bound has passed, and a purge by xkey drops cached answers at once', async () => {
    const variables = { country: 'DE', first: 1, locale: 'de-DE' };
    const url = persistedUrl(cacheUrl, LISTING, variables);
    const filled = await get(url);
    const filledAt = Date.now();
    expect(filled.headers.get('cache-control')).toBe(`public, max-age=${PRICES_MAX_AGE_S}`);
    expect(filled.headers.get('xkey')).toBe('meridian meridian-localization meridian-pricing meridian-products');
    const product = filled.body.data.products.nodes[0];
    const oldPrice = product.price.amount.formatted as string;

    const changed = await env.cli('scripts/prices.ts', ['set', '--sku', product.sku, '--country', 'DE', '--amount', '987.65'], {
      MERIDIAN_NOW: E2E_NOW,
    });
    expect(changed.code, changed.stderr).toBe(0);
    // The gateway itself answers the new price at once; the cache may hold the old one for the bound, not longer.
    const direct = await get(persistedUrl(env.stack.gatewayUrl, LISTING, variables));
    const newPrice = direct.body.data.products.nodes[0].price.amount.formatted as string;
    expect(newPrice).not.toBe(oldPrice);
    const waitMs = filledAt + PRICES_MAX_AGE_S * 1_000 + 100 - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    const after = await get(url);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.data.products.nodes[0].price.amount.formatted).toBe(newPrice);
    expect(after.headers.get('etag')).not.toBe(filled.headers.get('etag'));

    // The content answer cached for 10 minutes read localization only: a pricing purge leaves it, a localization purge drops it.
    const switcher = persistedUrl(cacheUrl, SWITCHER, { locale: 'fr-CH', country: 'CH' });
    expect((await get(switcher)).headers.get('x-cache')).toBe('HIT');
    expect((await fetch(cacheUrl, { method: 'PURGE', headers: { 'xkey-purge': 'meridian-pricing' } })).status).toBe(200);
    expect((await get(switcher)).headers.get('x-cache')).toBe('HIT');
    expect((await get(url)).headers.get('x-cache')).toBe('MISS');
    expect((await fetch(cacheUrl, { method: 'PURGE', headers: { 'xkey-purge': 'meridian-localization' } })).status).toBe(200);
    expect((await get(switcher)).headers.get('x-cache')).toBe('MISS');
  });

  it('caches nothing personal: partner-keyed GETs and POSTs reach the gateway every time, marked private, no-store', async () => {
    const url = persistedUrl(cacheUrl, SWITCHER, { locale: 'en-GB', country: 'GB' });
    const before = await gatewayRequests('LocalizationSwitcher');
    for (let i = 0; i < 2; i++) {
      const keyed = await get(url, { 'x-api-key': partnerKey });
      expect(keyed.status).toBe(200);
      expect(keyed.headers.get('x-cache')).toBe('MISS');
      expect(keyed.headers.get('cache-control')).toBe('private, no-store');
      expect(keyed.headers.get('etag')).toBeNull();
    }
    const text = manifest[SWITCHER]!;
    for (let i = 0; i < 2; i++) {
      const posted = await post(cacheUrl, { query: text, variables: { locale: 'en-GB', country: 'GB' } });
      expect(posted.status).toBe(200);
      expect(posted.headers.get('cache-control')).toBe('private, no-store');
    }
    expect(await gatewayRequests('LocalizationSwitcher')).toBe(before + 4);
    // A quote is one shopper's cart: never kept, even as an anonymous persisted GET.
    const listing = await get(persistedUrl(cacheUrl, LISTING, { country: 'DE', first: 1, locale: 'de-DE' }));
    const productId = listing.body.data.products.nodes[0].id as string;
    const quoteUrl = persistedUrl(cacheUrl, documentNamed('CartQuote'), {
      country: 'DE',
      lines: [{ productId, quantity: 2 }],
      locale: 'de-DE',
    });
    for (let i = 0; i < 2; i++) {
      const quote = await get(quoteUrl);
      expect(quote.body.errors).toBeUndefined();
      expect(quote.body.data.quote.total.currencyCode).toBe('EUR');
      expect(quote.headers.get('x-cache')).toBe('MISS');
      expect(quote.headers.get('cache-control')).toBe('private, no-store');
    }
    // The anonymous GET of the same document is still a miss: no keyed answer was stored for it.
    expect((await get(url)).headers.get('x-cache')).toBe('MISS');
  });

  it('keeps CSRF prevention for GETs with operation text, and never runs a mutation by GET, registered or not', async () => {
    const text = manifest[SWITCHER]!;
    const params = `query=${encodeURIComponent(text)}&variables=${encodeURIComponent(JSON.stringify({ locale: 'en-GB' }))}`;
    const blocked = await get(`${env.stack.gatewayUrl}?${params}`);
    expect(blocked.status).toBe(400);
    expect(blocked.body.errors[0].message).toContain('Cross-Site Request Forgery');
    expect((await get(`${env.stack.gatewayUrl}?${params}`, { 'apollo-require-preflight': 'true' })).status).toBe(200);

    const mutation =
      'mutation Confirm($quoteId: ID!, $fxLockId: ID!) { confirmCheckout(quoteId: $quoteId, fxLockId: $fxLockId) { __typename } }';
    const file = join(varnish.workDir, 'mutation.json');
    writeFileSync(file, JSON.stringify({ [documentIdOf(mutation)]: mutation }));
    const registered = await env.cli('scripts/documents.ts', ['register', file, '--all-clients']);
    expect(registered.code, registered.stderr).toBe(0);
    const refused = await get(persistedUrl(cacheUrl, documentIdOf(mutation), { quoteId: 'q1', fxLockId: 'l1' }));
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
    expect(refused.headers.get('cache-control')).toBe('private, no-store');
    expect(refused.body.errors[0]).toMatchObject({
      message: 'GET requests only support query operations, not mutation operations',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('answers anonymous persisted GETs on a gateway that requires keys, and nothing else anonymous', async () => {
    const partners = await startPartnerServices({
      mongodbUri: env.stack.mongodbUri,
      env: { MERIDIAN_DB_PREFIX: env.prefix },
      usage: false,
      metrics: false,
    });
    const gateway = createGateway({
      subgraphUrls: env.stack.subgraphUrls,
      subgraphSecret: env.stack.subgraphSecret,
      partners: { ...partners.edge, requireApiKey: true },
    });
    const production = await listenGraphQL(gateway.server, { port: 0, context: gateway.context });
    try {
      const variables = { locale: 'en-GB', country: 'GB' };
      const persisted = await get(persistedUrl(production.url, SWITCHER, variables));
      expect(persisted.status).toBe(200);
      expect(persisted.headers.get('cache-control')).toBe('public, max-age=3600');
      const unauthenticated = { extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('x-api-key') };
      const posted = await post(production.url, { documentId: SWITCHER, variables });
      expect(posted.status).toBe(401);
      expect(posted.body.errors![0]).toMatchObject(unauthenticated);
      const text = `${production.url}?query=${encodeURIComponent(manifest[SWITCHER]!)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
      const withText = await get(text, { 'apollo-require-preflight': 'true' });
      expect(withText.status).toBe(401);
      const unregistered = await get(persistedUrl(production.url, documentIdOf('{ __typename }'), {}));
      expect(unregistered.status).toBe(401);
      expect(unregistered.body.errors[0]).toMatchObject(unauthenticated);
    } finally {
      await production.stop();
      await partners.stop();
    }
  });

  it('never caches an answer with errors', async () => {
    const url = persistedUrl(cacheUrl, LISTING, { country: 'XX', first: 1, locale: 'de-DE' });
    for (let i = 0; i < 2; i++) {
      const failed = await get(url);
      expect(failed.body.errors?.length).toBeGreaterThan(0);
      expect(failed.headers.get('x-cache')).toBe('MISS');
      expect(failed.headers.get('cache-control')).toBe('private, no-store');
    }
  });
});
