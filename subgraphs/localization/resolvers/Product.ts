import type { GraphQLResolveInfo } from 'graphql';
import { requireFields } from '../../common/contract/requires.ts';
import { logger } from '../../common/logger.ts';
import { selectedFieldNames } from '../../common/selected-fields.ts';
import { DEFAULT_CONTENT_LOCALE } from '../content-locales.ts';
import { productAlternates, textDirection, type ProductAlternate } from '../domain/index.ts';
import type { AttributeLabelDocument } from '../models.ts';
import type { LocalizationContext } from '../context.ts';
import { localizedRowText, localizedText, negotiateContent, requestedLocaleOf, untranslated } from './localized-text.ts';

/** A product as the gateway hands it over: its key plus the attributes `content` @requires from products. */
interface ProductRepresentation {
  id: string;
  attributes?: { key: string; value: string }[];
  /** @requires of `alternates`. */
  sku?: string | null;
}

function labelsOf(labels: readonly AttributeLabelDocument[], kind: 'key' | 'value'): Map<string, string> {
  return new Map(labels.filter((label) => label.kind === kind).map((label) => [label.locale, label.label]));
}

export const Product = {
  __resolveReference: (reference: ProductRepresentation) => reference,
  async alternates(product: ProductRepresentation, _args: unknown, context: LocalizationContext): Promise<ProductAlternate[]> {
    const { sku } = requireFields(product, ['sku'], 'Product', 'Product.alternates');
    const [translations, sites] = await Promise.all([
      context.loaders.titlesByProduct.load(product.id, null),
      context.loaders.storefrontSites(),
    ]);
    const titles = new Map(translations.map((row) => [row.locale, row.title]));
    return productAlternates({ id: product.id, sku }, titles, sites);
  },
  async content(product: ProductRepresentation, args: { locale?: string | null }, context: LocalizationContext, info: GraphQLResolveInfo) {
    const negotiated = negotiateContent(context, args.locale);
    // Descriptions are most of a translation's bytes: a listing that shows titles reads titles only.
    const selected = selectedFieldNames(info);
    const withDescription = selected.has('description') || selected.has('descriptionText');
    const translations = await (withDescription ? context.loaders.translationsByProduct : context.loaders.titlesByProduct).load(product.id, negotiated.chain);
    const title = localizedRowText(translations, 'title', negotiated);
    const description = withDescription ? localizedRowText(translations, 'description', negotiated) : null;
    if (!title) logger.warn({ productId: product.id }, 'product has no title in any locale');
    // A function: graphql-js calls it only when the query selects `attributes`, so a listing that shows titles
    // never loads or localizes attribute labels.
    const attributes = () => Promise.all(
      (product.attributes ?? []).map(async (attribute) => {
        const [keyLabels, valueLabels] = await Promise.all([
          context.loaders.labelsByCode.load(attribute.key),
          context.loaders.labelsByCode.load(attribute.value),
        ]);
        return {
          key: attribute.key,
          label: localizedText(labelsOf(keyLabels, 'key'), negotiated) ?? untranslated(attribute.key),
          value: localizedText(labelsOf(valueLabels, 'value'), negotiated) ?? untranslated(attribute.value),
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
      // A function, like `attributes`: computed only when selected.
      direction: () => textDirection(titleText.locale).toUpperCase(),
    };
  },
};
