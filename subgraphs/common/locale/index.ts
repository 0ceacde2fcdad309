// Locale negotiation shared by every subgraph that speaks to shoppers: Accept-Language parsing, BCP 47
// fallback chains, the choice of a request's locale. Re-exports only.
export * from './accept-language.ts';
export * from './fallback-chain.ts';
export * from './locale-tag.ts';
export * from './negotiate.ts';
export { canonicalizeLocale, tryCanonicalizeLocale } from '../contract/locale.ts';
