import { describe, expect, it } from 'vitest';
import { queryNestingDepth } from '../../../subgraphs/common/query-nesting.ts';

describe('queryNestingDepth', () => {
  it('counts braces, brackets and parentheses', () => {
    expect(queryNestingDepth('{ a }')).toBe(1);
    expect(queryNestingDepth('{ a(x: [[1]]) { b } }')).toBe(4);
    expect(queryNestingDepth('query { product(id: "1") { content { title } } }')).toBe(3);
  });

  it('ignores brackets in strings, block strings and comments', () => {
    expect(queryNestingDepth('{ a(x: "{{{[[[(((") }')).toBe(2);
    expect(queryNestingDepth('{ a(x: """ {{{ \\""" {{ """) }')).toBe(2);
    expect(queryNestingDepth('# {{{{{\n{ a }')).toBe(1);
    expect(queryNestingDepth('{ a(x: "\\"{{{") }')).toBe(2);
  });

  it('stops early past the limit on a 20 000-deep document', () => {
    const deep = '{' + 'a{'.repeat(20_000) + 'b' + '}'.repeat(20_001);
    expect(queryNestingDepth(deep, 100)).toBe(101);
  });
});
