import { createMemoCache, memoize } from '../memo-cache.ts';
import { badUserInput } from '../contract/errors.ts';
import { canonicalizeLocale } from '../contract/locale.ts';
import { isInRange, parseLanguageRanges, type LanguagePreference } from './accept-language.ts';
import { fallbackChain, isOtherScriptOf, lookupChain } from './fallback-chain.ts';
import { isKnownLocale, languageOf, scriptOf } from './locale-tag.ts';

/** Where the negotiated locale came from; reported so clients can tell a choice from a guess. */
export const LocaleSource = {
  /** The field argument named it. */
  EXPLICIT: 'EXPLICIT',
  /** The shopper's `Accept-Language` header picked it. */
  HEADER: 'HEADER',
  /** Nothing usable was asked for; the graph's default language. */
  DEFAULT: 'DEFAULT',
} as const;
export type LocaleSource = (typeof LocaleSource)[keyof typeof LocaleSource];

/** What `negotiateLocale` weighs. */
export interface NegotiateLocaleInput {
  /** A locale the query asked for explicitly (a field argument). Wins over the header. */
  explicit?: string | null | undefined;
  /** The raw `Accept-Language` header, used only when `explicit` is absent. */
  acceptLanguage?: string | null | undefined;
  /** Locales the graph serves, as BCP 47 tags (configuration: a malformed one throws). */
  available: readonly string[];
  /** The last-resort locale, for example 'en'. */
  defaultLocale: string;
}

/** The outcome of negotiation. */
export interface NegotiatedLocale {
  /** The best available locale for this request: what the response says it used for its own strings. */
  locale: string;
  /** Tags to try for each piece of content, best first (pass to `resolveField`); ends with the default. */
  chain: string[];
  source: LocaleSource;
}

/**
 * Picks the locale for a request and the chain its content falls back along.
 *
 * An explicit locale is a deliberate choice, so a malformed or unknown one ('en_US', 'xx') is a
 * BAD_USER_INPUT naming it; a known language we do not serve ('sw') is honoured as far as content
 * allows and otherwise falls back to the default, visible through `locale`. The header is a browser's
 * hint, so a garbage header quietly yields the default. Header languages after the winning one stay
 * in `chain` (before the default), because a shopper who accepts 'fr, de' prefers German to English
 * for a field missing in French. A bare language a browser appends after another script of it
 * ('zh-TW,zh') is ignored, so Traditional requests never reach Simplified content. Refused ranges
 * (q=0) are never picked, but the default always closes the chain: an English title beats an empty page.
 */
export function negotiateLocale(input: NegotiateLocaleInput): NegotiatedLocale {
  const key = negotiationKey(input);
  // A request that cannot be served (a malformed explicit tag, a bad configuration) throws here and is
  // never remembered, so it is judged afresh every time.
  const negotiated = key === undefined ? frozenNegotiation(input) : memoize(negotiations, key, () => frozenNegotiation(input));
  // A fresh object: the cached answer is shared, and callers may change what they get.
  return { locale: negotiated.locale, chain: [...negotiated.chain], source: negotiated.source };
}

// (explicit tag, Accept-Language header, available set, default) → the negotiated locale and chain. A pure
// function of those inputs and of the CLDR data in this Node binary (no clock, no request state), so an entry
// never goes stale. Keys are capped at 1 KiB (a longer header is negotiated without the cache), so the
// 2 000 entries stay within a couple of megabytes while a storefront sees a few dozen distinct headers.
const negotiations = createMemoCache<NegotiatedLocale>('common.negotiation', 2_000);

/** {@link computeNegotiatedLocale}'s answer with its chain frozen, as remembered answers are shared. */
function frozenNegotiation(input: NegotiateLocaleInput): NegotiatedLocale {
  const negotiated = computeNegotiatedLocale(input);
  Object.freeze(negotiated.chain);
  return negotiated;
}
const MAX_KEY_LENGTH = 1_024;

