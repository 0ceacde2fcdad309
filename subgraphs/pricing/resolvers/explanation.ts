// Only resolvers/Quote.ts imports this path; it moves to the new one when Quote.ts is rewritten.
export { explanationOf } from '../views/explanation.ts';
