/** Locales the catalog's content is written in. Requests for others fall back along their chain to these. */
export const CONTENT_LOCALES = ['en', 'de', 'fr', 'ja', 'ar', 'zh-Hans', 'zh-Hant'] as const;

/** The language every chain ends in: every product has its English text. */
export const DEFAULT_CONTENT_LOCALE = 'en';

/** Fields of a product's text the coverage report counts. */
export const TRANSLATED_PRODUCT_FIELDS = ['title', 'description'] as const;
