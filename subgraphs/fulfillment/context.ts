import type { MarketContext } from '../common/market-context.ts';
import type { RequestMemo } from '../common/request-memo.ts';
import type { QuotePlan } from './domain/index.ts';
import type { FulfillmentLoaders } from './loaders.ts';
import type { FulfillmentModels } from './models.ts';

/** What every fulfillment resolver receives. */
export interface FulfillmentContext {
  models: FulfillmentModels;
  loaders: FulfillmentLoaders;
  market: MarketContext;
  /**
   * The instant this request is answered at: the subgraph's clock read once per request, so every product
   * of a page is estimated against the same cut-offs.
   */
  now: Date;
  /** The request's cart plans by quote (see services/plan-quote.ts): a quote's fields share one plan. */
  quotePlans: RequestMemo<Promise<QuotePlan>>;
}
