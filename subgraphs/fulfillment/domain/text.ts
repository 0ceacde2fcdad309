import { createMemoCache, memoize } from '../../common/memo-cache.ts';
import { isValidTimeZone } from './time-zone.ts';
import { badUserInput } from '../../common/contract/errors.ts';
import type { IsoDate } from './calendar.ts';
import { parseIsoDate } from './calendar.ts';
import type { BusinessDayRange } from './business-days.ts';
import type { NotShippableReason } from './compliance.ts';
import { instantOfLocal } from './zone-offset.ts';

/**
 * An i18next-style translate function: `t('delivery.arrives', { range })`. Only this shape is used,
 * so any i18next instance's `t` (or a test double) fits without this module importing i18next. The
 * sentences are plain text for a JSON API, not HTML: the instance must not escape values (the shared
 * translator, `createTranslator`, is set up with `escapeValue: false`), so that a legitimate "/" or "&"
 * does not turn into an entity the client would have to undo. (Passing that option on each call instead
 * makes i18next rebuild its interpolation patterns on every call.)
 */
export type Translate = (key: string, options: Record<string, unknown>) => string;

/** A delivery window as estimated, plus how to show it. */
export type DeliveryWindow = {
  earliest: IsoDate;
  latest: IsoDate;
  /** BCP 47 tag, e.g. `de-DE`, `ar-KW`. */
  locale: string;
  /** IANA zone of the shopper; the dates are days of that calendar. */
  timeZone: string;
  /** The window as business days after the order day; when given, the sentence ends with it. */
  businessDays?: BusinessDayRange;
};

// Per-locale facts and formatters. Each is a pure function of its key (the locale tag, the zone) and of the
// ICU data in this Node binary, so a remembered one never goes stale; building them is what costs (building
// an Intl.DateTimeFormat is far dearer than using one). Tags are at most a few dozen
// characters and the caps bound memory against a stream of distinct tags.
const supportedLocales = createMemoCache<boolean>('fulfillment.supportedLocales', 1_000);
const windowFormats = createMemoCache<Intl.DateTimeFormat>('fulfillment.windowFormats', 1_000);
const regionNames = createMemoCache<Intl.DisplayNames>('fulfillment.regionNames', 500);
// `selectRange` is in Node 24 (ES2023 Intl) but not yet in the TypeScript lib this project targets.
type RangePluralRules = Intl.PluralRules & { selectRange(start: number, end: number): Intl.LDMLPluralRule };
const pluralRules = createMemoCache<RangePluralRules>('fulfillment.pluralRules', 1_000);
// (locale, zone, earliest, latest) → the window as written. `formatRange` builds ICU's interval formatter on
// each call, far dearer than `format`; the text is a pure function of the key and the ICU data in this Node
// binary, so a remembered one never goes stale. Windows move by the day: a few per market and locale at a time.
const formattedWindows = createMemoCache<string>('fulfillment.formattedWindows', 10_000);

function assertLocale(locale: string): void {
  let supported = supportedLocales.get(locale);
  if (supported === undefined) {
    try {
      supported = Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0;
    } catch {
      // A malformed tag throws RangeError; report it the same way as an unsupported one below.
      supported = false;
    }
    if (typeof locale === 'string' && locale.length <= 64) supportedLocales.set(locale, supported);
  }
  if (supported) return;
  throw badUserInput(`Unsupported locale "${locale}"`, { locale });
}

/** The formatter of delivery windows for (locale, zone): built once, then reused. */
function windowFormatFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  return memoize(
    windowFormats,
    `${locale}\u0000${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }),
  );
}

/** Region names in `locale` ("Kuwait" / "الكويت"): built once per locale. */
function regionNamesFor(locale: string): Intl.DisplayNames {
  return memoize(regionNames, locale, () => new Intl.DisplayNames(locale, { type: 'region' }));
}

/** Noon of the civil date in the shopper's zone: an instant that shows as that day in that zone. */
function instantOf(date: IsoDate, timeZone: string): Date {
  return new Date(instantOfLocal(timeZone, parseIsoDate(date).epochDay, 12 * 60));
}

/**
 * The delivery window as the shopper's locale writes a date range: "Wed, Dec 2 – Sat, Dec 5" in
 * en-US, "Mi., 2. – Sa., 5. Dez." in de-DE, Arabic month names (and, for ar-KW, Arabic-Indic
 * digits) in Arabic. Intl (CLDR) decides order, punctuation, shared parts and script direction, so
 * right-to-left locales come out right without string surgery here. A one-day window is one date;
 * a window across New Year gains the years, because CLDR adds them when they differ.
 */
export function formatDeliveryWindow(window: DeliveryWindow): string {
  assertLocale(window.locale);
  if (!isValidTimeZone(window.timeZone)) {
    throw badUserInput(`Unknown IANA time zone "${window.timeZone}"`, { timeZone: window.timeZone });
  }
  parseIsoDate(window.earliest, 'earliest');
  parseIsoDate(window.latest, 'latest');
  // yyyy-mm-dd strings sort like the dates they name.
  if (window.earliest > window.latest) {
    throw badUserInput(`The delivery window ends (${window.latest}) before it starts (${window.earliest})`, { ...window });
  }
  const { locale, timeZone, earliest, latest } = window;
  return memoize(formattedWindows, `${locale}\u0000${timeZone}\u0000${earliest}\u0000${latest}`, () => {
    const format = windowFormatFor(locale, timeZone);
    const start = instantOf(earliest, timeZone);
    return earliest === latest ? format.format(start) : format.formatRange(start, instantOf(latest, timeZone));
  });
}

/** Plural rules of `locale` (cardinal): built once per locale. */
function pluralRulesFor(locale: string): RangePluralRules {
  return memoize(pluralRules, locale, () => new Intl.PluralRules(locale) as RangePluralRules);
}

/**
 * "3 business days" / "3–6 business days" in the shopper's language. One count goes through i18next's own
 * plural resolution (`delivery.businessDays`, `count`). A range takes the plural form CLDR's plural-range
 * rules give the pair (`Intl.PluralRules#selectRange`): the form of a range is not always the form of its
 * end (Polish "1–2 dni robocze" is `few`, like 2; French "0–1 jour ouvré" stays `one`), so the key
 * `delivery.businessDaysRange_<form>` is chosen here and the catalog has every form of the language.
 */
export function businessDaysPhrase(range: BusinessDayRange, locale: string, t: Translate): string {
  assertLocale(locale);
  const { min, max } = range;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
    throw badUserInput(`A business-day range needs whole numbers 0 ≤ min ≤ max, got ${min}–${max}`, { min, max });
  }
  if (min === max) return t('delivery.businessDays', { count: min });
  return t(`delivery.businessDaysRange_${pluralRangeForm(locale, min, max)}`, { min, max });
}

