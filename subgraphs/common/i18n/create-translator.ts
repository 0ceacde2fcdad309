import i18next, { type i18n } from 'i18next';
import { createMemoCache, memoize } from '../memo-cache.ts';
import { formatCalendarDate, formatDateRange } from './date-formatters.ts';
import { FALLBACK_LANGUAGE, RESOURCES, SUPPORTED_LANGUAGES, type MessageKey, type SupportedLanguage } from './resources.ts';

/** The graph's own strings in one shopper's language. */
export interface Translator {
  /**
   * The message for `key` with `values` interpolated. Pass `count` for plural messages; dates as
   * ISO strings (`date`, or `range: { start, end }`); pre-formatted money as `amount`. Keys missing
   * in the language fall back to English one by one.
   */
  t(key: MessageKey, values?: Readonly<Record<string, unknown>>): string;
  /** The catalog language actually used ('de' for 'de-AT'; 'en' for a language we have no catalog for). */
  readonly locale: SupportedLanguage;
  /** The locale numbers, dates and plural rules follow: the request itself when its language is served ('de-AT', 'ar-EG'), else `locale`. */
  readonly formattingLocale: string;
  /** Text direction of `locale`, for the element showing these strings. */
  readonly dir: 'ltr' | 'rtl';
}

const instances = new Map<SupportedLanguage, i18n>();

/**
 * A translator for `locale` (a BCP 47 tag, typically what `negotiateLocale` chose). Languages
 * without a catalog, malformed tags and no tag at all get English: these are the graph's own
 * labels, and an English label beats none; `locale` on the result says what was used.
 * i18next instances are built once per catalog language and reused; each call passes the full
 * locale, so 'de-AT' and 'de-CH' share German words but keep their own number formats.
 */
export function createTranslator(locale?: string | null): Translator {
  const key = typeof locale === 'string' && locale.length <= 64 ? locale : locale == null ? '' : undefined;
  const build = () => Object.freeze(buildTranslator(locale));
  return key === undefined ? build() : memoize(translators, key, build);
}

// Requested tag → translator. A translator is immutable (its `t` only reads the shared i18next instance of
// its catalog language, whose resources are fixed at build time), so it is a pure function of the tag and
// never goes stale. Tags longer than a tag can be are not remembered; 2 000 entries bound the rest.
const translators = createMemoCache<Translator>('common.translator', 2_000);

function buildTranslator(locale: string | null | undefined): Translator {
  const { language, formattingLocale } = resolveLanguage(locale);
  const instance = instanceFor(language);
  return {
    t: (key, values = {}) => String(instance.t(key, { ...values, lng: formattingLocale })),
    locale: language,
    formattingLocale,
    dir: instance.dir(language),
  };
}

/** The catalog language for a tag, and the locale to format in. */
function resolveLanguage(locale: string | null | undefined): { language: SupportedLanguage; formattingLocale: string } {
  const canonical = canonicalOrNull(locale);
  const language = canonical === null ? undefined : new Intl.Locale(canonical).language;
  const supported = SUPPORTED_LANGUAGES.find((candidate) => candidate === language);
  return supported === undefined || canonical === null
    ? { language: FALLBACK_LANGUAGE, formattingLocale: FALLBACK_LANGUAGE }
    : { language: supported, formattingLocale: canonical };
}

function canonicalOrNull(locale: string | null | undefined): string | null {
  if (typeof locale !== 'string' || locale === '') return null;
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? null;
  } catch {
    return null;
  }
}

/** The cached i18next instance holding `language` and the English fallback, initialised synchronously. */
function instanceFor(language: SupportedLanguage): i18n {
  const cached = instances.get(language);
  if (cached !== undefined) return cached;
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: [FALLBACK_LANGUAGE],
    resources: { [language]: RESOURCES[language]!, [FALLBACK_LANGUAGE]: RESOURCES[FALLBACK_LANGUAGE]! },
    initAsync: false, // resources are inline, so `t` works as soon as `init` returns
    interpolation: { escapeValue: false }, // output is JSON for clients, not HTML: no entity escaping
  });
  instance.services.formatter?.add('calendarDate', (value, lng, options) => formatCalendarDate(value, lng ?? language, options));
  instance.services.formatter?.add('dateRange', (value, lng, options) => formatDateRange(value, lng ?? language, options));
  instances.set(language, instance);
  return instance;
}
