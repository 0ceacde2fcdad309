import type { MarketContext } from '../common/market-context.ts';
import type { LocalizationLoaders } from './loaders.ts';
import type { LocalizationModels } from './models.ts';

/** What every localization resolver receives. */
export interface LocalizationContext {
  models: LocalizationModels;
  loaders: LocalizationLoaders;
  market: MarketContext;
}
