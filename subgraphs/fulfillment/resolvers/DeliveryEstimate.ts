import { encodeShippingChargeId } from '../../common/contract/shipping-charge.ts';
import { businessDaysUntil, deliverySentence, notShippableSentence, orderWithinSentence, type DeliveryOption } from '../domain/index.ts';
import type { DeliveryPlan } from '../plan-delivery.ts';
import { shopperTranslator } from '../shopper-translator.ts';
import type { FulfillmentContext } from '../context.ts';
import type { OptionParent } from './DeliveryOption.ts';

type LocaleArgs = { locale?: string | null };

/** The recommended option, when the product can ship. */
function chosenOf(plan: DeliveryPlan): DeliveryOption | null {
  return plan.choice.shippable ? plan.choice.chosen : null;
}

export const DeliveryEstimate = {
  shipTo: (plan: DeliveryPlan) => plan.shipTo,
  shippable: (plan: DeliveryPlan) => plan.choice.shippable,
  reason: (plan: DeliveryPlan) => (plan.choice.shippable ? null : plan.choice.reason),
  restrictedTag: (plan: DeliveryPlan) => (plan.choice.shippable ? null : (plan.choice.tag ?? null)),
  message(plan: DeliveryPlan, args: LocaleArgs, context: FulfillmentContext): string | null {
    if (plan.choice.shippable) return null;
    const { translator, translate } = shopperTranslator(context.market, args.locale);
    const { reason, tag } = plan.choice;
    return notShippableSentence(
      { reason, country: plan.shipTo, locale: translator.formattingLocale, ...(tag === undefined ? {} : { tag }) },
      translate,
    );
  },
  earliest: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.earliest ?? null,
  latest: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.latest ?? null,
  processingDate: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.processingDate ?? null,
  shipDate: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.shipDate ?? null,
  cutoffAt: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.cutoffAt ?? null,
  minutesUntilCutoff: (plan: DeliveryPlan) => chosenOf(plan)?.estimate.timeLeftBeforeCutoffMinutes ?? null,
  orderWithinText(plan: DeliveryPlan, args: LocaleArgs, context: FulfillmentContext): string | null {
    const chosen = chosenOf(plan);
    if (!chosen) return null;
    return orderWithinSentence(chosen.estimate.timeLeftBeforeCutoffMinutes, shopperTranslator(context.market, args.locale).translate);
  },
  holidayCalendarKnown: (plan: DeliveryPlan) => plan.holidayCalendarKnown,
  fromWarehouse: (plan: DeliveryPlan) => chosenOf(plan)?.warehouse ?? null,
  warehouseChoice: (plan: DeliveryPlan) => (plan.choice.shippable ? plan.choice.reason : null),
  text(plan: DeliveryPlan, args: LocaleArgs, context: FulfillmentContext): string | null {
    const chosen = chosenOf(plan);
    if (!chosen) return null;
    const shopper = shopperTranslator(context.market, args.locale);
    const { translator, translate } = shopper;
    const { earliest, latest } = chosen.estimate;
    const { destination } = plan;
    // The sentence depends only on the window, the destination's calendar and the shopper's language (the
    // instant is the request's): a listing's products share a few windows, and formatting a date range and
    // choosing a plural range are what cost, so each distinct sentence is written once per request.
    let sentences = context.loaders.deliverySentences.get(shopper);
    if (sentences === undefined) context.loaders.deliverySentences.set(shopper, (sentences = new Map()));
    const key = `${destination.country}|${destination.timeZone}|${destination.workingDays?.join(',') ?? ''}|${earliest}|${latest}`;
    let sentence = sentences.get(key);
    if (sentence === undefined) {
      const businessDays = businessDaysUntil(context.now, destination, chosen.estimate);
      sentence = deliverySentence({ earliest, latest, locale: translator.formattingLocale, timeZone: destination.timeZone, businessDays }, translate);
      sentences.set(key, sentence);
    }
    return sentence;
  },
  businessDaysMin(plan: DeliveryPlan, _args: unknown, context: FulfillmentContext): number | null {
    const chosen = chosenOf(plan);
    return chosen ? businessDaysUntil(context.now, plan.destination, chosen.estimate).min : null;
  },
  businessDaysMax(plan: DeliveryPlan, _args: unknown, context: FulfillmentContext): number | null {
    const chosen = chosenOf(plan);
    return chosen ? businessDaysUntil(context.now, plan.destination, chosen.estimate).max : null;
  },
  options: (plan: DeliveryPlan): OptionParent[] => plan.options.map((option) => ({ option, destination: plan.destination })),
  freeShippingThreshold(plan: DeliveryPlan): { id: string } | null {
    const threshold = plan.market?.freeShippingThreshold;
    return threshold ? { id: encodeShippingChargeId({ charge: threshold, country: plan.shipTo }) } : null;
  },
};
