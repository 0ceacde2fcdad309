import { logger } from '../../common/logger.ts';
import type { LocalizationContext } from '../context.ts';
import {
  DEFAULT_CONTENT_LOCALE,
  localizedRowText,
  localizedText,
  requestedLocaleOf,
  textDirection,
  untranslated,
} from '../domain/index.ts';
import { directionCode, type ProductContentView, type ProductRepresentation } from '../mappers.ts';
import type { AttributeLabelDocument } from '../models.ts';
import { negotiateContent } from './negotiate-content.ts';

function labelsOf(labels: readonly AttributeLabelDocument[], kind: 'key' | 'value'): Map<string, string> {
  return new Map(labels.filter((label) => label.kind === kind).map((label) => [label.locale, label.label]));
}

/**
 * A product's text in `locale` (else the negotiated one), each field falling back along the locale's chain.
 * Descriptions are most of a translation's bytes: without `withDescription` only titles are read.
 */
export async function localizeProductContent(
  context: LocalizationContext,
  product: ProductRepresentation,
  locale: string | null | undefined,
  withDescription: boolean,
): Promise<ProductContentView> {
  const negotiated = negotiateContent(context, locale);
  const { loaders } = context;
  const translations = await (withDescription ? loaders.translationsByProduct : loaders.titlesByProduct).load(product.id, negotiated.chain);
  const title = localizedRowText(translations, 'title', negotiated);
  const description = withDescription ? localizedRowText(translations, 'description', negotiated) : null;
  if (!title) logger.warn({ productId: product.id }, 'product has no title in any locale');
  const attributes = () =>
    Promise.all(
      (product.attributes ?? []).map(async (attribute) => {
        const [keyLabels, valueLabels] = await Promise.all([
          loaders.labelsByCode.load(attribute.key),
          loaders.labelsByCode.load(attribute.value),
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
    direction: () => directionCode(textDirection(titleText.locale)),
  };
}
