import { describe, expect, it } from 'vitest';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { estimateCost, estimateCostOf, type CostMap } from '../../../gateway/cost.ts';
import { DEFAULT_COST_MAP } from '../../../gateway/cost-map.ts';

const schema = buildSchema(`
  type Money { amount: String! }
  type Price { amount: Money! }
  type Delivery { earliest: String }
  type Product { id: ID! price(country: String): Price delivery: Delivery tags: [String!]! images: [Image!]! }
  type Image { url: String! }
  type Connection { nodes: [Product!]! edges: [Edge!]! totalCount: Int! }
  type Edge { node: Product! }
  type Line { product: Product! }
  type Quote { lines: [Line!]! total: Money! }
  input LineInput { id: ID! }
  type Query {
    products(first: Int = 20): Connection!
    product(id: ID!): Product
    quote(lines: [LineInput!]!): Quote!
    warehouses: [Product!]!
  }
`);

const costMap: CostMap = {
  weights: { 'Product.price': 3, 'Product.delivery': 5, 'Query.quote': 3 },
  listSizes: {
    'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes', 'edges'] },
    'Query.quote': { slicingArguments: ['lines'], sizedFields: ['lines'], weighsPerItem: true },
  },
  defaultListSize: 10,
};

function cost(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return estimateCost(schema, operation, fragments, variables, costMap);
}

describe('estimateCost', () => {
  it('leaves cost nothing, objects 1, weighted fields their weight', () => {
    expect(cost('{ product(id: "1") { id } }')).toBe(1);
    expect(cost('{ product(id: "1") { id price { amount { amount } } delivery { earliest } } }')).toBe(1 + 3 + 1 + 5);
  });

  it("multiplies a connection's nodes by `first`, from a literal, a variable or the default", () => {
    const page = '{ nodes { id price { amount { amount } } delivery { earliest } } }';
    expect(cost(`{ products(first: 100) ${page} }`)).toBe(1 + 100 * (1 + 4 + 5));
    expect(cost(`query Q($n: Int) { products(first: $n) ${page} }`, { n: 7 })).toBe(1 + 7 * 10);
    expect(cost(`{ products ${page} }`)).toBe(1 + 20 * 10);
    expect(cost('{ products(first: 100) { edges { node { id } } totalCount } }')).toBe(1 + 100 * (1 + 1));
  });

  it('adds aliases up: 45 pages of 100 products with price and delivery cost 45 times one', () => {
    const one = 'products(first: 100) { nodes { id price(country: "DE") { amount { amount } } delivery { earliest } } }';
    const aliases = Array.from({ length: 45 }, (_, i) => `a${i}: ${one}`).join(' ');
    expect(cost(`{ ${aliases} }`)).toBe(45 * cost(`{ ${one} }`));
    expect(cost(`{ ${aliases} }`)).toBe(45_045);
  });

  it('sizes a quote by its lines, weighing the quote per line', () => {
    const lines = Array.from({ length: 51 }, (_, i) => ({ id: String(i) }));
    expect(cost('query Q($lines: [LineInput!]!) { quote(lines: $lines) { total { amount } lines { product { id } } } }', { lines })).toBe(
      51 * 3 + 1 + 51 * (1 + 1),
    );
  });

  it('multiplies nested lists, with the default size where nothing sizes them', () => {
    expect(cost('{ warehouses { images { url } } }')).toBe(10 * (1 + 10 * 1));
    expect(cost('{ product(id: "1") { tags } }')).toBe(1);
  });

  it('expands fragments and inline fragments, and ignores introspection and __typename', () => {
    expect(
      cost('{ product(id: "1") { ...P ... on Product { delivery { earliest } } } } fragment P on Product { price { amount { amount } } }'),
    ).toBe(1 + 4 + 5);
    expect(cost('{ __typename __schema { types { name } } }')).toBe(0);
  });

  it("counts at most maxSize items: a size past the range is the subgraph's BAD_USER_INPUT to report", () => {
    const capped: CostMap = {
      ...costMap,
      listSizes: { 'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes'], maxSize: 100 } },
    };
    const document = parse('{ products(first: 1000) { nodes { id } } }');
    expect(estimateCost(schema, document.definitions[0] as OperationDefinitionNode, {}, {}, capped)).toBe(1 + 100);
  });

  it('stays finite for absurd sizes', () => {
    const nested = '{ products(first: 2147483647) { nodes { images { url } } } }';
    expect(Number.isFinite(cost(nested))).toBe(true);
    expect(cost(nested)).toBeGreaterThan(1e9);
  });

  it('says whether the estimate read a variable: only one that did not may be remembered for the operation', () => {
    const estimate = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      return estimateCostOf(schema, document.definitions[0] as OperationDefinitionNode, {}, variables, costMap);
    };
    expect(estimate('{ products(first: 5) { nodes { id } } }')).toEqual({ cost: 6, readsVariables: false });
    // A variable that only selects an item (not a size) leaves the estimate fixed.
    expect(estimate('query P($id: ID!) { product(id: $id) { id } }', { id: '1' })).toEqual({ cost: 1, readsVariables: false });
    expect(estimate('query L($n: Int) { products(first: $n) { nodes { id } } }', { n: 3 })).toEqual({ cost: 4, readsVariables: true });
    expect(estimate('query Q($line: LineInput!) { quote(lines: [$line]) { total { amount } } }', { line: { id: '1' } })).toEqual({
      cost: 3 + 1,
      readsVariables: true,
    });
  });
});

describe('fetch and operation weights (the calibrated model)', () => {
  const calibrated: CostMap = {
    ...costMap,
    operationWeight: 6,
    objectWeight: 0.05,
    fetchWeights: { 'Product.price': 4 },
    weights: { 'Product.price': 0.1, 'Query.product': 0.7 },
  };
  const priced = (query: string) => {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    return estimateCost(schema, operation, {}, {}, calibrated);
  };

  it('counts a fetch once per selection, not per list item, and each alias its own', () => {
    // 6 + fetch 4 + connection 0.05 + 100 × (product 0.05 + price 0.1 + money 0.05) = 30.05, rounded up.
    expect(priced('{ products(first: 100) { nodes { price { amount { amount } } } } }')).toBe(31);
    // 6 + 24 × (product 0.7 + fetch 4 + price 0.1 + money 0.05) = 122.4, rounded up.
    const aliases = Array.from({ length: 24 }, (_, i) => `p${i}: product(id: "${i}") { price { amount { amount } } }`).join(' ');
    expect(priced(`{ ${aliases} }`)).toBe(123);
  });

  it('prices an empty operation at its own weight, and rounds fractions up', () => {
    expect(priced('{ __typename }')).toBe(6);
    expect(priced('{ product(id: "1") { id } }')).toBe(7);
  });

  it('the default map prices 24 aliased products with price above a 100-product page with price, as their CPU says', () => {
    const operation = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;
    const aliases = Array.from({ length: 24 }, (_, i) => `p${i}: product(id: "${i}") { price { amount { amount } } }`).join(' ');
    const aliased = estimateCost(schema, operation(`{ ${aliases} }`), {}, {}, DEFAULT_COST_MAP);
    const page = estimateCost(
      schema,
      operation('{ products(first: 100) { nodes { price { amount { amount } } } } }'),
      {},
      {},
      DEFAULT_COST_MAP,
    );
    expect(aliased).toBeGreaterThan(3 * page);
  });
});
