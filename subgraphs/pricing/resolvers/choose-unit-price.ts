// Only resolvers/Quote.ts imports this path; it moves to the new one when Quote.ts is rewritten.
export { chooseUnitPrice } from '../services/choose-unit-price.ts';
