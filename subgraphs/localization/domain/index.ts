// The localization domain: pure functions, no GraphQL, no database. Re-exports only.
export * from './coverage.ts';
export * from './regions.ts';
export * from './resolve-field.ts';
export * from './alternates.ts';
export * from './own-language-chain.ts';
export * from './content-locales.ts';
export * from './localized-text.ts';
export * from './address-format.ts';
export * from './search-analyzer.ts';
export * from './search-ranking.ts';
export * from './search-postings.ts';
export * from './search-posting-lists.ts';
