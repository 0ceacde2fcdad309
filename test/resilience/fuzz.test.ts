import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { startTestStack } from '../e2e/stack.ts';
import { SIGNATURE_HEADER, signBody } from '../../subgraphs/common/request-signature.ts';

// A property-based fuzz of the public schema's arguments and the market headers, against the real stack over
// HTTP: whatever a client sends, the answer is never a 5xx, never an INTERNAL_SERVER_ERROR, never a stack trace,
// and never echoes more than 64 characters of a value back. Bounded: a fixed number of runs per property and a
// time limit on each. Each test stands alone (any one can run by itself): the stack is started once for the file,
// and what a test checks about the database commands is recorded from its own requests only.
let stack: RunningStack;
let fuzzed = 0;
const statuses = new Map<number, number>();
/** Database commands sent during the current test. */
let commands = 0;
/** Database commands, during the current test, that carried one of the operator objects as an object (not as a string). */
const injected: string[] = [];
/** Of those, all the file's tests together, for the closing figures. */
let injectedInFile = 0;
const OPERATOR_OBJECTS = [{ $gt: '' }, { $where: 'sleep(1000)' }, { $ne: null }];
const OPERATOR_PAYLOADS = OPERATOR_OBJECTS.map((operator) => JSON.stringify(operator));

beforeAll(async () => {
  stack = await startTestStack({
    onDatabaseCommand: (command) => {
      commands++;
      const text = JSON.stringify(command);
      if (OPERATOR_PAYLOADS.some((payload) => text.includes(payload))) {
        injected.push(text.slice(0, 300));
        injectedInFile++;
      }
    },
  });
});
beforeEach(() => {
  commands = 0;
  injected.length = 0;
});
afterAll(async () => {
  console.info(
    'fuzz figures',
    JSON.stringify({ inputs: fuzzed, statuses: Object.fromEntries(statuses), operatorsReachingMongoDB: injectedInFile }),
  );
  await stack?.stop();
});

interface Sent {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs `payload`; to a subgraph, signed as the gateway signs (what reaches past the signature check is fuzzed). */
async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const body = JSON.stringify(payload);
  const signature: Record<string, string> = url === stack.gatewayUrl ? {} : { [SIGNATURE_HEADER]: signBody(stack.subgraphSecret, body) };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signature, ...headers },
    body,
  });
  const text = await response.text();
  fuzzed++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return { status: response.status, text, body: JSON.parse(text) };
}

/** The properties every answer has, whatever was sent. */
function expectWellBehaved(sent: Sent): void {
  expect(sent.status, sent.text.slice(0, 500)).toBeLessThan(500);
  expect(sent.text).not.toMatch(/stacktrace|\n\s+at |\\n\s+at /);
  for (const error of sent.body.errors ?? []) {
    expect(error.extensions?.code, error.message).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message.length).toBeLessThan(1_100);
    // No quoted value longer than 64 characters (plus the ellipsis and escapes), quotes paired left to right.
    for (const [, inner] of error.message.matchAll(/"((?:[^"\\]|\\.)*)"/g)) expect(inner!.length, error.message).toBeLessThan(72);
  }
}

