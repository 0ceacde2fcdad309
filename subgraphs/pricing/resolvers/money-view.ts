// Only resolvers/Quote.ts imports this path; it moves to the new one when Quote.ts is rewritten.
export { moneyView } from '../views/money-view.ts';
