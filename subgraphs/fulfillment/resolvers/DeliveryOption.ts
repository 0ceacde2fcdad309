import { encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { businessDaysUntil, deliverySentence, type DeliveryOption as Option, type Destination } from '../domain/index.ts';
import { shopperTranslator } from '../shopper-translator.ts';
import type { FulfillmentContext } from '../context.ts';

/** One option with the destination it was estimated for (its calendar and its market). */
export interface OptionParent {
  option: Option;
  destination: Destination;
}

export const DeliveryOption = {
  level: ({ option }: OptionParent) => option.service.level,
  carrier: ({ option }: OptionParent) => option.service.carrier,
  earliest: ({ option }: OptionParent) => option.estimate.earliest,
  latest: ({ option }: OptionParent) => option.estimate.latest,
  chargeableWeightGrams: ({ option }: OptionParent) => option.chargeableGrams,
  // The carrier's price in the lane's currency; pricing converts it for the destination's market.
  charge: ({ option, destination }: OptionParent) => ({
    id: encodeShippingChargeId({ charge: option.price, country: destination.country }),
  }),
  text({ option, destination }: OptionParent, args: { locale?: string | null }, context: FulfillmentContext): string {
    const { translator, translate } = shopperTranslator(context.market, args.locale);
    const { earliest, latest } = option.estimate;
    const businessDays = businessDaysUntil(context.now, destination, option.estimate);
    return deliverySentence({ earliest, latest, locale: translator.formattingLocale, timeZone: destination.timeZone, businessDays }, translate);
  },
  businessDaysMin: ({ option, destination }: OptionParent, _args: unknown, context: FulfillmentContext) =>
    businessDaysUntil(context.now, destination, option.estimate).min,
  businessDaysMax: ({ option, destination }: OptionParent, _args: unknown, context: FulfillmentContext) =>
    businessDaysUntil(context.now, destination, option.estimate).max,
};
