import { XMLParser } from 'fast-xml-parser';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyModel, createApiKey } from '../../gateway/api-keys.ts';
import { FEED_ATTRIBUTES, feedItemProblems, REQUIRED_ATTRIBUTES, type FeedItem } from '../../gateway/feeds/merchant-center-spec.ts';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { graphql, startTestStack, type TestStack } from './stack.ts';

// Feeds are served behind the partner key scopes: keys are required here (MERIDIAN_REQUIRE_API_KEY=1), as in production.
let stack: TestStack;
let feedsKey: string;
let otherKey: string;
const previous = process.env.MERIDIAN_REQUIRE_API_KEY;
beforeAll(async () => {
  process.env.MERIDIAN_REQUIRE_API_KEY = '1';
  stack = await startTestStack({ rateLimit: false });
  const connection = await mongoose
    .createConnection(stack.mongodbUri, { dbName: databaseNameOf('gateway', { MERIDIAN_DB_PREFIX: stack.databasePrefix }) })
    .asPromise();
  try {
    feedsKey = (await createApiKey(apiKeyModel(connection), { client: 'comparison-site', scopes: ['feeds'], costBudget: 10_000_000 })).key;
    otherKey = (await createApiKey(apiKeyModel(connection), { client: 'storefront', costBudget: 10_000_000 })).key;
  } finally {
    await connection.close();
  }
});
afterAll(async () => {
  await stack?.stop();
  if (previous === undefined) delete process.env.MERIDIAN_REQUIRE_API_KEY;
  else process.env.MERIDIAN_REQUIRE_API_KEY = previous;
});

const feedUrl = (name: string) => stack.gatewayUrl.replace(/\/graphql$/, `/feeds/${name}`);
const getFeed = (name: string, key?: string) => fetch(feedUrl(name), { headers: key ? { 'x-api-key': key } : {} });

function parseTsv(text: string): { header: string[]; items: FeedItem[] } {
  const [headerLine, ...lines] = text.trimEnd().split('\n');
  const header = headerLine!.split('\t');
  const items = lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.flatMap((name, index) => (cells[index] ? [[name, cells[index]]] : []))) as FeedItem;
  });
  return { header, items };
}

const PAGE = /* GraphQL */ `
  query Page($sku: String!, $country: CountryCode!, $locale: Locale!) {
    product(sku: $sku) {
      content(locale: $locale) { title }
      alternates { url country locale }
      price(country: $country) { amount { amount currencyCode } compareAt { amount currencyCode } }
    }
  }
`;

/** What the product page of `sku` shows in `country` and `locale`, read through the gateway like a storefront. */
async function productPage(sku: string, country: string, locale: string) {
  const response = await graphql(stack.gatewayUrl, PAGE, { sku, country, locale }, { 'x-api-key': feedsKey });
  expect(response.errors).toBeUndefined();
  return response.data.product;
}

const money = (value: { amount: string; currencyCode: string }) => `${value.amount} ${value.currencyCode}`;

describe('product feeds per market and language, behind the "feeds" key scope', () => {
  it('refuses a request without a key (401) and a key without the "feeds" scope (403)', async () => {
    expect((await getFeed('CH-de.tsv')).status).toBe(401);
    const forbidden = await getFeed('CH-de.tsv', otherKey);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('no "feeds" scope');
  });

  it('serves the Swiss German feed as TSV: every item has the specification’s required attributes, at the product page’s price and link', async () => {
    const response = await getFeed('CH-de.tsv', feedsKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/tab-separated-values/);
    const { header, items } = parseTsv(await response.text());
    expect(header).toEqual([...FEED_ATTRIBUTES]);
    expect(header).toEqual(expect.arrayContaining([...REQUIRED_ATTRIBUTES]));
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(feedItemProblems(item), item.id).toEqual([]);

    for (const item of items.slice(0, 8)) {
      const page = await productPage(item.id!, 'CH', 'de');
      expect(item.title).toBe(page.content.title);
      expect(item.link).toBe(
        page.alternates.find((alternate: { country: string; locale: string }) => alternate.country === 'CH' && alternate.locale === 'de')
          .url,
      );
      // Switzerland shows prices without the VAT the carrier collects: the feed's figure is the page's.
      expect(item.price).toBe(money(page.price.compareAt ?? page.price.amount));
      expect(item.price).toMatch(/ CHF$/);
    }
    // The headphones have a German page; products with no German text would be in another language: left out.
    expect(items.map((item) => item.id)).toContain('ELE-ANC-BLA');
  });

  it('serves the German feed as XML with sales, their end, and unit prices where the law asks for them', async () => {
    const response = await getFeed('de-de.xml', feedsKey);
    expect(response.status).toBe(200);
    const parsed = new XMLParser({ parseTagValue: false }).parse(await response.text());
    const items = ([] as Record<string, string>[])
      .concat(parsed.rss.channel.item)
      .map((item) =>
        Object.fromEntries(Object.entries(item).map(([name, value]) => [name.replace(/^g:/, ''), String(value)])),
      ) as FeedItem[];
    for (const item of items) expect(feedItemProblems(item), item.id).toEqual([]);

    const merino = items.find((item) => item.id === 'APP-MERINO-OLI')!;
    const page = await productPage('APP-MERINO-OLI', 'DE', 'de');
    expect(page.price.compareAt).not.toBeNull();
    // On sale: `price` is the reference price the page strikes through (the EU's 30-day lowest), `sale_price` what is paid.
    expect(merino).toMatchObject({ price: money(page.price.compareAt), sale_price: money(page.price.amount) });
    expect(merino.sale_price_effective_date).toMatch(/^\d{4}-\d{2}-\d{2}T.*\/\d{4}-\d{2}-\d{2}T/);

    // Germany asks for the price per kilogram of goods sold by weight (PAngV § 4): a 250 g pack of coffee.
    expect(items.find((item) => item.id === 'PAN-COFFEE-250')).toMatchObject({
      unit_pricing_measure: '250 g',
      unit_pricing_base_measure: '1 kg',
    });
    expect(items.every((item) => item.shipping?.startsWith('DE::'))).toBe(true);
  });

  it('names the feeds there are when asked for one that is not', async () => {
    const response = await getFeed('CH-ja.tsv', feedsKey);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/feeds are .*CH-de.*CH-fr/);
  });
});
