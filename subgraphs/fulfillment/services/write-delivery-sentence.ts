import { businessDaysUntil, deliverySentence, type Destination, type IsoDate } from '../domain/index.ts';
import type { FulfillmentContext } from '../context.ts';
import { chooseShopperTranslator } from './choose-shopper-translator.ts';

/**
 * "Arrives Tue, Dec 2 – Fri, Dec 5 (3–6 business days)" in the shopper's language (`locale`, else negotiated).
 * The sentence depends only on the window, the destination's calendar and the shopper's language (the instant
 * is the request's): a listing's products share a few windows, and formatting a date range and choosing a
 * plural range are what cost, so each distinct sentence is written once per request.
 */
export function writeDeliverySentence(
  window: { earliest: IsoDate; latest: IsoDate },
  destination: Destination,
  locale: string | null | undefined,
  context: FulfillmentContext,
): string {
  const shopper = chooseShopperTranslator(context.market, locale);
  const { earliest, latest } = window;
  const sentences = context.loaders.deliverySentences;
  let written = sentences.get(shopper);
  if (written === undefined) sentences.set(shopper, (written = new Map()));
  const key = `${destination.country}|${destination.timeZone}|${destination.workingDays?.join(',') ?? ''}|${earliest}|${latest}`;
  let sentence = written.get(key);
  if (sentence === undefined) {
    const businessDays = businessDaysUntil(context.now, destination, window);
    sentence = deliverySentence(
      { earliest, latest, locale: shopper.translator.formattingLocale, timeZone: destination.timeZone, businessDays },
      shopper.translate,
    );
    written.set(key, sentence);
  }
  return sentence;
}
