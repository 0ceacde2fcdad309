import type { LocalizationContext } from '../context.ts';
import { localizedText, negotiateContent, untranslated, type LocalizedText } from './localized-text.ts';

export const Category = {
  __resolveReference: (reference: { id: string }) => reference,
  async name(category: { id: string }, args: { locale?: string | null }, context: LocalizationContext): Promise<LocalizedText> {
    const negotiated = negotiateContent(context, args.locale);
    const translations = await context.loaders.translationsByCategory.load(category.id);
    const names = new Map(translations.map((translation) => [translation.locale, translation.name]));
    return localizedText(names, negotiated) ?? untranslated(category.id);
  },
};
