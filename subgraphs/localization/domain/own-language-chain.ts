import { canonicalizeLocale, languageOf, lookupChain, scriptOf } from '../../common/locale/index.ts';

/**
 * The tags text in `locale`'s own language and script may be stored under: its `lookupChain`, closed by the
 * language with its script spelled out. `lookupChain('zh-CN')` is `['zh-CN', 'zh']`, yet Simplified content is
 * stored as `zh-Hans` (the script-bearing tag, so it can never be mistaken for Traditional): without the
 * closing tag a mainland request would call Simplified text a fallback, and a `zh-CN` site would not find it.
 * 'de-CH' → ['de-CH', 'de', 'de-Latn'] (the extra tag is harmless where nothing is stored under it).
 */
export function ownLanguageChain(locale: string): string[] {
  const canonical = canonicalizeLocale(locale);
  const chain = lookupChain(canonical);
  const script = scriptOf(canonical);
  const scripted = script === undefined ? undefined : `${languageOf(canonical)}-${script}`;
  return scripted === undefined || chain.includes(scripted) ? chain : [...chain, scripted];
}
