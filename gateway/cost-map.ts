import type { CostMap } from './cost.ts';

/**
 * Meridian's cost weights and list sizes (`@cost`/`@listSize` of the IBM cost spec), kept here rather than as
 * federation directives in the subgraphs' SDL: the gateway's API schema drops composed directives, so a map
 * beside it is what the gateway can read. Calibrated against the CPU the whole stack spends per request
 * (`npm run calibrate:cost`, the table in the README): one unit is about the same CPU whatever the shape. What
 * dominates is per request and per subgraph fetch, not per field: every operation costs its own planning and
 * answering (`operationWeight`), every selection of a field another subgraph resolves costs a fetch
 * (`fetchWeights`, once per alias or spread, not per list item: the planner fetches a list's entities at once),
 * and each item of a list costs a fraction (a product in a page is a document read and a few fields).
 */
export const DEFAULT_COST_MAP: CostMap = {
  operationWeight: 6,
  objectWeight: 0.05,
  fetchWeights: {
    'Product.content': 4,
    'Product.price': 4,
    'Product.delivery': 4,
  },
  weights: {
    // A root product resolves on its own (its own read, its own entity path), a listed one in a batch.
    'Query.product': 0.7,
    'Product.content': 0.12,
    'Product.price': 0.1,
    'Product.delivery': 0.24,
    'Quote.pricedLines': 0.05,
    'Query.quote': 1.1,
  },
  listSizes: {
    // `first` is 1 to 100 and a quote 1 to 100 lines; the products subgraph refuses more (BAD_USER_INPUT).
    'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes', 'edges'], maxSize: 100 },
    // Pricing prices every line of a quote whichever of its fields is asked: the quote weighs per line.
    'Query.quote': { slicingArguments: ['lines'], sizedFields: ['lines', 'pricedLines'], weighsPerItem: true, maxSize: 100 },
    'Quote.breakdown': { assumedSize: 6 },
    'Query.warehouses': { assumedSize: 10 },
    'Query.markets': { assumedSize: 40 },
    'Query.fxRates': { assumedSize: 40 },
    'Query.categories': { assumedSize: 20 },
    'Query.translationCoverage': { assumedSize: 10 },
    'LocaleCoverage.missing': { assumedSize: 100 },
    // A market offers about a dozen payment methods, each with a limit in one or two currencies.
    'Market.paymentMethods': { assumedSize: 12 },
    'Quote.paymentMethods': { assumedSize: 12 },
    'PaymentMethod.limits': { assumedSize: 2 },
  },
  defaultListSize: 10,
};

/**
 * Highest estimated cost one operation may have: a page of 100 products with price, content and delivery is well
 * inside it, 45 aliases of that page far outside.
 */
export const DEFAULT_MAX_COST = 1_000;
