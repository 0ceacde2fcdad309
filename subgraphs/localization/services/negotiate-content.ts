import { negotiateLocale, type NegotiatedLocale } from '../../common/locale/index.ts';
import type { LocalizationContext } from '../context.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE } from '../domain/index.ts';

/**
 * The content locale of a field: its explicit `locale` argument, else the request's `Accept-Language`. Asked
 * once per product of a page with the same inputs, so each request remembers its answers (its header is fixed,
 * so the explicit tag spells every input; '' stands for none, as the Locale scalar never lets '' through).
 */
export function negotiateContent(
  { negotiations, market }: Pick<LocalizationContext, 'negotiations' | 'market'>,
  explicit: string | null | undefined,
): Readonly<NegotiatedLocale> {
  // A malformed explicit locale throws every time it is asked: errors are not remembered.
  return negotiations.get(explicit ?? '', () => {
    const negotiated = negotiateLocale({
      explicit,
      acceptLanguage: market.acceptLanguage,
      available: CONTENT_LOCALES,
      defaultLocale: DEFAULT_CONTENT_LOCALE,
    });
    Object.freeze(negotiated.chain);
    return Object.freeze(negotiated);
  });
}
