import { businessDaysUntil } from '../domain/index.ts';
import type { QuoteDeliveryWindowResolvers } from '../generated/resolver-types.ts';
import { writeDeliverySentence } from '../services/write-delivery-sentence.ts';

/** A cart's window: dates, business days and sentence. */
export const QuoteDeliveryWindow: QuoteDeliveryWindowResolvers = {
  earliest: (window) => window.earliest,
  latest: (window) => window.latest,
  businessDaysMin: (window, _args, context) => businessDaysUntil(context.now, window.destination, window).min,
  businessDaysMax: (window, _args, context) => businessDaysUntil(context.now, window.destination, window).max,
  text: (window, args, context) => writeDeliverySentence(window, window.destination, args.locale, context),
};
