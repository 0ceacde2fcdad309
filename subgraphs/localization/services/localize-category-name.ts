import type { LocalizationContext } from '../context.ts';
import { localizedText, untranslated, type LocalizedText } from '../domain/index.ts';
import { negotiateContent } from './negotiate-content.ts';

/** A category's name in `locale` (else the negotiated one); its id, flagged as a fallback, when it has none. */
export async function localizeCategoryName(
  context: LocalizationContext,
  categoryId: string,
  locale: string | null | undefined,
): Promise<LocalizedText> {
  const negotiated = negotiateContent(context, locale);
  const translations = await context.loaders.translationsByCategory.load(categoryId);
  const names = new Map(translations.map((translation) => [translation.locale, translation.name]));
  return localizedText(names, negotiated) ?? untranslated(categoryId);
}
