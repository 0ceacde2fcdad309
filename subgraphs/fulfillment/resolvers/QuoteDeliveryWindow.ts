import { businessDaysUntil, deliverySentence } from '../domain/index.ts';
import { shopperTranslator } from '../shopper-translator.ts';
import type { FulfillmentContext } from '../context.ts';
import type { WindowParent } from './Quote.ts';

type LocaleArgs = { locale?: string | null };

/** The window as a sentence with its business days, in the shopper's language. */
export function windowText(window: WindowParent, args: LocaleArgs, context: FulfillmentContext): string {
  const { translator, translate } = shopperTranslator(context.market, args.locale);
  const businessDays = businessDaysUntil(context.now, window.destination, window);
  return deliverySentence(
    { earliest: window.earliest, latest: window.latest, locale: translator.formattingLocale, timeZone: window.destination.timeZone, businessDays },
    translate,
  );
}

/** A cart's window: dates, business days and sentence. */
export const QuoteDeliveryWindow = {
  earliest: (window: WindowParent) => window.earliest,
  latest: (window: WindowParent) => window.latest,
  businessDaysMin: (window: WindowParent, _args: unknown, context: FulfillmentContext) => businessDaysUntil(context.now, window.destination, window).min,
  businessDaysMax: (window: WindowParent, _args: unknown, context: FulfillmentContext) => businessDaysUntil(context.now, window.destination, window).max,
  text: windowText,
};

