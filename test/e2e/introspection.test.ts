import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import type { RunningStack } from '../../scripts/stack.ts';
import { graphql, startTestStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('schema tools through the gateway', () => {
  it('answers the standard introspection query that GraphiQL, codegen and schema tools send, with our descriptions', async () => {
    const response = await graphql<IntrospectionQuery>(stack.gatewayUrl, getIntrospectionQuery({ descriptions: true }));
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    const product = schema.getType('Product');
    expect(product?.description).toBeTruthy();
    expect(printSchema(schema)).toContain('delivery(');
    // Federation's internals stay behind the gateway.
    expect(schema.getQueryType()?.getFields()._entities).toBeUndefined();
  });

  it('still refuses the nested-introspection attack, and deep ordinary queries, with QUERY_TOO_COMPLEX', async () => {
    const nested = '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }';
    const attack = await graphql(stack.gatewayUrl, nested);
    expect(attack.errors?.[0]?.message).toMatch(/introspection/i);
    const deep = await graphql(
      stack.gatewayUrl,
      '{ categories { children { children { children { children { children { children { children { children { children { id } } } } } } } } } } }',
    );
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
