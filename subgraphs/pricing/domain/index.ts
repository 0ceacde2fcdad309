// The pricing domain: pure functions, no GraphQL, no database. Re-exports only.
export * from './money.ts';
export * from './rounding.ts';
export * from './fx.ts';
export * from './ecb.ts';
export * from './tax.ts';
export * from './duty.ts';
export * from './collection.ts';
export * from './market.ts';
export * from './landed-cost.ts';
export * from './price-book.ts';
export * from './payment-methods.ts';
export * from './price-history.ts';
export * from './settlement.ts';
export * from './explanation.ts';
export * from './shopper-price.ts';
export * from './priced-quote.ts';
export * from './quote-breakdown.ts';
