// Only resolvers/Quote.ts imports this path; it moves to services/load-pricing-inputs.ts when Quote.ts is rewritten.
export { loadPricingInputs } from './services/load-pricing-inputs.ts';
