import { SUPPORTED_LANGUAGES } from '../../common/i18n/index.ts';
import { negotiateLocale } from '../../common/locale/index.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE, TRANSLATED_PRODUCT_FIELDS } from '../content-locales.ts';
import { computeTranslationCoverage, currencyOfCountry, describeCountry, describeLanguage, textDirection } from '../domain/index.ts';
import type { CountryDocument } from '../models.ts';
import type { LocalizationContext } from '../context.ts';
import { requestedLocaleOf } from './localized-text.ts';

/** How many falling-back products the coverage report lists per locale. */
const MISSING_LIST_LIMIT = 100;

function describeCountryDocument(country: CountryDocument, displayLocale: string) {
  return {
    code: country._id,
    name: describeCountry(country._id, displayLocale),
    currency: currencyOfCountry(country._id),
    languages: country.languages.map((locale) => describeLanguageFor(locale, displayLocale)),
  };
}

function describeLanguageFor(locale: string, displayLocale: string) {
  return {
    locale,
    name: describeLanguage(locale, displayLocale),
    nativeName: describeLanguage(locale, locale),
    direction: textDirection(locale).toUpperCase(),
  };
}

export const Query = {
  async localization(_root: unknown, args: { country?: string | null; locale?: string | null }, context: LocalizationContext) {
    const negotiated = negotiateLocale({
      explicit: args.locale,
      acceptLanguage: context.market.acceptLanguage,
      available: SUPPORTED_LANGUAGES,
      defaultLocale: 'en',
    });
    const displayLocale = args.locale ? requestedLocaleOf(negotiated) : negotiated.locale;
    const countries = await context.loaders.countries();
    const requested = args.country
      ? (countries.find((country) => country._id === args.country) ?? { _id: args.country, languages: [] })
      : null;
    return {
      displayLocale,
      direction: textDirection(displayLocale).toUpperCase(),
      country: requested ? describeCountryDocument(requested, displayLocale) : null,
      countries: countries.map((country) => describeCountryDocument(country, displayLocale)),
      languages: CONTENT_LOCALES.map((locale) => describeLanguageFor(locale, displayLocale)),
    };
  },
  async translationCoverage(_root: unknown, _args: unknown, context: LocalizationContext) {
    const rows = await context.loaders.productTexts();
    const byProduct = new Map<string, Record<string, Record<string, string | null | undefined>>>();
    for (const row of rows) {
      const content = byProduct.get(row.productId) ?? {};
      content[row.locale] = { title: row.title, description: row.description };
      byProduct.set(row.productId, content);
    }
    const report = computeTranslationCoverage(
      [...byProduct].sort(([a], [b]) => a.localeCompare(b)).map(([productId, content]) => ({ productId, content })),
      { locales: CONTENT_LOCALES, fields: TRANSLATED_PRODUCT_FIELDS, defaultLocale: DEFAULT_CONTENT_LOCALE },
    );
    return report.map((coverage) => {
      const missing = new Map<string, string[]>();
      for (const fallback of coverage.fallbacks) {
        missing.set(fallback.productId, [...(missing.get(fallback.productId) ?? []), fallback.field]);
      }
      return {
        locale: coverage.locale,
        fullyTranslated: coverage.products.translated,
        fallingBack: coverage.products.total - coverage.products.translated,
        percentTranslated: coverage.fields.percent ?? '0.0',
        missing: [...missing].slice(0, MISSING_LIST_LIMIT).map(([productId, fields]) => ({ productId, fields })),
      };
    });
  },
};
