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

describe('the category tree', () => {
  it('lists the five top-level categories, ordered by id, each with its children and its name in the locale', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ categories { id parent { id } path name(locale: "de-DE") { value } children { id path parent { id } } } }',
    );
    expect(response.errors).toBeUndefined();
    const categories = response.data.categories;
    expect(categories.map((category: { id: string }) => category.id)).toEqual(['apparel', 'beauty', 'electronics', 'footwear', 'home']);
    expect(categories[0]).toEqual({
      id: 'apparel',
      parent: null,
      path: ['apparel'],
      name: { value: 'Bekleidung' },
      children: [
        { id: 'apparel.outerwear', path: ['apparel', 'apparel.outerwear'], parent: { id: 'apparel' } },
        { id: 'apparel.tshirts', path: ['apparel', 'apparel.tshirts'], parent: { id: 'apparel' } },
      ],
    });
    expect(categories.find((category: { id: string }) => category.id === 'home').children.map((child: { id: string }) => child.id)).toEqual(
      ['home.kitchen', 'home.pantry'],
    );
  });

  it('finds one category by id, with its parent, and null for an unknown id', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ known: category(id: "footwear.boots") { id parent { id } children { id } name(locale: "ja-JP") { value } } unknown: category(id: "garden") { id } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.known).toEqual({ id: 'footwear.boots', parent: { id: 'footwear' }, children: [], name: { value: 'ブーツ' } });
    expect(response.data.unknown).toBeNull();
  });

  it('filters products by a top-level category, including its sub-categories', async () => {
    const response = await graphql(
      stack.gatewayUrl,
      '{ products(first: 50, filter: { category: "footwear" }) { totalCount nodes { category { id } } } }',
    );
    expect(response.errors).toBeUndefined();
    // Two footwear lines (canvas sneakers, Chelsea boots) of three variants each.
    expect(response.data.products.totalCount).toBe(6);
    const ids = new Set(response.data.products.nodes.map((node: { category: { id: string } }) => node.category.id));
    expect([...ids].sort()).toEqual(['footwear.boots', 'footwear.sneakers']);
  });
});
