// The client host of the multi-host test, run inside its namespace (`node test/hosts/client.ts <command> …`):
//   keys                                       creates the load's API key in the gateway database; prints it
//   load --url U --key K --seconds S --concurrency C --deadline-ms D --max N
//                                              a bounded load: one JSON line per request, then {"done":true}
//   shared-state --gw1 U --gw2 U --key K       the rate limit and an FX lock seen through both gateways
// Reads MONGODB_URI and MERIDIAN_DB_PREFIX for what it writes to the gateway database itself (keys).
import { parseArgs } from 'node:util';
import { apiKeyModel, createApiKey } from '../../gateway/api-keys.ts';
import { databaseNameOf } from '../../subgraphs/common/config.ts';
import { connectDatabase } from '../../subgraphs/common/database.ts';

/** The product page the load asks for: products' fields, localization's content, pricing's price. */
export const PRODUCT_PAGE =
  '{ product(sku: "APP-TEE-NAV") { sku content(locale: "en") { title } price(country: DE) { amount { amount } } } }';

const SETTLEMENT = `query Settle($lines: [QuoteLineInput!]!) {
  quote(lines: $lines, shipTo: { country: JP }) { id settlement { fxLock { id expiresAt } } }
}`;
const CONFIRM = `mutation Confirm($fxLockId: ID!, $quoteId: ID!) { confirmCheckout(fxLockId: $fxLockId, quoteId: $quoteId) { confirmedAt } }`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    'deadline-ms': { type: 'string', default: '5000' },
    max: { type: 'string', default: '5000' },
    gw1: { type: 'string' },
    gw2: { type: 'string' },
  },
});

interface Answer {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any> }[];
    extensions?: Record<string, any>;
  };
  servedBy: string | null;
}

async function post(url: string, key: string, query: string, variables: Record<string, unknown> = {}, deadlineMs = 5_000): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(deadlineMs),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'], servedBy: response.headers.get('x-served-by') };
}

async function createKey(client: string, costBudget: number): Promise<string> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required');
  const connection = await connectDatabase(uri, databaseNameOf('gateway'));
  try {
    return (await createApiKey(apiKeyModel(connection), { client, costBudget })).key;
  } finally {
    await connection.close();
  }
}

/** One request of the load: what a person would notice (an answer in time, the price, the content). */
async function oneRequest(url: string, key: string, deadlineMs: number) {
  const start = Date.now();
  try {
    const answer = await post(url, key, PRODUCT_PAGE, {}, deadlineMs);
    const product = answer.body.data?.product;
    return {
      start,
      ms: Date.now() - start,
      status: answer.status,
      servedBy: answer.servedBy,
      served: answer.status === 200 && product?.sku === 'APP-TEE-NAV' && typeof product?.price?.amount?.amount === 'string',
      content: product?.content?.title ?? null,
      errors: (answer.body.errors ?? []).map((error) => `${error.extensions?.code}:${error.extensions?.serviceName ?? ''}`),
    };
  } catch (error) {
    return {
      start,
      ms: Date.now() - start,
      status: 0,
      servedBy: null,
      served: false,
      content: null,
      errors: [String((error as Error).name)],
    };
  }
}

async function load(): Promise<void> {
  const url = values.url!;
  const key = values.key!;
  const until = Date.now() + Number(values.seconds) * 1000;
  const deadlineMs = Number(values['deadline-ms']);
  let remaining = Number(values.max);
  // SIGTERM ends the load early (the test stops it once everything it waits for has happened).
  let stopped = false;
  process.once('SIGTERM', () => {
    stopped = true;
  });
  console.log(JSON.stringify({ started: Date.now() }));
  const worker = async () => {
    while (!stopped && Date.now() < until && remaining > 0) {
      remaining -= 1;
      console.log(JSON.stringify(await oneRequest(url, key, deadlineMs)));
    }
  };
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  console.log(JSON.stringify({ done: true }));
}

/** The rate limit spent through both gateways from one bucket, and one FX lock found and confirmed through both. */
async function sharedState(): Promise<void> {
  const [gw1, gw2] = [values.gw1!, values.gw2!];
  const probe = await post(gw1, values.key!, PRODUCT_PAGE);
  const cost = Number(probe.body.extensions?.cost?.requestedQueryCost);
  if (!(cost > 0)) throw new Error(`no cost reported: ${JSON.stringify(probe.body)}`);
  // Room for three requests, not four: half a request's cost to spare against the continuous refill.
  const small = await createKey('hosts-rate-limit', Math.round(cost * 3.5));
  const rateLimit: number[] = [];
  for (const url of [gw1, gw2, gw1, gw2]) rateLimit.push((await post(url, small, PRODUCT_PAGE)).status);

  const lines = [{ productId: await headphonesId(gw1, values.key!), quantity: 3 }];
  const viaGw1 = await post(gw1, values.key!, SETTLEMENT, { lines });
  const viaGw2 = await post(gw2, values.key!, SETTLEMENT, { lines });
  const quote = viaGw1.body.data?.quote;
  const confirmedVia2 = await post(gw2, values.key!, CONFIRM, { fxLockId: quote?.settlement?.fxLock?.id, quoteId: quote?.id });
  const confirmedVia1 = await post(gw1, values.key!, CONFIRM, { fxLockId: quote?.settlement?.fxLock?.id, quoteId: quote?.id });
  console.log(
    JSON.stringify({
      cost,
      rateLimit,
      lockVia1: quote?.settlement?.fxLock?.id ?? JSON.stringify(viaGw1.body.errors),
      lockVia2: viaGw2.body.data?.quote?.settlement?.fxLock?.id ?? null,
      confirmedVia2: confirmedVia2.body.data?.confirmCheckout?.confirmedAt ?? JSON.stringify(confirmedVia2.body.errors),
      confirmedVia1: confirmedVia1.body.data?.confirmCheckout?.confirmedAt ?? JSON.stringify(confirmedVia1.body.errors),
    }),
  );
}

async function headphonesId(url: string, key: string): Promise<string> {
  const answer = await post(url, key, '{ product(sku: "ELE-ANC-BLA") { id } }');
  return String(answer.body.data?.product?.id);
}

const [command] = positionals;
if (command === 'keys') console.log(JSON.stringify({ key: await createKey('hosts-load', 100_000_000) }));
else if (command === 'load') await load();
else if (command === 'shared-state') await sharedState();
else {
  console.error('usage: node test/hosts/client.ts keys | load … | shared-state …');
  process.exit(2);
}
