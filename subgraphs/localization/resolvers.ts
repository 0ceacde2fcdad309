import type { GraphQLResolverMap } from '@apollo/subgraph';
import { SUPPORTED_LANGUAGES } from '../common/i18n/index.ts';
import { logger } from '../common/logger.ts';
import { scalarResolvers } from '../common/scalars.ts';
import { computeTranslationCoverage } from './domain/coverage.ts';
import { lookupChain, negotiateLocale, resolveField, translationsOfField, type NegotiatedLocale } from './domain/negotiate.ts';
import { currencyOfCountry, describeCountry, describeLanguage, textDirection } from './domain/regions.ts';
import { CONTENT_LOCALES, DEFAULT_CONTENT_LOCALE, TRANSLATED_PRODUCT_FIELDS } from './content-locales.ts';
import type { CountryDocument } from './models.ts';
import type { LocalizationContext } from './subgraph.ts';

/** How many falling-back products the coverage report lists per locale. */
const MISSING_LIST_LIMIT = 100;

function negotiateContent(context: LocalizationContext, explicit: string | null | undefined): NegotiatedLocale {
  return negotiateLocale({
    explicit,
    acceptLanguage: context.market.acceptLanguage,
    available: CONTENT_LOCALES,
    defaultLocale: DEFAULT_CONTENT_LOCALE,
  });
}

/** The locale a request asked for: the explicit argument, else what the header negotiated. */
function requestedLocaleOf(negotiated: NegotiatedLocale): string {
  return negotiated.chain[0] ?? negotiated.locale;
}

/** A field's text as the schema's LocalizedText, or null when no locale of the chain has it. */
function localizedText(
  translations: Map<string, string | null | undefined>,
  negotiated: NegotiatedLocale,
): { value: string; locale: string; isFallback: boolean } | null {
  const resolved = resolveField(translations, negotiated.chain);
  if (!resolved) return null;
  const isFallback = !lookupChain(requestedLocaleOf(negotiated)).includes(resolved.locale);
  return { value: resolved.value, locale: resolved.locale, isFallback };
}

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

export const resolvers: GraphQLResolverMap<LocalizationContext> = {
  ...scalarResolvers,
  Query: {
    async localization(_root, args: { country?: string | null; locale?: string | null }, context) {
      const negotiated = negotiateLocale({
        explicit: args.locale,
        acceptLanguage: context.market.acceptLanguage,
        available: SUPPORTED_LANGUAGES,
        defaultLocale: 'en',
      });
      const displayLocale = args.locale ? requestedLocaleOf(negotiated) : negotiated.locale;
      const countries = await context.models.Country.find().sort({ _id: 1 }).lean<CountryDocument[]>();
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
    async translationCoverage(_root, _args, context) {
      const rows = await context.models.ProductTranslation.find({}, { productId: 1, locale: 1, title: 1, description: 1 }).lean();
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
  },
  Product: {
    __resolveReference: (reference: { id: string; attributes?: { key: string; value: string }[] }) => reference,
    async content(product: { id: string; attributes?: { key: string; value: string }[] }, args: { locale?: string | null }, context) {
      const negotiated = negotiateContent(context, args.locale);
      const translations = await context.loaders.translationsByProduct.load(product.id);
      const byLocale = Object.fromEntries(
        translations.map((row) => [row.locale, { title: row.title, description: row.description }]),
      );
      const title = localizedText(translationsOfField(byLocale, 'title'), negotiated);
      const description = localizedText(translationsOfField(byLocale, 'description'), negotiated);
      if (!title) logger.warn({ productId: product.id }, 'product has no title in any locale');
      const attributes = await Promise.all(
        (product.attributes ?? []).map(async (attribute) => {
          const [keyLabels, valueLabels] = await Promise.all([
            context.loaders.labelsByCode.load(attribute.key),
            context.loaders.labelsByCode.load(attribute.value),
          ]);
          const labelsOf = (labels: typeof keyLabels, kind: 'key' | 'value') =>
            new Map(labels.filter((label) => label.kind === kind).map((label) => [label.locale, label.label]));
          const fallback = (code: string) => ({ value: code, locale: DEFAULT_CONTENT_LOCALE, isFallback: true });
          return {
            key: attribute.key,
            label: localizedText(labelsOf(keyLabels, 'key'), negotiated) ?? fallback(attribute.key),
            value: localizedText(labelsOf(valueLabels, 'value'), negotiated) ?? fallback(attribute.value),
          };
        }),
      );
      const titleText = title ?? { value: '', locale: DEFAULT_CONTENT_LOCALE, isFallback: true };
      return {
        requestedLocale: requestedLocaleOf(negotiated),
        locale: titleText.locale,
        title: titleText.value,
        description: description?.value ?? '',
        titleText,
        descriptionText: description,
        attributes,
        direction: textDirection(titleText.locale).toUpperCase(),
      };
    },
  },
  Category: {
    __resolveReference: (reference: { id: string }) => reference,
    async name(category: { id: string }, args: { locale?: string | null }, context) {
      const negotiated = negotiateContent(context, args.locale);
      const translations = await context.loaders.translationsByCategory.load(category.id);
      const names = new Map(translations.map((translation) => [translation.locale, translation.name]));
      return localizedText(names, negotiated) ?? { value: category.id, locale: DEFAULT_CONTENT_LOCALE, isFallback: true };
    },
  },
};
