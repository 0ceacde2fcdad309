// The products domain: pure functions, no GraphQL, no database. Re-exports only.
export * from './cursor.ts';
export * from './quote-request.ts';
export * from './product-projection.ts';
export * from './category-path.ts';
export * from './personal-data-seal.ts';
