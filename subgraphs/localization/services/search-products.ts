import { distance } from 'fastest-levenshtein';
import { badUserInput } from '../../common/contract/errors.ts';
import { findDocuments } from '../../common/find-documents.ts';
import type { LocalizationContext } from '../context.ts';
import {
  analyzeQuery,
  CONTENT_LOCALES,
  DEFAULT_CONTENT_LOCALE,
  deletionVariants,
  isAfter,
  postingsOfList,
  rankMatches,
  type QueryWord,
  type WordMatcher,
} from '../domain/index.ts';
import type { ProductSearchView } from '../mappers.ts';
import type { LocalizationModels, SearchPostingListDocument, SearchTermDocument } from '../models.ts';
import { negotiateContent } from './negotiate-content.ts';
import { postingBytesOf } from './search-documents.ts';

/** The longest query searched, in characters. */
const MAX_QUERY_LENGTH = 200;

/** A search as a client asks for it (`Query.searchProducts`). */
export interface ProductSearchRequest {
  query: string;
  locale?: string | null;
  first?: number | null;
  after?: string | null;
}

function encodeSearchCursor(score: number, productId: string): string {
  return Buffer.from(JSON.stringify([score, productId]), 'utf8').toString('base64url');
}

function decodeSearchCursor(cursor: string): { score: number; productId: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && Number.isInteger(decoded[0]) && typeof decoded[1] === 'string') {
      return { score: decoded[0] as number, productId: decoded[1] };
    }
  } catch {
    // reported below
  }
  throw badUserInput(`Invalid cursor "${cursor}": pass an endCursor returned by a previous page of the same search`, { cursor });
}

function checkRequest(request: ProductSearchRequest): number {
  const first = request.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw badUserInput(`Invalid page size ${first}: "first" must be between 1 and 100`, { first });
  }
  if (request.query.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`Search query too long (${request.query.length} characters): at most ${MAX_QUERY_LENGTH}`, {
      length: request.query.length,
    });
  }
  return first;
}

/** The indexed terms within each word's typo budget, found by their shared deletion variants, checked by edit distance. */
async function fuzzyMatchers(models: LocalizationModels, words: readonly QueryWord[]): Promise<WordMatcher[]> {
  const variants = new Set<string>();
  for (const word of words) {
    if (word.typos === 0) continue;
    for (const term of Object.values(word.terms)) for (const variant of deletionVariants(term, word.typos)) variants.add(variant);
  }
  const candidates =
    variants.size === 0
      ? []
      : await findDocuments<Pick<SearchTermDocument, '_id'>>(
          models.SearchTerm,
          { variants: { $in: [...variants] } },
          { projection: { _id: 1 } },
        );
  return words.map((word) => {
    const fuzzy = new Map<string, number>();
    if (word.typos > 0) {
      for (const { _id: candidate } of candidates) {
        const edits = Math.min(...Object.values(word.terms).map((term) => distance(term, candidate)));
        if (edits >= 1 && edits <= word.typos) fuzzy.set(candidate, edits);
      }
    }
    return { exact: word.terms, fuzzy };
  });
}

/**
 * Searches the catalog's text in the shopper's language (the explicit locale, else `Accept-Language`) and its
 * fallback chain down to English, typo-tolerant for longer words, best matches first; a product found only
 * through a fallback language's text says so. Pages by keyset over (score, product id).
 */
export async function searchProducts(context: LocalizationContext, request: ProductSearchRequest): Promise<ProductSearchView> {
  const first = checkRequest(request);
  const after = request.after ? decodeSearchCursor(request.after) : null;
  const negotiated = negotiateContent(context, request.locale);
  const content = new Set<string>(CONTENT_LOCALES);
  const locales = [...new Set([...negotiated.chain.filter((locale) => content.has(locale)), DEFAULT_CONTENT_LOCALE])];
  const words = analyzeQuery(request.query, locales);
  if (words.length === 0) throw badUserInput('Search query has no words: type at least one word to search for', { query: request.query });

  const matchers = await fuzzyMatchers(context.models, words);
  const terms = new Set(matchers.flatMap((matcher) => [...Object.values(matcher.exact), ...matcher.fuzzy.keys()]));
  // Every bucket of each term's list in each locale searched: one index range per term.
  const lists = await findDocuments<SearchPostingListDocument>(
    context.models.SearchPostingList,
    { term: { $in: [...terms] }, locale: { $in: locales } },
    { projection: { _id: 0, term: 1, locale: 1, postings: 1 }, batchSize: 10_000 },
  );
  const postings = lists.flatMap((list) => postingsOfList({ ...list, postings: postingBytesOf(list.postings) }));
  const ranked = rankMatches(matchers, postings, locales[0]!);
  const rest = after ? ranked.filter((hit) => isAfter(hit, after)) : ranked;
  const page = rest.slice(0, first);
  const edges = page.map((hit) => ({
    cursor: encodeSearchCursor(hit.score, hit.productId),
    node: { id: hit.productId },
    score: hit.score,
    locale: hit.locale,
    isFallback: hit.isFallback,
    matchedFields: hit.fields.map((field) => field.toUpperCase() as Uppercase<typeof field>),
  }));
  return {
    locale: locales[0]!,
    edges,
    nodes: edges.map((edge) => edge.node),
    totalCount: ranked.length,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
