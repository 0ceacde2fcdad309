import { notShippableSentence } from '../domain/index.ts';
import { shopperTranslator } from '../shopper-translator.ts';
import type { FulfillmentContext } from '../context.ts';
import type { UnshippableLineParent } from './Quote.ts';

type LocaleArgs = { locale?: string | null };

/** A cart line that cannot ship, with its reason as data and as a sentence. */
export const UnshippableLine = {
  productId: (line: UnshippableLineParent) => line.productId,
  quantity: (line: UnshippableLineParent) => line.quantity,
  reason: (line: UnshippableLineParent) => line.reason,
  restrictedTag: (line: UnshippableLineParent) => line.tag ?? null,
  message(line: UnshippableLineParent, args: LocaleArgs, context: FulfillmentContext): string {
    const { translator, translate } = shopperTranslator(context.market, args.locale);
    return notShippableSentence(
      { reason: line.reason, country: line.country, locale: translator.formattingLocale, ...(line.tag === undefined ? {} : { tag: line.tag }) },
      translate,
    );
  },
};
