import { businessDaysUntil, notShippableSentence, orderWithinSentence, type DeliveryOption, type DeliveryPlan } from '../domain/index.ts';
import type { DeliveryEstimateResolvers } from '../generated/resolver-types.ts';
import { toShippingCharge } from '../mappers.ts';
import { chooseShopperTranslator } from '../services/choose-shopper-translator.ts';
import { writeDeliverySentence } from '../services/write-delivery-sentence.ts';

/** The recommended option, when the product can ship. */
function chosenOf(plan: DeliveryPlan): DeliveryOption | null {
  return plan.choice.shippable ? plan.choice.chosen : null;
}

export const DeliveryEstimate: DeliveryEstimateResolvers = {
  shipTo: (plan) => plan.shipTo,
  region: (plan) => plan.destination.region ?? null,
  timeZone: (plan) => plan.destination.timeZone,
  precision: (plan) => plan.precision,
  destinationArea: (plan) => plan.areaId,
  shippable: (plan) => plan.choice.shippable,
  reason: (plan) => (plan.choice.shippable ? null : plan.choice.reason),
  restrictedTag: (plan) => (plan.choice.shippable ? null : (plan.choice.tag ?? null)),
  message(plan, args, context) {
    if (plan.choice.shippable) return null;
    const { translator, translate } = chooseShopperTranslator(context.market, args.locale);
    const { reason, tag } = plan.choice;
    return notShippableSentence(
      { reason, country: plan.shipTo, locale: translator.formattingLocale, ...(tag === undefined ? {} : { tag }) },
      translate,
    );
  },
  earliest: (plan) => chosenOf(plan)?.estimate.earliest ?? null,
  latest: (plan) => chosenOf(plan)?.estimate.latest ?? null,
  processingDate: (plan) => chosenOf(plan)?.estimate.processingDate ?? null,
  shipDate: (plan) => chosenOf(plan)?.estimate.shipDate ?? null,
  cutoffAt: (plan) => chosenOf(plan)?.estimate.cutoffAt ?? null,
  minutesUntilCutoff: (plan) => chosenOf(plan)?.estimate.timeLeftBeforeCutoffMinutes ?? null,
  orderWithinText(plan, args, context) {
    const chosen = chosenOf(plan);
    if (!chosen) return null;
    return orderWithinSentence(chosen.estimate.timeLeftBeforeCutoffMinutes, chooseShopperTranslator(context.market, args.locale).translate);
  },
  holidayCalendarKnown: (plan) => plan.holidayCalendarKnown,
  fromWarehouse: (plan) => chosenOf(plan)?.warehouse ?? null,
  warehouseChoice: (plan) => (plan.choice.shippable ? plan.choice.reason : null),
  text(plan, args, context) {
    const chosen = chosenOf(plan);
    return chosen ? writeDeliverySentence(chosen.estimate, plan.destination, args.locale, context) : null;
  },
  businessDaysMin(plan, _args, context) {
    const chosen = chosenOf(plan);
    return chosen ? businessDaysUntil(context.now, plan.destination, chosen.estimate).min : null;
  },
  businessDaysMax(plan, _args, context) {
    const chosen = chosenOf(plan);
    return chosen ? businessDaysUntil(context.now, plan.destination, chosen.estimate).max : null;
  },
  options: (plan) => plan.options.map((option) => ({ option, destination: plan.destination })),
  freeShippingThreshold(plan) {
    const threshold = plan.market?.freeShippingThreshold;
    return threshold ? toShippingCharge(threshold, plan.shipTo) : null;
  },
};
