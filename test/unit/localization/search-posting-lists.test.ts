import { describe, expect, it } from 'vitest';
import {
  fieldMaskOf,
  fieldsOfMask,
  listedPostingsOf,
  parsePostingListKey,
  POSTING_BUCKETS,
  postingBucketOf,
  postingListKeyOf,
  postingsOf,
  packPostings,
  postingsOfList,
  unpackPostings,
  productTermsOf,
  weightOfMask,
} from '../../../subgraphs/localization/domain/index.ts';
import { stableObjectIdHex } from '../../../subgraphs/common/ids.ts';

describe('search posting lists (the stored index)', () => {
  it('keeps a posting’s fields and weight through its mask', () => {
    expect(fieldsOfMask(fieldMaskOf(['description', 'title']))).toEqual(['title', 'description']);
    expect(weightOfMask(fieldMaskOf(['description', 'category']))).toBe(3);
    expect(fieldsOfMask(0)).toEqual([]);
  });

  it('spreads products over every bucket, each product always in the same one', () => {
    const ids = Array.from({ length: 6_400 }, (_, n) => stableObjectIdHex(`SKU-${n}`));
    const counts = new Array<number>(POSTING_BUCKETS).fill(0);
    for (const id of ids) counts[postingBucketOf(id)]! += 1;
    // 400 a bucket on average; none far from it.
    expect(Math.min(...counts)).toBeGreaterThan(300);
    expect(Math.max(...counts)).toBeLessThan(500);
    expect(postingBucketOf(ids[0]!)).toBe(postingBucketOf(ids[0]!));
  });

  it('round-trips a product’s postings through its forward index and the lists', () => {
    const id = stableObjectIdHex('ELE-ANC-BLA');
    const postings = postingsOf(id, [
      { field: 'title', locale: 'de', text: 'Kopfhörer schwarz' },
      { field: 'description', locale: 'de', text: 'Kabellose Kopfhörer' },
      { field: 'title', locale: 'en', text: 'Black headphones' },
    ]);
    const terms = productTermsOf(postings);
    expect(terms.map((entry) => entry.locale)).toEqual(['de', 'en']);
    expect(terms[1]).toEqual({ locale: 'en', terms: 'black headphon', fields: '11' });
    const lists = new Map<string, { productId: string; fields: number }[]>();
    for (const [key, posting] of listedPostingsOf(id, terms)) lists.set(key, [...(lists.get(key) ?? []), posting]);
    expect([...lists.keys()].every((key) => parsePostingListKey(key).bucket === postingBucketOf(id))).toBe(true);
    const read = [...lists].flatMap(([key, listed]) => postingsOfList({ ...parsePostingListKey(key), postings: packPostings(listed) }));
    const order = (a: { term: string; locale: string }, b: { term: string; locale: string }) =>
      `${a.locale}${a.term}`.localeCompare(`${b.locale}${b.term}`);
    expect(read.sort(order)).toEqual([...postings].sort(order));
    expect(
      unpackPostings(
        packPostings([
          { productId: 'ff'.repeat(12), fields: 9 },
          { productId: id, fields: 1 },
        ]),
      ),
    ).toEqual([
      { productId: id, fields: 1 },
      { productId: 'ff'.repeat(12), fields: 9 },
    ]);
    expect(() => packPostings([{ productId: 'not-an-id', fields: 1 }])).toThrow(/Not an ObjectId/);
    expect(parsePostingListKey(postingListKeyOf({ term: 'kopfhor', locale: 'de', bucket: 7 }))).toEqual({
      term: 'kopfhor',
      locale: 'de',
      bucket: 7,
    });
  });
});
