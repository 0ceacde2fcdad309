import type { MarketContext } from '../common/market-context.ts';
import type { ProductLoaders } from './loaders.ts';
import type { ProductModels } from './models.ts';

/** What every products resolver receives. */
export interface ProductsContext {
  models: ProductModels;
  loaders: ProductLoaders;
  market: MarketContext;
}
