import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('schema tools against the gateway', () => {
  it('answers the standard introspection query (GraphiQL, codegen) with the public schema', async () => {
    const response = await graphql(stack.gatewayUrl, getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    const schema = response.data.__schema;
    expect(schema.queryType).toMatchObject({ name: 'Query' });
    const names = schema.types.map((type: { name: string }) => type.name);
    for (const name of ['Product', 'ProductPrice', 'DeliveryEstimate', 'ProductContent', 'Quote', 'Category']) expect(names).toContain(name);
    // Federation's plumbing stays inside the graph.
    expect(names).not.toContain('_Entity');
  });

  it('still refuses an ordinary operation deeper than the limit', async () => {
    const deep = await graphql(
      stack.gatewayUrl,
      '{ categories { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } }',
    );
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