function negotiationKey(input: NegotiateLocaleInput): string | undefined {
  const { explicit, acceptLanguage } = input;
  if ((explicit != null && typeof explicit !== 'string') || (acceptLanguage != null && typeof acceptLanguage !== 'string'))
    return undefined;
  // JSON keeps the parts apart whatever characters a header holds; a header is irrelevant once a tag is explicit.
  const key = JSON.stringify([explicit ?? null, explicit != null ? null : (acceptLanguage ?? null), input.available, input.defaultLocale]);
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

function computeNegotiatedLocale(input: NegotiateLocaleInput): NegotiatedLocale {
  const defaultLocale = canonicalizeLocale(input.defaultLocale);
  const available = input.available.map(canonicalizeLocale);

  if (input.explicit != null) {
    const requested = canonicalizeLocale(input.explicit);
    if (!isKnownLocale(requested)) {
      throw badUserInput(`Unknown locale "${requested}": no such language, script or region`, { locale: requested });
    }
    const match = bestAvailable(requested, available, []);
    // Without a match the default closes the chain anyway, filtered against the wrong script.
    const chain = closeChain(match === undefined ? [requested] : [requested, match], defaultLocale);
    return { locale: match ?? defaultLocale, chain, source: LocaleSource.EXPLICIT };
  }

  const { accepted: listed, refused } = parseLanguageRanges(input.acceptLanguage);
  const accepted = listed.filter((preference, index) => !isBrowserAddedBase(preference.tag, listed.slice(0, index)));
  for (const [index, preference] of accepted.entries()) {
    const locale =
      preference.tag === '*'
        ? [defaultLocale, ...available].find((tag) => !isRefused(tag, refused))
        : bestAvailable(preference.tag, available, refused);
    if (locale === undefined) continue;
    const laterChoices = accepted
      .slice(index + 1)
      .map((later) => later.tag)
      .filter((tag) => tag !== '*');
    const requested = preference.tag === '*' ? [locale] : [preference.tag, locale, ...laterChoices];
    return { locale, chain: closeChain(requested, defaultLocale, refused), source: LocaleSource.HEADER };
  }

  return { locale: defaultLocale, chain: fallbackChain(defaultLocale, { defaultLocale }), source: LocaleSource.DEFAULT };
}

/**
 * The available locale that best serves `requested`: first along its lookup chain ('de-AT' → 'de'),
 * else another region of the same language and script ('de' → 'de-DE'), preferring the region the
 * language is most likely to mean (CLDR likely subtags: 'de' → DE, 'pt' → BR); undefined when none fits.
 */
function bestAvailable(requested: string, available: readonly string[], refused: readonly string[]): string | undefined {
  const usable = available.filter((tag) => !isRefused(tag, refused));
  const alongChain = lookupChain(requested).find((tag) => usable.includes(tag));
  if (alongChain !== undefined) return alongChain;
  const language = languageOf(requested);
  const sameWriting = usable.filter((tag) => languageOf(tag) === language && scriptOf(tag) === scriptOf(requested));
  const likelyRegion = new Intl.Locale(requested).maximize().region;
  return sameWriting.find((tag) => new Intl.Locale(tag).maximize().region === likelyRegion) ?? sameWriting[0];
}

/**
 * Joins the lookup chains of the requested tags (in order) and ends with the default's, keeping
 * the first occurrence of each tag, dropping refused ones and never letting the default's chain
 * bring in the first request's language in another script.
 */
function closeChain(requested: readonly string[], defaultLocale: string, refused: readonly string[] = []): string[] {
  const chain = requested.flatMap(lookupChain).filter((tag) => !isRefused(tag, refused));
  const first = requested[0] ?? defaultLocale;
  const tail = fallbackChain(defaultLocale, { defaultLocale }).filter((tag) => !isOtherScriptOf(tag, first));
  return [...new Set([...chain, ...tail])];
}

/**
 * Browsers append the bare language after a regional choice ('zh-TW,zh;q=0.9' is Chrome's default in
 * Taiwan), and bare 'zh' means Simplified. After an entry of the same language in another script,
 * such a bare entry is the browser's addition, not a wish for the other script, so it is dropped.
 * A tag with its own region or script ('zh-CN' after 'zh-TW') is a deliberate choice and stays.
 */
function isBrowserAddedBase(tag: string, earlier: readonly LanguagePreference[]): boolean {
  if (tag === '*' || new Intl.Locale(tag).baseName !== languageOf(tag)) return false;
  return earlier.some((preference) => preference.tag !== '*' && isOtherScriptOf(tag, preference.tag));
}

function isRefused(tag: string, refused: readonly string[]): boolean {
  return refused.some((range) => isInRange(tag, range));
}
