import { indexTermsOf } from './search-analyzer.ts';
import { FIELD_WEIGHTS, type SearchField, type SearchPosting } from './search-ranking.ts';

/** A piece of a product's searchable text: its title, description, a category name or attribute label. */
export interface SearchableText {
  field: SearchField;
  locale: string;
  text: string;
}

/** The index rows of one product: one per (term, locale), with every field the term occurs in. */
export function postingsOf(productId: string, texts: readonly SearchableText[]): SearchPosting[] {
  const byKey = new Map<string, SearchPosting>();
  for (const { field, locale, text } of texts) {
    for (const term of indexTermsOf(text, locale)) {
      const key = `${locale}\u0000${term}`;
      const posting = byKey.get(key);
      if (!posting) {
        byKey.set(key, { productId, term, locale, weight: FIELD_WEIGHTS[field], fields: [field] });
      } else if (!posting.fields.includes(field)) {
        posting.fields.push(field);
        posting.weight = Math.max(posting.weight, FIELD_WEIGHTS[field]);
      }
    }
  }
  return [...byKey.values()];
}
