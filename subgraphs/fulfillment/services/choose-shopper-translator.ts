import { createTranslator, SUPPORTED_LANGUAGES, type MessageKey, type Translator } from '../../common/i18n/index.ts';
import type { MarketContext } from '../../common/market-context.ts';
import { negotiateLocale } from '../../common/locale/index.ts';
import { createMemoCache } from '../../common/memo-cache.ts';
import type { Translate } from '../domain/index.ts';

/** A translator for the shopper, and the `Translate` shape the fulfillment text helpers take. */
export interface ShopperTranslator {
  translator: Translator;
  translate: Translate;
}

// Requested tag → translator pair. Both halves are immutable and a pure function of the tag (see
// createTranslator), so sharing them across fields and requests can never serve a stale or foreign answer;
// `locale` arguments are tags of at most 64 characters, and 1 000 entries bound the rest.
const shopperTranslators = createMemoCache<ShopperTranslator>('fulfillment.shopperTranslators', 1_000);

/**
 * The graph's own strings for this shopper: the field's `locale` argument when given, else the best
 * `Accept-Language` entry among the languages the catalogs exist in, else English. The header's own tag is
 * kept (`de-CH`, not just `de`) so dates are written the way that region writes them.
 */
export function chooseShopperTranslator(market: MarketContext, locale: string | null | undefined): ShopperTranslator {
  const requested =
    locale ??
    (() => {
      const negotiated = negotiateLocale({
        acceptLanguage: market.acceptLanguage,
        available: SUPPORTED_LANGUAGES,
        defaultLocale: 'en',
      });
      return negotiated.chain[0] ?? negotiated.locale;
    })();
  let shopper = shopperTranslators.get(requested);
  if (shopper === undefined) {
    const translator = createTranslator(requested);
    // The domain's text helpers only build keys of the shared catalog (delivery.*, shipping.reason.*).
    const translate: Translate = (key, options) => translator.t(key as MessageKey, options);
    shopper = Object.freeze({ translator, translate });
    // Only tags of a plausible length are remembered (so not through `memoize`).
    if (requested.length <= 64) shopperTranslators.set(requested, shopper);
  }
  return shopper;
}
