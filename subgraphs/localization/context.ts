import type { NegotiatedLocale } from '../common/locale/index.ts';
import type { MarketContext } from '../common/market-context.ts';
import type { RequestMemo } from '../common/request-memo.ts';
import type { LocalizationLoaders } from './loaders.ts';
import type { LocalizationModels } from './models.ts';

/** What every localization resolver receives. */
export interface LocalizationContext {
  models: LocalizationModels;
  loaders: LocalizationLoaders;
  market: MarketContext;
  /** The request's content negotiations by explicit locale ('' for none): see `negotiateContent`. */
  negotiations: RequestMemo<Readonly<NegotiatedLocale>>;
}
