import type { Model } from 'mongoose';
import type { MarketContext } from '../common/market-context.ts';
import type { RequestMemo } from '../common/request-memo.ts';
import type { PricingConfig } from './config.ts';
import type { PricedQuote } from './domain/index.ts';
import type { PricingLoaders } from './loaders.ts';
import type { MarketRecord } from './records.ts';
import type { FxLockDocument, PricingModels } from './models.ts';
import type { PriceProjectionDocument } from './projection-models.ts';

/** What every pricing resolver receives. */
export interface PricingContext {
  models: PricingModels;
  loaders: PricingLoaders;
  market: MarketContext;
  /** The request's instant, read once from the injected clock: every price of a response uses the same "now". */
  now: Date;
  /** Locale of `Money.formatted` when the field names none: the best well-formed `Accept-Language` tag. */
  requestLocale: string | undefined;
  config: PricingConfig;
  /** Quotes priced in this request, so that `items`, `tax`, `total`… of one quote price it once (key: `spellQuoteKey`). */
  quotes: RequestMemo<Promise<PricedQuote<MarketRecord>>>;
  /** Exchange-rate locks (`fx_locks`), written by requests, so not among the seeded `models`. */
  fxLocks: Model<FxLockDocument>;
  /** The price projection (`price_projections`): derived rows the projector writes, so not among `models`. */
  priceProjections: Model<PriceProjectionDocument>;
}
