import { tryCanonicalizeLocale } from '../contract/locale.ts';

/** One acceptable language range from an `Accept-Language` header. */
export interface LanguagePreference {
  /** Canonical BCP 47 tag, or '*' for "any other language". */
  readonly tag: string;
  /** Quality weight in (0, 1]; entries without `q=` weigh 1. */
  readonly q: number;
}

/** What a header says, split into the languages a shopper accepts and the ranges they refuse (q=0). */
export interface LanguageRanges {
  /** Best first; entries of equal weight keep the order the client sent them in. */
  readonly accepted: readonly LanguagePreference[];
  /** Ranges sent with q=0: "not this". A refused 'de' also refuses 'de-AT' (RFC 4647 basic filtering). */
  readonly refused: readonly string[];
}

/** Entries read per header. Browsers send fewer than ten; the rest of a longer header is ignored. */
const MAX_ENTRIES = 32;

// RFC 9110 §12.4.2 weight: 0 or 1 with up to three decimals. Anything else makes the entry garbage.
const WEIGHT = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Reads an `Accept-Language` header into accepted and refused ranges. Headers are hints from
 * clients we do not control, so this never throws: malformed entries ('en_US', 'q=abc', ';;')
 * are skipped and an absent or useless header gives empty lists.
 */
export function parseLanguageRanges(header: string | null | undefined): LanguageRanges {
  if (typeof header !== 'string') return { accepted: [], refused: [] };
  const accepted: LanguagePreference[] = [];
  const refused: string[] = [];
  for (const entry of header.split(',').slice(0, MAX_ENTRIES)) {
    const parsed = parseEntry(entry);
    if (parsed === null) continue;
    if (parsed.q === 0) refused.push(parsed.tag);
    else accepted.push(parsed);
  }
  // Array.prototype.sort is stable, so ties stay in the client's order.
  accepted.sort((a, b) => b.q - a.q);
  return { accepted: uniqueByTag(accepted), refused: [...new Set(refused)] };
}

/**
 * The languages a header accepts, best first (q-value descending, stable for ties), with q=0
 * entries left out and garbage skipped. See `parseLanguageRanges` when the refusals matter too.
 */
export function parseAcceptLanguage(header: string | null | undefined): LanguagePreference[] {
  return [...parseLanguageRanges(header).accepted];
}

/** Whether `tag` falls under `range` ('de' covers 'de' and 'de-AT', '*' covers everything). */
export function isInRange(tag: string, range: string): boolean {
  return range === '*' || tag === range || tag.startsWith(`${range}-`);
}

function parseEntry(entry: string): LanguagePreference | null {
  const [rawRange = '', ...params] = entry.split(';');
  const range = rawRange.trim();
  if (range === '') return null;
  let q = 1;
  for (const param of params) {
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).trim();
    const value = equals < 0 ? '' : param.slice(equals + 1).trim();
    if (name.toLowerCase() !== 'q') continue; // other parameters are not defined for this header
    if (!WEIGHT.test(value)) return null;
    q = Number(value);
  }
  const tag = range === '*' ? '*' : tryCanonicalizeLocale(range);
  return tag === null ? null : { tag, q };
}

/** Keeps the first (best-weighted) occurrence of each tag: 'de, de;q=0.5' means just 'de'. */
function uniqueByTag(preferences: LanguagePreference[]): LanguagePreference[] {
  const seen = new Set<string>();
  return preferences.filter((preference) => {
    if (seen.has(preference.tag)) return false;
    seen.add(preference.tag);
    return true;
  });
}
