// The fulfillment domain: pure functions, no GraphQL, no database. Re-exports only.
export * from './business-days.ts';
export * from './calendar.ts';
export * from './cart-plan.ts';
export * from './choose.ts';
export * from './compliance.ts';
export * from './delivery-plan.ts';
export * from './destination-zone.ts';
export * from './market.ts';
export * from './estimate.ts';
export * from './rates.ts';
export * from './services.ts';
export * from './text.ts';
export * from './warehouse.ts';
export * from './destination-area.ts';
