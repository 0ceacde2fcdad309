// Ranking a search's matches: pure, over the postings the index returned for the query's terms.

/** Where in a product's text a term occurs; a title match outranks the same word in a description. */
export type SearchField = 'title' | 'category' | 'attribute' | 'description';

/** Weight of a match in each field. */
export const FIELD_WEIGHTS: Readonly<Record<SearchField, number>> = { title: 8, category: 3, attribute: 3, description: 1 };

/** One row of the index: a term of a product's text in one locale, with the fields it occurs in. */
export interface SearchPosting {
  productId: string;
  term: string;
  locale: string;
  /** The heaviest field weight among `fields`. */
  weight: number;
  fields: SearchField[];
}

/** What one query word matches: its own term per locale, and the indexed terms within its typo budget. */
export interface WordMatcher {
  exact: Readonly<Record<string, string>>;
  /** Indexed terms a few edits away, with their edit distance (≥ 1). */
  fuzzy: ReadonlyMap<string, number>;
}

/** A product the query found, with its score and the text it was found in. */
export interface RankedHit {
  productId: string;
  /** Integer, higher is better: the sum over query words of their best match. */
  score: number;
  /** The locale of the text that matched: the shopper's, or a fallback (English) where theirs did not. */
  locale: string;
  isFallback: boolean;
  fields: SearchField[];
}

interface WordMatch {
  score: number;
  posting: SearchPosting;
}

/** How well `posting` matches `word`: field weight, doubled in the shopper's language, doubled again when exact. */
function matchScore(word: WordMatcher, posting: SearchPosting, preferredLocale: string): number {
  const distance = word.exact[posting.locale] === posting.term ? 0 : word.fuzzy.get(posting.term);
  if (distance === undefined) return 0;
  return posting.weight * (posting.locale === preferredLocale ? 2 : 1) * (distance === 0 ? 2 : 1);
}

/**
 * Products in which every query word matches (in any locale searched), best first; ties by product id so that
 * the order, and so a cursor's position in it, is total.
 */
export function rankMatches(words: readonly WordMatcher[], postings: readonly SearchPosting[], preferredLocale: string): RankedHit[] {
  const best = new Map<string, (WordMatch | undefined)[]>();
  for (const posting of postings) {
    for (let index = 0; index < words.length; index++) {
      const score = matchScore(words[index]!, posting, preferredLocale);
      if (score === 0) continue;
      let matches = best.get(posting.productId);
      if (!matches) best.set(posting.productId, (matches = new Array<WordMatch | undefined>(words.length)));
      if ((matches[index]?.score ?? 0) < score) matches[index] = { score, posting };
    }
  }
  const hits: RankedHit[] = [];
  for (const [productId, matches] of best) {
    const found = matches.filter((match): match is WordMatch => match !== undefined);
    if (found.length < words.length) continue;
    const fallback = found.find((match) => match.posting.locale !== preferredLocale);
    const fields = new Set(found.flatMap((match) => match.posting.fields));
    hits.push({
      productId,
      score: found.reduce((sum, match) => sum + match.score, 0),
      locale: fallback ? fallback.posting.locale : preferredLocale,
      isFallback: fallback !== undefined,
      fields: (Object.keys(FIELD_WEIGHTS) as SearchField[]).filter((field) => fields.has(field)),
    });
  }
  return hits.sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** The position of a hit in a ranked list, for keyset paging: strictly after it come lower scores, then larger ids. */
export function isAfter(hit: Pick<RankedHit, 'score' | 'productId'>, position: { score: number; productId: string }): boolean {
  return hit.score < position.score || (hit.score === position.score && hit.productId > position.productId);
}
