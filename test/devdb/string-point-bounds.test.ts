import { describe, expect, it } from 'vitest';
import type { Doc } from '../../scripts/devdb/bson-values.ts';
import { generalIndexIntervals, indexIntervals } from '../../scripts/devdb/index-bounds.ts';
import { Index } from '../../scripts/devdb/indexes.ts';

/**
 * Filters of string points (`{productId: {$in: [...]}, locale: {$nin: [...]}}`, the subgraphs' batched
 * lookups) get their index bounds without the general interval algebra: they must be exactly the
 * intervals the algebra gives, for every index shape and direction, multikey fields, duplicates,
 * non-bounding operators beside them, and more `$in` combinations than are split into intervals.
 */

function indexOf(key: Doc, multikey: string[] = []): Index {
  const index = new Index({ v: 2, key, name: Object.keys(key).join('_') });
  for (const field of multikey) index.multikeyFields.add(field);
  return index;
}

const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${String((i * 7919) % 1000).padStart(3, '0')}`);

const filters: Doc[] = [
  {},
  { productId: 'p001' },
  { productId: { $eq: 'p001' } },
  { productId: { $in: ['p003', 'p001', 'p002', 'p001'] } },
  { productId: { $in: ['solo'] } },
  { productId: { $in: ids(20) }, locale: { $nin: ['fr', 'ja', 'ar'] } },
  { productId: { $in: ids(20) }, locale: 'de' },
  { productId: 'p001', locale: { $in: ['en', 'de', 'Zz', 'é', '😀', 'ß'] } },
  { productId: { $in: ids(3) }, locale: { $in: ['en', 'de'] } },
  { productId: { $in: ids(40) }, locale: { $in: ids(40, 'l') } }, // 1600 combinations: more than are split
  { productId: { $in: ids(3) }, locale: { $ne: 'fr' }, other: 5 },
  { productId: { $in: ids(3), $nin: ['p001'] }, units: { $gt: 3 } },
  { productId: { $exists: true } },
  { productId: { nested: 'literal' } },
  { locale: { $in: ['de', 'en'] } },
  { productId: { $in: [] } },
  { productId: { $in: ['a', 5] } },
  { productId: 5 },
  { productId: { $in: ['a', 'b'], $eq: 'a' } },
  { productId: { $gt: 'p001' } },
  { $or: [{ productId: 'a' }, { productId: 'b' }] },
];

const indexes: Array<[string, () => Index]> = [
  ['{productId: 1}', () => indexOf({ productId: 1 })],
  ['{productId: -1}', () => indexOf({ productId: -1 })],
  ['{productId: 1, locale: 1}', () => indexOf({ productId: 1, locale: 1 })],
  ['{productId: -1, locale: 1}', () => indexOf({ productId: -1, locale: 1 })],
  ['{productId: 1, locale: -1}', () => indexOf({ productId: 1, locale: -1 })],
  ['{locale: 1, productId: 1}', () => indexOf({ locale: 1, productId: 1 })],
  ['{productId: 1, locale: 1, units: 1}', () => indexOf({ productId: 1, locale: 1, units: 1 })],
  ['{productId: 1, locale: 1} multikey locale', () => indexOf({ productId: 1, locale: 1 }, ['locale'])],
];

describe('index bounds of string points', () => {
  for (const [name, makeIndex] of indexes) {
    it(`on ${name} are the general algebra's intervals`, () => {
      for (const filter of filters) {
        const index = makeIndex();
        expect(indexIntervals(filter, index), JSON.stringify(filter)).toEqual(generalIndexIntervals(filter, index));
      }
    });
  }

  it('are one interval per $in value on the leading field, in index order', () => {
    const intervals = indexIntervals(
      { productId: { $in: ['b', 'a', 'c'] }, locale: { $nin: ['fr'] } },
      indexOf({ productId: -1, locale: 1 }),
    );
    expect(intervals.map(({ low }) => low[0])).toEqual(['c', 'b', 'a']);
  });
});
