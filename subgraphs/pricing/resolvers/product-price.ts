import { createTranslator } from '../../common/i18n/index.ts';
import { formatMoney, isZero } from '../domain/index.ts';
import type { PricingContext } from '../context.ts';
import type { MoneyView } from './money-view.ts';

/** What `Product.price` resolves to, as far as the notes need it. */
interface PriceForNotes {
  market: { locale: string };
  taxIncluded: boolean;
  duty: { amount: MoneyView; included: boolean } | null;
}

/**
 * `ProductPrice.notes`: the small print a shop must show beside a cross-border price, in the shopper's
 * language — whether VAT is included, and whether import duty is included or due on delivery (with the amount).
 */
export const ProductPrice = {
  notes(price: PriceForNotes, args: { locale?: string | null }, context: PricingContext): string[] {
    const locale = args.locale ?? context.requestLocale ?? price.market.locale;
    const { t, formattingLocale } = createTranslator(locale);
    const notes = [t(price.taxIncluded ? 'price.taxIncluded' : 'price.taxExcluded')];
    if (price.duty && !isZero(price.duty.amount.money)) {
      notes.push(
        price.duty.included
          ? t('price.dutyIncluded')
          : t('price.dutyEstimate', { amount: formatMoney(price.duty.amount.money, formattingLocale) }),
      );
    }
    return notes;
  },
};
