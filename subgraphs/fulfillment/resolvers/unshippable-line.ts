import { notShippableSentence } from '../domain/index.ts';
import type { UnshippableLineResolvers } from '../generated/resolver-types.ts';
import { chooseShopperTranslator } from '../services/choose-shopper-translator.ts';

/** A cart line that cannot ship, with its reason as data and as a sentence. */
export const UnshippableLine: UnshippableLineResolvers = {
  productId: (line) => line.productId,
  quantity: (line) => line.quantity,
  reason: (line) => line.reason,
  restrictedTag: (line) => line.tag ?? null,
  message(line, args, context) {
    const { translator, translate } = chooseShopperTranslator(context.market, args.locale);
    return notShippableSentence(
      {
        reason: line.reason,
        country: line.country,
        locale: translator.formattingLocale,
        ...(line.tag === undefined ? {} : { tag: line.tag }),
      },
      translate,
    );
  },
};
