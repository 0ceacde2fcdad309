import { describe, expect, it } from 'vitest';
import {
  analyzeQuery,
  deletionVariants,
  foldDiacritics,
  indexTermsOf,
  postingsOf,
  rankMatches,
  typoBudget,
  wordsOf,
  type SearchPosting,
} from '../../../subgraphs/localization/domain/index.ts';

describe('search analysis', () => {
  it('normalises full-width forms (NFKC), case and accents', () => {
    expect(wordsOf('ＵＳＢ－Ｃ Ladegerät', 'de')).toEqual(['usb', 'c', 'ladegerät']);
    expect(foldDiacritics('crème brûlée façon straße')).toBe('creme brulee facon strasse');
    // Japanese voicing marks carry meaning: ガ stays ガ.
    expect(foldDiacritics('ガ')).toBe('ガ');
  });

  it('stems European words so plurals and inflections meet, and drops stop words', () => {
    expect(indexTermsOf('Kabellose Kopfhörer mit Geräuschunterdrückung', 'de')).toEqual(['kabellos', 'kopfhor', 'gerauschunterdruck']);
    expect(indexTermsOf('Casques', 'fr')).toEqual(indexTermsOf('casque', 'fr'));
    expect(indexTermsOf('the headphones', 'en')).toEqual(indexTermsOf('headphone', 'en'));
  });

  it('segments Japanese and Chinese into dictionary words', () => {
    expect(indexTermsOf('抹茶（茶道用）', 'ja')).toContain('抹茶');
    expect(indexTermsOf('仪式级抹茶', 'zh-Hans')).toContain('抹茶');
  });

  it('allows no typo under 5 letters, one from 5, two from 8, none in CJK words', () => {
    expect([typoBudget('tee'), typoBudget('sneak'), typoBudget('headfone'), typoBudget('ノイズキャンセリング')]).toEqual([0, 1, 2, 0]);
  });

  it('keeps a query of stop words only, and analyses each word per locale searched', () => {
    expect(analyzeQuery('the', ['en']).map((word) => word.word)).toEqual(['the']);
    const [word] = analyzeQuery('Kopfhörer', ['de', 'en']);
    expect(word!.terms).toEqual({ de: 'kopfhor', en: 'kopfhörer'.normalize('NFD').replace(/\u0308/, '') });
    expect(analyzeQuery(' ?! ', ['en'])).toEqual([]);
  });

  it('makes words one or two deletions apart share a variant (symmetric deletion)', () => {
    const indexed = new Set(deletionVariants('headphon', 2));
    expect(deletionVariants('headfon', 2).some((variant) => indexed.has(variant))).toBe(true);
    expect(deletionVariants('abc', 1).sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
  });
});

describe('search ranking', () => {
  const posting = (productId: string, term: string, locale: string, field: 'title' | 'description'): SearchPosting =>
    postingsOf(productId, [{ field, locale, text: term }]).map((row) => ({ ...row, term }))[0]!;

  it('prefers a title match to a description match, the shopper’s language to English, and an exact word to a typo', () => {
    const word = { exact: { de: 'kopfhor', en: 'kopfhor' }, fuzzy: new Map([['kopfhoer', 1]]) };
    const hits = rankMatches(
      [word],
      [
        posting('b', 'kopfhor', 'de', 'description'),
        posting('a', 'kopfhor', 'de', 'title'),
        posting('c', 'kopfhor', 'en', 'title'),
        posting('d', 'kopfhoer', 'de', 'title'),
      ],
      'de',
    );
    // title 8 × de 2 × exact 2 = 32; d: 8 × 2 × 1 = 16; c: 8 × 1 × 2 = 16; b: 1 × 2 × 2 = 4.
    expect(hits.map((hit) => [hit.productId, hit.score])).toEqual([
      ['a', 32],
      ['c', 16],
      ['d', 16],
      ['b', 4],
    ]);
    expect(hits.find((hit) => hit.productId === 'c')).toMatchObject({ locale: 'en', isFallback: true });
  });

  it('requires every word to match', () => {
    const words = [
      { exact: { en: 'black' }, fuzzy: new Map<string, number>() },
      { exact: { en: 'tee' }, fuzzy: new Map<string, number>() },
    ];
    const hits = rankMatches(
      words,
      [posting('a', 'black', 'en', 'title'), posting('a', 'tee', 'en', 'title'), posting('b', 'tee', 'en', 'title')],
      'en',
    );
    expect(hits.map((hit) => hit.productId)).toEqual(['a']);
  });
});