/** Any JSON value a client could put in a variable, weighted towards strings that look almost right. */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'DE',
      'de',
      'JP',
      'XX',
      'DEU',
      '',
      ' DE ',
      'en-US',
      'zh-Hant-TW',
      '$gt',
      '{"$ne":null}',
      'WyJnYXJiYWdlIiwiQSJd',
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 2_000 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(...OPERATOR_OBJECTS, ['DE'], {}) },
);
const headerValue = fc.oneof(
  fc.constantFrom('DE', 'xx', '', 'de-DE,de;q=0.9', '*', 'zz-ZZ;q=abc'),
  fc.string({ maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);

const PAGE = `query Page($id: ID, $sku: String, $country: CountryCode, $shipTo: CountryCode, $locale: Locale) {
  product(id: $id, sku: $sku) { id sku content(locale: $locale) { title locale } price(country: $country) { amount { amount formatted } }
    delivery(shipTo: $shipTo) { shippable earliest text(locale: $locale) } }
}`;
const PAGE_FIXED_PRODUCT = `query Page($country: CountryCode, $shipTo: CountryCode, $locale: Locale) {
  product(sku: "APP-TEE-NAV") { sku content(locale: $locale) { title } price(country: $country) { amount { amount formatted } } delivery(shipTo: $shipTo) { earliest } }
}`;
const LIST = `query List($first: Int, $after: String, $sort: ProductSort, $filter: ProductFilter) {
  products(first: $first, after: $after, sort: $sort, filter: $filter) { nodes { sku } pageInfo { endCursor hasNextPage } }
}`;
const QUOTE = `query Quote($lines: [QuoteLineInput!]!, $shipTo: ShipToInput!) { quote(lines: $lines, shipTo: $shipTo) { total { amount } } }`;

const RUN = { numRuns: 400, interruptAfterTimeLimit: 15_000 };

describe('fuzz: arguments and headers of the public schema', () => {
  it('the product page, with any id, sku, country, locale and market headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ id: anyValue, sku: anyValue, country: anyValue, shipTo: anyValue, locale: anyValue }, { requiredKeys: [] }),
        fc.record({ 'x-ship-to-country': headerValue, 'accept-language': headerValue }, { requiredKeys: [] }),
        fc.boolean(),
        async (variables, headers, fixedProduct) => {
          expectWellBehaved(await post(stack.gatewayUrl, { query: fixedProduct ? PAGE_FIXED_PRODUCT : PAGE, variables }, headers));
        },
      ),
      RUN,
    );
    expect(injected).toEqual([]);
  });

  it('product lists, with any first, cursor, sort and filter', async () => {
    const sort = fc.oneof(
      anyValue,
      fc.record(
        {
          field: fc.oneof(fc.constantFrom('SKU', 'BRAND', 'CREATED_AT'), anyValue),
          direction: fc.oneof(fc.constantFrom('ASC', 'DESC'), anyValue),
        },
        { requiredKeys: [] },
      ),
    );
    const after = fc.oneof(
      anyValue,
      fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64')),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            first: anyValue,
            after,
            sort,
            filter: fc.oneof(anyValue, fc.record({ category: anyValue, brand: anyValue }, { requiredKeys: [] })),
          },
          { requiredKeys: [] },
        ),
        async (variables) => {
          expectWellBehaved(await post(stack.gatewayUrl, { query: LIST, variables }));
        },
      ),
      RUN,
    );
    expect(injected).toEqual([]);
  });

  it('quotes, with any lines and destination', async () => {
    const line = fc.oneof(
      anyValue,
      fc.record({ productId: anyValue, quantity: fc.oneof(fc.integer({ min: -5, max: 2_000 }), anyValue) }, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyValue, fc.array(line, { maxLength: 8 })),
        fc.oneof(anyValue, fc.record({ country: anyValue })),
        async (lines, shipTo) => {
          expectWellBehaved(await post(stack.gatewayUrl, { query: QUOTE, variables: { lines, shipTo } }));
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 10_000 },
    );
    expect(injected).toEqual([]);
  });

  it('_entities representations sent straight to each subgraph', async () => {
    const representation = fc.oneof(
      anyValue,
      fc.record(
        {
          __typename: fc.oneof(
            fc.constantFrom('Product', 'Category', 'Warehouse', 'Quote', 'ShippingCharge', 'Query', '_Service'),
            anyValue,
          ),
          id: anyValue,
        },
        { requiredKeys: [] },
      ),
    );
    const urls = Object.values(stack.subgraphUrls);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), fc.array(representation, { minLength: 1, maxLength: 5 }), async (url, representations) => {
        expectWellBehaved(
          await post(url, {
            query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
            variables: { representations },
          }),
        );
      }),
      { numRuns: 300, interruptAfterTimeLimit: 10_000 },
    );
    expect(injected).toEqual([]);
  });
});

