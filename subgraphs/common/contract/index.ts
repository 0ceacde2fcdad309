// The shared contract: what the gateway and every subgraph agree on. Re-exports only.
export * from './country.ts';
export * from './currency.ts';
export * from './errors.ts';
export * from './format-error.ts';
export * from './headers.ts';
export * from './locale.ts';
export * from './money.ts';
export * from './representations.ts';
export * from './requires.ts';
export * from './scalars.ts';
export * from './shipping-charge.ts';
