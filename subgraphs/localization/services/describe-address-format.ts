import { addressRules } from '../../common/address/address-rules.ts';
import { createTranslator, type MessageKey, SUPPORTED_LANGUAGES } from '../../common/i18n/index.ts';
import { negotiateLocale } from '../../common/locale/index.ts';
import type { LocalizationContext } from '../context.ts';
import { addressFormFields, describeCountry, regionName, requestedLocaleOf, usesLatinFormat } from '../domain/index.ts';
import type { AddressFormatView } from '../mappers.ts';

/**
 * How addresses are written in `country`, labelled in `locale` (else the language negotiated from the request's
 * `Accept-Language` among the interface's). Countries Google's data does not list get its generic format.
 */
export function describeAddressFormat(
  { market }: Pick<LocalizationContext, 'market'>,
  request: { country: string; locale?: string | null },
): AddressFormatView {
  const negotiated = negotiateLocale({
    explicit: request.locale,
    acceptLanguage: market.acceptLanguage,
    available: SUPPORTED_LANGUAGES,
    defaultLocale: 'en',
  });
  const locale = request.locale ? requestedLocaleOf(negotiated) : negotiated.locale;
  const translator = createTranslator(locale);
  const language = new Intl.Locale(locale).language;
  const generic = addressRules('ZZ');
  const rules = addressRules(request.country) ?? (generic && { ...generic, country: request.country });
  if (!rules) throw new Error('Google address data is missing its generic ZZ record');
  const latin = usesLatinFormat(rules, language);
  return {
    country: request.country,
    locale: translator.formattingLocale,
    fields: addressFormFields(rules, latin).map(({ field, labelKey, required, line }) => ({
      field,
      label: translator.t(labelKey as MessageKey),
      required,
      line,
    })),
    postalCode: rules.postalCodePattern === null ? null : { pattern: rules.postalCodePattern, examples: [...rules.postalCodeExamples] },
    regions: rules.regions.map((region) => ({ code: region.code, name: regionName(rules, region, language), localName: region.localName })),
    phoneRequired: true,
    rules,
    latin,
    countryName: describeCountry(request.country, locale),
  };
}
