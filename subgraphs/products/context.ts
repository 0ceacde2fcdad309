import type { MarketContext } from '../common/market-context.ts';
import type { PersonalDataSeal } from './domain/personal-data-seal.ts';
import type { ProductLoaders } from './loaders.ts';
import type { ProductModels } from './models.ts';

/** What every products resolver receives. */
export interface ProductsContext {
  models: ProductModels;
  loaders: ProductLoaders;
  market: MarketContext;
  /** Seals the personal data a quote id carries (a Korean customs code). */
  personalData: PersonalDataSeal;
}
