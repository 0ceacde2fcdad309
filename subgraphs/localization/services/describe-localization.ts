import { SUPPORTED_LANGUAGES } from '../../common/i18n/index.ts';
import { negotiateLocale } from '../../common/locale/index.ts';
import type { LocalizationContext } from '../context.ts';
import {
  CONTENT_LOCALES,
  currencyOfCountry,
  describeCountry,
  describeLanguage,
  requestedLocaleOf,
  textDirection,
} from '../domain/index.ts';
import { directionCode, type CountryView, type LanguageView, type LocalizationInfoView } from '../mappers.ts';
import type { CountryDocument } from '../models.ts';

function describeCountryDocument(country: CountryDocument, displayLocale: string): CountryView {
  return {
    code: country._id,
    name: describeCountry(country._id, displayLocale),
    currency: currencyOfCountry(country._id),
    languages: country.languages.map((locale) => describeLanguageFor(locale, displayLocale)),
  };
}

function describeLanguageFor(locale: string, displayLocale: string): LanguageView {
  return {
    locale,
    name: describeLanguage(locale, displayLocale),
    nativeName: describeLanguage(locale, locale),
    direction: directionCode(textDirection(locale)),
  };
}

/**
 * The countries we sell to and the languages we have content in, named in `locale` (else the language
 * negotiated from the request's `Accept-Language` among the interface's), with `country` described in detail.
 */
export async function describeLocalization(
  { loaders, market }: Pick<LocalizationContext, 'loaders' | 'market'>,
  request: { country?: string | null; locale?: string | null },
): Promise<LocalizationInfoView> {
  const negotiated = negotiateLocale({
    explicit: request.locale,
    acceptLanguage: market.acceptLanguage,
    available: SUPPORTED_LANGUAGES,
    defaultLocale: 'en',
  });
  const displayLocale = request.locale ? requestedLocaleOf(negotiated) : negotiated.locale;
  const countries = await loaders.countries();
  const requested = request.country
    ? (countries.find((country) => country._id === request.country) ?? { _id: request.country, languages: [] })
    : null;
  return {
    displayLocale,
    direction: directionCode(textDirection(displayLocale)),
    country: requested ? describeCountryDocument(requested, displayLocale) : null,
    countries: countries.map((country) => describeCountryDocument(country, displayLocale)),
    languages: CONTENT_LOCALES.map((locale) => describeLanguageFor(locale, displayLocale)),
  };
}
