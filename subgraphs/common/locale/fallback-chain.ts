import { createMemoCache, memoize } from '../memo-cache.ts';
import { canonicalizeLocale } from '../contract/locale.ts';
import { languageOf, scriptOf } from './locale-tag.ts';

/**
 * The tags to try for content in one language, most specific first, never leaving that language's
 * writing system. 'de-AT' → ['de-AT', 'de']; 'zh-TW' → ['zh-TW', 'zh-Hant-TW', 'zh-Hant'].
 *
 * Plain truncation (RFC 4647 lookup) would send 'zh-Hant-TW' to bare 'zh', and bare 'zh' content
 * is Simplified by convention: a Taiwanese shopper would get the wrong script labelled as Chinese.
 * So every candidate must have the same script as the request, where a tag without a script gets
 * its likely one from CLDR ('zh' → Hans, 'zh-TW' → Hant). Script-bearing spellings ('zh-Hant') are
 * only tried when the script is not the language's default, so 'de-AT' does not try 'de-Latn'.
 * Extensions ('-u-ca-…') and variants are dropped along the way: content is never keyed by them.
 *
 * @throws DomainError BAD_USER_INPUT when `locale` is not a well-formed tag.
 */
export function lookupChain(locale: string): string[] {
  // Only tags short enough to be tags are remembered (longer ones throw anyway).
  const chain =
    typeof locale === 'string' && locale.length <= 64
      ? memoize(lookupChains, locale, () => Object.freeze(computeLookupChain(locale)))
      : computeLookupChain(locale);
  // A copy: the cached chain is shared and a caller may change what it gets.
  return [...chain];
}

// Tag → lookup chain, and (tag, default) → fallback chain. Pure functions of their keys and of the CLDR data
// in this Node binary, so an entry never goes stale; a malformed tag throws and is never stored. Keys are at
// most 64 (or 2 × 64) characters, so 5 000 entries stay under a few megabytes while real traffic uses dozens.
const lookupChains = createMemoCache<readonly string[]>('common.lookupChain', 5_000);
const fallbackChains = createMemoCache<readonly string[]>('common.fallbackChain', 5_000);

function computeLookupChain(locale: string): string[] {
  const requested = new Intl.Locale(canonicalizeLocale(locale));
  const { region } = requested;
  const language = languageOf(requested.baseName);
  const script = scriptOf(requested.baseName);
  const scriptIsDistinctive = script !== scriptOf(language);
  const candidates = [
    requested.baseName,
    joinSubtags(language, requested.script, region),
    scriptIsDistinctive ? joinSubtags(language, script, region) : undefined,
    joinSubtags(language, undefined, region),
    scriptIsDistinctive || requested.script !== undefined ? joinSubtags(language, script, undefined) : undefined,
    language,
  ];
  return unique(candidates.filter((tag): tag is string => tag !== undefined && scriptOf(tag) === script));
}

/** Options for `fallbackChain`. */
export interface FallbackChainOptions {
  /** The graph's last-resort language (for example 'en'); its own chain closes every fallback chain. */
  defaultLocale: string;
}

/**
 * Where content for `locale` comes from, in order: its own `lookupChain`, then the default
 * language's. 'de-AT' → ['de-AT', 'de', 'en']; 'zh-Hant-TW' → ['zh-Hant-TW', 'zh-TW', 'zh-Hant', 'en'].
 * The default is a different language on purpose (the response says which one was used), but a
 * default that is the same language in another script ('zh' for a 'zh-Hant' request) is left out:
 * serving Simplified as if it were Traditional is the one mistake the chain exists to prevent.
 *
 * @throws DomainError BAD_USER_INPUT when `locale` or `defaultLocale` is not a well-formed tag.
 */
export function fallbackChain(locale: string, options: FallbackChainOptions): string[] {
  const key = `${locale}\u0000${options.defaultLocale}`;
  const chain =
    key.length <= 129
      ? memoize(fallbackChains, key, () => Object.freeze(computeFallbackChain(locale, options.defaultLocale)))
      : computeFallbackChain(locale, options.defaultLocale);
  return [...chain];
}

function computeFallbackChain(locale: string, defaultLocale: string): string[] {
  const own = lookupChain(locale);
  return unique([...own, ...lookupChain(defaultLocale).filter((tag) => !isOtherScriptOf(tag, own[0] ?? locale))]);
}

/** Whether `candidate` is `requested`'s language written in a different script. */
export function isOtherScriptOf(candidate: string, requested: string): boolean {
  return languageOf(candidate) === languageOf(requested) && scriptOf(candidate) !== scriptOf(requested);
}

function joinSubtags(language: string, script: string | undefined, region: string | undefined): string {
  return [language, script, region].filter((subtag) => subtag !== undefined).join('-');
}

function unique(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
