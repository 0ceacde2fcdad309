import type { CostMap } from './cost.ts';

/**
 * Meridian's cost weights and list sizes (`@cost`/`@listSize` of the IBM cost spec), kept here rather than as
 * federation directives in the subgraphs' SDL: the gateway's API schema drops composed directives, so a map
 * beside it is what the gateway can read. Weights follow what a field makes the graph do: a field another
 * subgraph resolves is an entity fetch plus that subgraph's work (fulfillment plans calendars and lanes per
 * product, pricing converts and taxes).
 */
export const DEFAULT_COST_MAP: CostMap = {
  weights: {
    'Product.content': 2,
    'Product.price': 3,
    'Product.delivery': 5,
    'Quote.pricedLines': 2,
    'Query.quote': 3,
  },
  listSizes: {
    // `first` is 1 to 100 and a quote 1 to 100 lines; the products subgraph refuses more (BAD_USER_INPUT).
    'Query.products': { slicingArguments: ['first'], sizedFields: ['nodes', 'edges'], maxSize: 100 },
    // Pricing prices every line of a quote whichever of its fields is asked: the quote weighs 3 per line.
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

/** Highest estimated cost one operation may have. The product page costs ~20; 100 products with price and
 * delivery ~900. */
export const DEFAULT_MAX_COST = 5_000;