describe('no operator reaches MongoDB', () => {
  it('none of the operator objects ({$gt: ""}, {$where: …}, {$ne: null}) sent in any argument appears in a database command', async () => {
    const fixedProduct = { country: 'DE', shipTo: 'DE', locale: 'de-DE' };
    let sent = 0;
    for (const operator of OPERATOR_OBJECTS) {
      const requests: [string, unknown][] = [
        ...['id', 'sku', 'country', 'shipTo', 'locale'].map((name): [string, unknown] => [
          stack.gatewayUrl,
          { query: PAGE, variables: { sku: 'APP-TEE-NAV', [name]: operator } },
        ]),
        ...['country', 'shipTo', 'locale'].map((name): [string, unknown] => [
          stack.gatewayUrl,
          { query: PAGE_FIXED_PRODUCT, variables: { ...fixedProduct, [name]: operator } },
        ]),
        [
          stack.gatewayUrl,
          { query: LIST, variables: { first: 2, after: operator, sort: operator, filter: { category: operator, brand: operator } } },
        ],
        [stack.gatewayUrl, { query: QUOTE, variables: { lines: [{ productId: operator, quantity: 1 }], shipTo: { country: operator } } }],
        ...Object.values(stack.subgraphUrls).flatMap((url): [string, unknown][] => [
          [
            url,
            {
              query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
              variables: { r: [{ __typename: 'Product', id: operator }] },
            },
          ],
          [url, { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [operator] } }],
        ]),
      ];
      for (const [url, payload] of requests) {
        expectWellBehaved(await post(url, payload));
        sent++;
      }
    }
    // The same page with well-formed arguments reads the database, so the commands above were watched.
    expectWellBehaved(await post(stack.gatewayUrl, { query: PAGE_FIXED_PRODUCT, variables: fixedProduct }));
    expect(sent).toBeGreaterThan(30);
    expect(commands).toBeGreaterThan(0);
    expect(injected).toEqual([]);
  });
});

describe('the error contract, case by case', () => {
  it('a forged CREATED_AT cursor is BAD_USER_INPUT', async () => {
    const sent = await post(stack.gatewayUrl, {
      query: '{ products(first: 2, after: "WyJnYXJiYWdlIiwiQSJd", sort: {field: CREATED_AT}) { nodes { sku } } }',
    });
    expectWellBehaved(sent);
    expect(sent.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a 60 000-character id comes back cut to 64 characters', async () => {
    const sent = await post(stack.gatewayUrl, {
      query: 'query ($id: ID) { product(id: $id) { sku } }',
      variables: { id: 'f'.repeat(60_000) },
    });
    expectWellBehaved(sent);
    expect(sent.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(sent.text.length).toBeLessThan(1_000);
  });

  it('an invalid x-ship-to-country is BAD_USER_INPUT naming it (cut) where it is the default, ignored where an argument is given', async () => {
    const query = '{ product(sku: "APP-TEE-NAV") { sku price { amount { amount } } delivery { earliest } } }';
    const sent = await post(stack.gatewayUrl, { query }, { 'x-ship-to-country': `Q${'z'.repeat(200)}` });
    expectWellBehaved(sent);
    expect(sent.body.data).toEqual({ product: { sku: 'APP-TEE-NAV', price: null, delivery: null } });
    for (const error of sent.body.errors ?? []) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(`Unknown country "Q${'z'.repeat(63)}…"`);
    }
    const argumentWins = await post(
      stack.gatewayUrl,
      { query: '{ product(sku: "APP-TEE-NAV") { delivery(shipTo: DE) { earliest } } }' },
      { 'x-ship-to-country': 'XX' },
    );
    expect(argumentWins.body.errors).toBeUndefined();
  });

  it('{__typename: "Product", id: 5} sent to a subgraph is BAD_USER_INPUT', async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      const sent = await post(url, {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
        variables: { r: [{ __typename: 'Product', id: 5 }] },
      });
      expectWellBehaved(sent);
      expect(sent.status).toBe(400);
      expect(sent.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(sent.body.errors?.[0]?.message).toContain('needs a string "id", got 5');
    }
  });
});
