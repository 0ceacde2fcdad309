import { describe, expect, it } from 'vitest';
import { buildSchema, GraphQLError } from 'graphql';
import { checkRepresentation } from '../../../subgraphs/common/contract/representations.ts';

const schema = buildSchema('type Product { id: ID! } type Query { a: Int }');

function refusal(value: unknown) {
  try {
    checkRepresentation(schema, value);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { code: (error as GraphQLError).extensions.code, message: (error as GraphQLError).message };
  }
  return undefined;
}

describe('checkRepresentation', () => {
  it('accepts a representation naming an entity type with a string id', () => {
    expect(checkRepresentation(schema, { __typename: 'Product', id: 'a', weight: 3 })).toEqual({
      __typename: 'Product',
      id: 'a',
      weight: 3,
    });
  });

  it.each([
    ['a number id', { __typename: 'Product', id: 5 }, /needs a string "id", got 5/],
    ['no id', { __typename: 'Product' }, /needs a string "id", got nothing/],
    ['no __typename', { id: 'a' }, /needs a string "__typename"/],
    ['an unknown type', { __typename: 'Nope', id: 'a' }, /Unknown entity type "Nope"/],
    ['a scalar type', { __typename: 'String', id: 'a' }, /Unknown entity type/],
    ['a string', 'Product', /must be an object/],
    ['null', null, /must be an object/],
    ['an array', [1], /must be an object/],
  ])('refuses %s as BAD_USER_INPUT', (_, value, message) => {
    expect(refusal(value)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(message) });
  });

  it('with an _Entity union (a built subgraph), only its members are entities', () => {
    const subgraph = buildSchema('type Product { id: ID! } type Other { id: ID! } union _Entity = Product type Query { a: Int }');
    expect(checkRepresentation(subgraph, { __typename: 'Product', id: 'a' })).toBeTruthy();
    expect(() => checkRepresentation(subgraph, { __typename: 'Query', id: 'a' })).toThrow(/Unknown entity type "Query"/);
    expect(() => checkRepresentation(subgraph, { __typename: 'Other', id: 'a' })).toThrow(/Unknown entity type "Other"/);
  });

  it('echoes a 60 000-character type name truncated', () => {
    expect(refusal({ __typename: 'x'.repeat(60_000), id: 'a' })!.message.length).toBeLessThan(120);
  });
});
