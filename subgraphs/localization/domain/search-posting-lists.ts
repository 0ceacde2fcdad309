// How the search index is stored: per product, its terms (the forward index: what to remove when its text
// changes); per term and locale, the products holding it (the inverted index a query reads), split into buckets.
// Pure: no database here, only the shapes and the arithmetic that maps between them.
import { FIELD_WEIGHTS, type SearchField, type SearchPosting } from './search-ranking.ts';

/** The fields a term occurs in, as bits: one small integer per posting instead of an array of names. */
const FIELD_BITS: Readonly<Record<SearchField, number>> = { title: 1, category: 2, attribute: 4, description: 8 };
const FIELDS_IN_ORDER = Object.keys(FIELD_WEIGHTS) as SearchField[];

/**
 * Buckets per (term, locale): a term's postings are spread over up to this many documents by product id, so a
 * document stays far below MongoDB's 16 MiB whatever the catalog's size ({@link POSTING_BYTES} a posting: a term in
 * every product of a 10-million-product catalog makes buckets of about 8 MiB), and a change to one product
 * rewrites one bucket per term, a sixteenth of the term's list.
 */
export const POSTING_BUCKETS = 16;

/** Bytes of one posting in a packed list: the product's 12-byte ObjectId, then its field mask. */
export const POSTING_BYTES = 13;

/** The bits of `fields`. */
export function fieldMaskOf(fields: readonly SearchField[]): number {
  let mask = 0;
  for (const field of fields) mask |= FIELD_BITS[field];
  return mask;
}

/** The fields of a mask, in the order of {@link FIELD_WEIGHTS}. */
export function fieldsOfMask(mask: number): SearchField[] {
  return FIELDS_IN_ORDER.filter((field) => (mask & FIELD_BITS[field]) !== 0);
}

/** The heaviest weight among a mask's fields. */
export function weightOfMask(mask: number): number {
  let weight = 0;
  for (const field of FIELDS_IN_ORDER) if ((mask & FIELD_BITS[field]) !== 0) weight = Math.max(weight, FIELD_WEIGHTS[field]);
  return weight;
}

/** The bucket of a product's postings, the same for every term: FNV-1a of its id, modulo {@link POSTING_BUCKETS}. */
export function postingBucketOf(productId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < productId.length; index++) {
    hash ^= productId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % POSTING_BUCKETS;
}

/**
 * One locale's terms of a product's text, packed as the forward index stores them: the terms separated by a space
 * (a term is a word, never holding one), and the fields each occurs in, one hexadecimal digit (its mask) per term
 * in the same order. Packed, a product's forward index is a few strings, not a string per term and an array
 * (about 5 KiB a product in the embedded database's heap as arrays, under 3 packed).
 */
export interface ProductTerms {
  locale: string;
  terms: string;
  fields: string;
}

/** A product's postings grouped by locale, as the forward index stores them. */
export function productTermsOf(postings: readonly SearchPosting[]): ProductTerms[] {
  const byLocale = new Map<string, { terms: string[]; fields: number[] }>();
  for (const posting of postings) {
    if (/\s/.test(posting.term)) throw new Error(`A search term holds a space: "${posting.term}"`);
    let entry = byLocale.get(posting.locale);
    if (!entry) byLocale.set(posting.locale, (entry = { terms: [], fields: [] }));
    entry.terms.push(posting.term);
    entry.fields.push(fieldMaskOf(posting.fields));
  }
  return [...byLocale].map(([locale, { terms, fields }]) => ({
    locale,
    terms: terms.join(' '),
    fields: fields.map((mask) => mask.toString(16)).join(''),
  }));
}

/** The terms of one locale's entry, in order. */
export function termsOf(entry: Pick<ProductTerms, 'terms'>): string[] {
  return entry.terms === '' ? [] : entry.terms.split(' ');
}

/** One product in a term's posting list: the fields of its text the term occurs in, as a mask. */
export interface ListedProduct {
  productId: string;
  fields: number;
}

/** Where a product's posting of a term lives: the term, its locale and the product's bucket. */
export interface PostingListKey {
  term: string;
  locale: string;
  bucket: number;
}

/** A string naming a posting list, for maps and sets. */
export function postingListKeyOf({ term, locale, bucket }: PostingListKey): string {
  return `${locale}\u0000${term}\u0000${bucket}`;
}

/** The posting list a key string names (the inverse of {@link postingListKeyOf}). */
export function parsePostingListKey(key: string): PostingListKey {
  const [locale, term, bucket] = key.split('\u0000') as [string, string, string];
  return { term, locale, bucket: Number(bucket) };
}

/** Every (list, posting) a product's forward index holds: what adding it writes and removing it pulls. */
export function* listedPostingsOf(productId: string, terms: readonly ProductTerms[]): Generator<[string, ListedProduct]> {
  const bucket = postingBucketOf(productId);
  for (const entry of terms) {
    const words = termsOf(entry);
    for (let index = 0; index < words.length; index++) {
      const fields = Number.parseInt(entry.fields[index]!, 16);
      yield [postingListKeyOf({ term: words[index]!, locale: entry.locale, bucket }), { productId, fields }];
    }
  }
}

/**
 * A list's postings packed as stored: {@link POSTING_BYTES} per product, in product id order. Packed, a list costs
 * its bytes and nothing per posting, in MongoDB's cache as in the embedded database's heap (an array of
 * sub-documents cost the embedded database about 240 bytes a posting).
 */
export function packPostings(postings: Iterable<ListedProduct>): Buffer {
  const sorted = [...postings].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  const bytes = Buffer.allocUnsafe(sorted.length * POSTING_BYTES);
  sorted.forEach(({ productId, fields }, index) => {
    const at = index * POSTING_BYTES;
    if (bytes.write(productId, at, 12, 'hex') !== 12) throw new Error(`Not an ObjectId: "${productId}"`);
    bytes[at + 12] = fields;
  });
  return bytes;
}

/** The postings of a packed list, in product id order. */
export function unpackPostings(bytes: Uint8Array): ListedProduct[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const postings: ListedProduct[] = [];
  for (let at = 0; at + POSTING_BYTES <= buffer.length; at += POSTING_BYTES) {
    postings.push({ productId: buffer.toString('hex', at, at + 12), fields: buffer[at + 12]! });
  }
  return postings;
}

/** The postings of a term's list, as ranking reads them. */
export function postingsOfList(list: { term: string; locale: string; postings: Uint8Array }): SearchPosting[] {
  return unpackPostings(list.postings).map(({ productId, fields }) => ({
    productId,
    term: list.term,
    locale: list.locale,
    weight: weightOfMask(fields),
    fields: fieldsOfMask(fields),
  }));
}
