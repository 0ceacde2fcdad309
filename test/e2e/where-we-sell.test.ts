import isoCountries from 'i18n-iso-countries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableObjectIdHex } from '../../subgraphs/common/ids.ts';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack, type GraphQLResponse } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const TEE = stableObjectIdHex('APP-TEE-NAV');
/** Every ISO 3166-1 alpha-2 country the CountryCode scalar accepts. */
const ALL_COUNTRIES = Object.keys(isoCountries.getAlpha2Codes()).sort();
// Three aliases per country (price, delivery, quote) and the gateway allows 50 aliases per operation: 16 countries
// a request, so 249 countries take 17 requests rather than 747.
const COUNTRIES_PER_REQUEST = 16;

type Answer = 'answers' | 'NOT_SOLD' | string;

/** The same product's price, delivery and a one-line quote, for each of `countries`, in one request. */
function operationFor(countries: readonly string[]): string {
  const productFields = countries.map(
    (country) => `p${country}: price(country: ${country}) { amount { amount } } d${country}: delivery(shipTo: ${country}) { shipTo }`,
  );
  const quotes = countries.map(
    (country) => `q${country}: quote(lines: [{ productId: "${TEE}", quantity: 1 }], shipTo: { country: ${country} }) { total { amount } }`,
  );
  return `{ product(id: "${TEE}") { ${productFields.join(' ')} } ${quotes.join(' ')} }`;
}

/** What each field answered per country: a value, NOT_SOLD, or the unexpected error's code and reason. */
function answersOf(
  response: GraphQLResponse,
  countries: readonly string[],
): Record<string, [price: Answer, delivery: Answer, quote: Answer]> {
  const errorAt = (path: readonly (string | number)[]) => {
    const error = response.errors?.find((candidate) => path.every((key, index) => candidate.path?.[index] === key));
    if (!error) return 'no value and no error';
    return error.extensions?.['reason'] === 'NOT_SOLD' &&
      error.extensions?.['code'] === 'BAD_USER_INPUT' &&
      error.extensions?.['country'] === path.at(-1)?.toString().slice(1)
      ? 'NOT_SOLD'
      : `${String(error.extensions?.['code'])}/${String(error.extensions?.['reason'])}: ${error.message}`;
  };
  const product = response.data?.product ?? {};
  return Object.fromEntries(
    countries.map((country) => [
      country,
      [
        product[`p${country}`] ? 'answers' : errorAt(['product', `p${country}`]),
        product[`d${country}`]?.shipTo === country ? 'answers' : errorAt(['product', `d${country}`]),
        response.data?.[`q${country}`]?.total ? 'answers' : errorAt([`q${country}`]),
      ],
    ]),
  );
}

describe('one truth about where we sell', () => {
  it('for every ISO 3166-1 country, price, delivery and quote all answer (a market) or all fail with NOT_SOLD', async () => {
    const markets = await graphql<{ markets: { country: string }[] }>(stack.gatewayUrl, '{ markets { country } }');
    const sold = new Set(markets.data!.markets.map((market) => market.country));
    expect(sold.size).toBe(38);

    // `Query.quote` is non-null (products' schema), so one refused quote nulls the whole response: countries we
    // sell to and countries we do not are asked in separate requests, so that each field's own answer shows.
    const batches: string[][] = [];
    for (const group of [ALL_COUNTRIES.filter((country) => sold.has(country)), ALL_COUNTRIES.filter((country) => !sold.has(country))]) {
      for (let start = 0; start < group.length; start += COUNTRIES_PER_REQUEST)
        batches.push(group.slice(start, start + COUNTRIES_PER_REQUEST));
    }
    const answers: Record<string, [Answer, Answer, Answer]> = {};
    // One batch at a time: the machine is shared, and 16 requests in sequence take a few seconds.
    for (const countries of batches) {
      const response = await graphql(stack.gatewayUrl, operationFor(countries));
      expect(response.status, countries.join(',')).toBe(200);
      Object.assign(answers, answersOf(response, countries));
    }

    expect(ALL_COUNTRIES.length).toBeGreaterThanOrEqual(249);
    const expected = Object.fromEntries(
      ALL_COUNTRIES.map((country) => [
        country,
        sold.has(country) ? ['answers', 'answers', 'answers'] : ['NOT_SOLD', 'NOT_SOLD', 'NOT_SOLD'],
      ]),
    );
    expect(answers).toEqual(expected);
  }, 120_000);

  it('prices and plans delivery of every catalog product in every market, without an error', async () => {
    const markets = await graphql<{ markets: { country: string }[] }>(stack.gatewayUrl, '{ markets { country } }');
    const countries = markets.data!.markets.map((market) => market.country);
    // Six markets per request keeps each request's cost (one fetch per aliased field, a small weight per item) within the gateway's per-operation limit.
    const perRequest = 6;
    const unanswered: string[] = [];
    let priced = 0;
    for (let start = 0; start < countries.length; start += perRequest) {
      const batch = countries.slice(start, start + perRequest);
      const fields = batch.map(
        (country) =>
          `p${country}: price(country: ${country}) { amount { amount currencyCode } } d${country}: delivery(shipTo: ${country}) { shippable reason }`,
      );
      const response = await graphql<{ products: { nodes: Record<string, any>[] } }>(
        stack.gatewayUrl,
        `{ products(first: 60) { nodes { sku ${fields.join(' ')} } } }`,
      );
      expect(response.errors, batch.join(',')).toBeUndefined();
      for (const product of response.data!.products.nodes) {
        for (const country of batch) {
          if (product[`p${country}`]) priced++;
          else unanswered.push(`${product['sku']} price ${country}`);
          if (!product[`d${country}`]) unanswered.push(`${product['sku']} delivery ${country}`);
        }
      }
    }
    expect(unanswered).toEqual([]);
    expect(priced).toBe(51 * countries.length);
  }, 120_000);

  it('names the country and where to look, the same way from pricing and from fulfillment', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      `{ product(id: "${TEE}") { price(country: CU) { amount { amount } } delivery(shipTo: CU) { shippable } } }`,
    );
    expect(response.data).toEqual({ product: { price: null, delivery: null } });
    const errors = response.errors?.map(({ message, path, extensions }) => ({
      message,
      path,
      code: extensions?.['code'],
      reason: extensions?.['reason'],
    }));
    expect(errors?.sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([
      {
        message: 'We do not sell to CU; Query.markets lists the countries we sell to',
        path: ['product', 'delivery'],
        code: 'BAD_USER_INPUT',
        reason: 'NOT_SOLD',
      },
      {
        message: 'We do not sell to CU; Query.markets lists the countries we sell to',
        path: ['product', 'price'],
        code: 'BAD_USER_INPUT',
        reason: 'NOT_SOLD',
      },
    ]);
  });
});
