// The localization domain: pure functions, no GraphQL, no database. Re-exports only.
export * from './coverage.ts';
export * from './regions.ts';
export * from './resolve-field.ts';
export * from './alternates.ts';
export * from './own-language-chain.ts';
export * from './content-locales.ts';
export * from './localized-text.ts';
export * from './address-format.ts';
