import { describe, expect, it } from 'vitest';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { createOperationLimitsRule, DEFAULT_OPERATION_LIMITS } from '../../../gateway/operation-limits.ts';

const schema = buildSchema(`
  type Category { id: ID! parent: Category children: [Category!]! }
  type Product { id: ID! category: Category! }
  type Query { product(id: ID!): Product }
`);

function errorsOf(query: string, limits = { ...DEFAULT_OPERATION_LIMITS, maxDepth: 4, maxFields: 10 }) {
  return validate(schema, parse(query), [...specifiedRules, createOperationLimitsRule(limits)]).map((error) => ({
    code: error.extensions.code,
    message: error.message,
  }));
}

describe('operation limits', () => {
  it('accepts an operation within the limits', () => {
    expect(errorsOf('query Page { product(id: "1") { id category { id parent { id } } } }')).toEqual([]);
  });

  it('refuses an operation nested deeper than the limit, with QUERY_TOO_COMPLEX naming it', () => {
    const errors = errorsOf('query Deep { product(id: "1") { category { parent { parent { parent { id } } } } } }');
    expect(errors).toEqual([{ code: 'QUERY_TOO_COMPLEX', message: 'Operation "Deep" nests fields 6 deep; the limit is 4' }]);
  });

  it('counts depth through fragments and aliases toward the field limit', () => {
    const deep = errorsOf(`
      query ViaFragment { product(id: "1") { ...P } }
      fragment P on Product { category { parent { parent { parent { id } } } } }`);
    expect(deep[0]?.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = Array.from({ length: 12 }, (_, index) => `a${index}: product(id: "${index}") { id }`).join(' ');
    expect(errorsOf(`query Wide { ${aliases} }`, { ...DEFAULT_OPERATION_LIMITS, maxDepth: 10, maxFields: 10 })).toEqual([
      { code: 'QUERY_TOO_COMPLEX', message: 'Operation "Wide" selects more than 10 fields; split it into smaller queries' },
    ]);
  });

  it('lets the standard introspection query through on its own budget, which the normal depth limit never sees', () => {
    expect(errorsOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
    expect(errorsOf(getIntrospectionQuery(), DEFAULT_OPERATION_LIMITS)).toEqual([]);
  });

  it('still refuses introspection nested past its own limit', () => {
    const deep = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
    expect(errorsOf(deep, { ...DEFAULT_OPERATION_LIMITS, maxIntrospectionDepth: 5 })).toEqual([
      { code: 'QUERY_TOO_COMPLEX', message: 'Operation "anonymous operation" nests introspection 9 deep; the limit is 5' },
    ]);
  });

  it('counts fields beside introspection against the normal budget', () => {
    const query = `{ __schema { queryType { name } } product(id: "1") { id category { id parent { id parent { id } } } } }`;
    expect(errorsOf(query).map((error) => error.message)).toEqual(['Operation "anonymous operation" nests fields 5 deep; the limit is 4']);
  });
});
