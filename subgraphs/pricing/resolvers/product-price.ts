import { createTranslator } from '../../common/i18n/index.ts';
import { formatMoney, isZero, omnibusApplies, omnibusCompareAt, unitPriceOf } from '../domain/index.ts';
import type { ProductPriceResolvers } from '../generated/resolver-types.ts';
import { findPriorPrice } from '../services/find-prior-price.ts';
import { moneyView } from '../views/money-view.ts';
import { unitPriceView } from '../views/unit-price-view.ts';

/**
 * `ProductPrice`: the view `Product.price` builds, plus the notes and the figures of the EU price-reduction rule
 * (Omnibus Directive). Outside the EU/EEA the struck-through price is the regular one and there is no 30-day figure.
 */
export const ProductPrice: ProductPriceResolvers = {
  destinationPrecision: (price) => price.destination.precision,
  /**
   * The small print a shop must show beside a cross-border price, in the shopper's language — whether VAT is
   * included, and whether import duty is included, or what is due on delivery (duty, import VAT and the carrier's
   * fee) where the carrier collects it.
   */
  notes(price, args, context) {
    const locale = args.locale ?? context.requestLocale ?? price.market.locale;
    const { t, formattingLocale } = createTranslator(locale);
    const notes = [t(price.taxIncluded ? 'price.taxIncluded' : 'price.taxExcluded')];
    const { duty } = price;
    // Where the carrier collects on delivery, the note names all of it: duty, import VAT/GST and the carrier's fee.
    const due = price.dueOnDelivery.money;
    if (price.collection.collector === 'CARRIER_ON_DELIVERY') {
      if (!isZero(due)) notes.push(t('price.dutyEstimate', { amount: formatMoney(due, formattingLocale) }));
    } else if (duty && !isZero(duty.amount.money)) {
      notes.push(
        duty.included ? t('price.dutyIncluded') : t('price.dutyEstimate', { amount: formatMoney(duty.amount.money, formattingLocale) }),
      );
    }
    return notes;
  },
  async compareAt(price, _args, context) {
    if (!price.compareAt || !omnibusApplies(price.market.country)) return price.compareAt;
    const lowest = omnibusCompareAt(price.amount.money, await findPriorPrice(price.productId, price.market.country, context));
    return lowest ? moneyView(lowest, price.market) : null;
  },
  async lowestPrior30Days(price, _args, context) {
    if (!omnibusApplies(price.market.country)) return null;
    const lowest = (await findPriorPrice(price.productId, price.market.country, context))?.lowestPrior;
    return lowest ? moneyView(lowest, price.market) : null;
  },
  /** The price per kg or litre beside `amount`, as shown, where the market's rule (reference data) asks for one. */
  async unitPrice(price, _args, context) {
    const rule = await context.loaders.unitPriceRuleIn(price.market.country);
    const { hsCode, netQuantity } = price.goods;
    const perQuantity = unitPriceOf({ sellingPrice: price.amount.money, netQuantity, hsCode, rule });
    return perQuantity && rule ? unitPriceView(perQuantity, price.market, rule.source) : null;
  },
};
