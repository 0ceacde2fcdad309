import { stemmer as arabicStemmer } from '@orama/stemmers/arabic';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stopwords as arabicStopwords } from '@orama/stopwords/arabic';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as frenchStopwords } from '@orama/stopwords/french';
import { stopwords as germanStopwords } from '@orama/stopwords/german';
import { stopwords as japaneseStopwords } from '@orama/stopwords/japanese';
import { stopwords as mandarinStopwords } from '@orama/stopwords/mandarin';

// How the search index and a shopper's query turn text into terms, per catalog language: the same analysis on
// both sides, so a query term equals an indexed term exactly when the words match after normalisation.

/** The language-specific steps of the analysis: a Snowball stemmer (European and Arabic) and stop words. */
interface LanguageAnalysis {
  stem: ((word: string) => string) | null;
  stopwords: ReadonlySet<string>;
}

const LANGUAGES: Record<string, LanguageAnalysis> = {
  en: { stem: englishStemmer, stopwords: new Set(englishStopwords) },
  de: { stem: germanStemmer, stopwords: new Set(germanStopwords) },
  fr: { stem: frenchStemmer, stopwords: new Set(frenchStopwords) },
  ar: { stem: arabicStemmer, stopwords: new Set(arabicStopwords) },
  // Japanese and Chinese have no inflection to strip: Intl.Segmenter's dictionary words are the terms.
  ja: { stem: null, stopwords: new Set(japaneseStopwords) },
  zh: { stem: null, stopwords: new Set(mandarinStopwords) },
};

const NO_ANALYSIS: LanguageAnalysis = { stem: null, stopwords: new Set() };

/** The base language of a locale tag (`de-CH` → `de`, `zh-Hant` → `zh`). */
export function languageOf(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

function analysisOf(locale: string): LanguageAnalysis {
  return LANGUAGES[languageOf(locale)] ?? NO_ANALYSIS;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterOf(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

// Latin, Greek and Cyrillic accents, and Arabic short-vowel marks: shoppers type words without them. Japanese
// voicing marks are not folded (が is not か).
const FOLDED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670]/g;

/** Folds diacritics and the letters a keyboard may not have (`ß`, `æ`, `œ`), keeping every other character. */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(FOLDED_MARKS, '').normalize('NFC').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe');
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The words of a text as Intl.Segmenter finds them for the locale, NFKC-normalised and lower-cased. */
export function wordsOf(text: string, locale: string): string[] {
  const normalized = text.normalize('NFKC').toLocaleLowerCase(languageOf(locale));
  const words: string[] = [];
  for (const segment of segmenterOf(locale).segment(normalized)) if (segment.isWordLike) words.push(segment.segment);
  return words;
}

/** A word's index term in `locale`: stemmed while its diacritics still carry meaning to the stemmer, then folded. */
export function termOf(word: string, locale: string): string {
  const { stem } = analysisOf(locale);
  return foldDiacritics(stem ? stem(word) : word);
}

/** Whether a word is a stop word of the locale's language (`mit`, `de`, `the`). */
export function isStopword(word: string, locale: string): boolean {
  return analysisOf(locale).stopwords.has(word);
}

/** The distinct terms a text contributes to the index in its locale, stop words left out. */
export function indexTermsOf(text: string, locale: string): string[] {
  const terms = new Set<string>();
  for (const word of wordsOf(text, locale)) if (!isStopword(word, locale)) terms.add(termOf(word, locale));
  return [...terms];
}

/**
 * How many typing mistakes a word may hold and still match: none under 5 characters (too many short words lie
 * one edit apart), one from 5, two from 8 — the thresholds Algolia and Elasticsearch's `AUTO` fuzziness use.
 * Japanese and Chinese words are a few characters each, where one edit is another word: none.
 */
export function typoBudget(word: string): 0 | 1 | 2 {
  if (CJK.test(word)) return 0;
  const length = [...word].length;
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/** One word of a shopper's query: its term in each locale searched, and the typos it may hold. */
export interface QueryWord {
  word: string;
  /** The word's term per locale (stemmers differ), keyed by locale. */
  terms: Record<string, string>;
  typos: 0 | 1 | 2;
}

/** The most words a query is searched for; longer queries are cut (a pasted paragraph is not a search). */
export const MAX_QUERY_WORDS = 10;

/**
 * A query's words, analysed for each locale it is searched in. Stop words are left out unless the query has
 * nothing else ("The The" is still a search). Empty when the query holds no word at all.
 */
export function analyzeQuery(query: string, locales: readonly string[]): QueryWord[] {
  const primary = locales[0] ?? 'en';
  const words = [...new Set(wordsOf(query, primary))];
  const meaningful = words.filter((word) => !locales.every((locale) => isStopword(word, locale)));
  return (meaningful.length > 0 ? meaningful : words).slice(0, MAX_QUERY_WORDS).map((word) => ({
    word,
    terms: Object.fromEntries(locales.map((locale) => [locale, termOf(word, locale)])),
    typos: typoBudget(foldDiacritics(word)),
  }));
}

/**
 * Every string `term` becomes with up to `depth` characters deleted (itself included). Two words within `depth`
 * edits share one of these (symmetric deletion), so the index finds typo candidates with an equality lookup;
 * candidates are then checked with a real edit distance.
 */
export function deletionVariants(term: string, depth: number): string[] {
  const variants = new Set<string>([term]);
  let frontier = [term];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const word of frontier) {
      const chars = [...word];
      if (chars.length <= 1) continue;
      for (let index = 0; index < chars.length; index++) {
        const variant = chars.slice(0, index).join('') + chars.slice(index + 1).join('');
        if (!variants.has(variant)) {
          variants.add(variant);
          next.push(variant);
        }
      }
    }
    frontier = next;
  }
  return [...variants];
}
