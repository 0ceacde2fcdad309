import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { fixedClock } from '../../subgraphs/common/clock.ts';
import { startStack, type RunningStack, type StackOptions } from '../../scripts/stack.ts';

/** The instant every end-to-end test runs at: Wednesday 2026-11-25, 10:00 UTC (Thanksgiving is tomorrow). */
export const E2E_NOW = '2026-11-25T10:00:00.000Z';

/** A running test stack, with the prefix of its databases (MERIDIAN_DB_PREFIX) for scripts that reach them. */
export interface TestStack extends RunningStack {
  readonly databasePrefix: string;
}

/**
 * Starts the real stack for a test file: the embedded database (or MONGODB_URI, with databases of their own
 * prefix, unique to this run and dropped by `stop()`), the four subgraphs and the gateway, each on a free port,
 * over real HTTP, with the clock pinned. `options` adds to or overrides these settings.
 */
export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const databasePrefix = options.databasePrefix ?? `e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const stack = await startStack({
    gatewayPort: 0,
    subgraphPorts: { products: 0, pricing: 0, fulfillment: 0, localization: 0 },
    seed: 'always',
    clock: fixedClock(E2E_NOW),
    ...options,
    databasePrefix,
  });
  if (stack.usesEmbeddedDatabase) return { ...stack, databasePrefix };
  return {
    ...stack,
    databasePrefix,
    async stop() {
      await stack.stop();
      // On a shared real server, leave nothing behind: drop this run's databases.
      const client = await MongoClient.connect(stack.mongodbUri);
      try {
        const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
        for (const { name } of databases) if (name.startsWith(`${databasePrefix}_`)) await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

/** A GraphQL response as the gateway sends it. */
export interface GraphQLResponse<TData = any> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs an operation to the gateway like a web client would. */
export async function graphql<TData = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}