// (locale, min, max) → the CLDR plural form of the range. V8 builds ICU's range rules on every
// `selectRange` call (far dearer than `select`), and the form is a pure function of its key and
// the CLDR data in this Node binary, so a remembered one never goes stale. It is a rule lookup, not text:
// the sentence itself is written per request. Delivery ranges are a few dozen day counts per locale.
const pluralRangeForms = createMemoCache<Intl.LDMLPluralRule>('fulfillment.pluralRangeForms', 5_000);

/** The plural form of the range `min`–`max` in `locale` (`Intl.PluralRules#selectRange`), remembered. */
export function pluralRangeForm(locale: string, min: number, max: number): Intl.LDMLPluralRule {
  return memoize(pluralRangeForms, `${locale}\u0000${min}\u0000${max}`, () => pluralRulesFor(locale).selectRange(min, max));
}

/**
 * The arrival sentence in the shopper's language. The catalogs (owned by localization) hold the words
 * and this function only chooses the key and fills it, following the catalogs' contract:
 * - a window of several days → `delivery.arrives` with `{{range}}` already formatted by
 *   `formatDeliveryWindow` (the shared `dateRange` formatter passes a string through unchanged);
 * - a one-day window → `delivery.arrivesOn` with `{{date}}` as the ISO calendar date, which the
 *   catalog's `calendarDate` formatter writes in the shopper's locale ("Di., 2. Dez.");
 * - with `businessDays`, `delivery.withBusinessDays` adds the count: "Arrives Tue, Dec 2 – Fri, Dec 5
 *   (3–6 business days)".
 */
export function deliverySentence(window: DeliveryWindow, t: Translate): string {
  const formatted = formatDeliveryWindow(window);
  const arrival =
    window.earliest === window.latest ? t('delivery.arrivesOn', { date: window.earliest }) : t('delivery.arrives', { range: formatted });
  if (window.businessDays === undefined) return arrival;
  const duration = businessDaysPhrase(window.businessDays, window.locale, t);
  return t('delivery.withBusinessDays', { arrival, duration });
}

/**
 * "Order within N hours" (`delivery.orderWithin`, pluralised by i18next on `count`), or null.
 * Hours are rounded DOWN so the promise always holds; under one full hour there is no honest whole
 * number of hours to show, so the sentence is left out (null), as it is after the cut-off.
 */
export function orderWithinSentence(timeLeftBeforeCutoffMinutes: number | null, t: Translate): string | null {
  if (timeLeftBeforeCutoffMinutes === null) return null;
  const hours = Math.floor(timeLeftBeforeCutoffMinutes / 60);
  return hours >= 1 ? t('delivery.orderWithin', { count: hours }) : null;
}

/**
 * Why it cannot ship, in the shopper's language: `shipping.reason.<REASON>` with `{{country}}` as
 * the destination's name in that language (Intl.DisplayNames, e.g. "Kuwait" / "الكويت") and
 * `{{tag}}` as the compliance tag that blocked it, when there is one.
 */
export function notShippableSentence(
  input: { reason: NotShippableReason; country: string; tag?: string; locale: string },
  t: Translate,
): string {
  assertLocale(input.locale);
  const country = regionNamesFor(input.locale).of(input.country) ?? input.country;
  // The tag is a stable code ('alcohol'); shoppers read its label, or the code where no label exists yet.
  const tag = input.tag ? t(`compliance.tag.${input.tag}`, { defaultValue: input.tag }) : '';
  return t(`shipping.reason.${input.reason}`, { country, tag });
}
