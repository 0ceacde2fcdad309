export { createTranslator } from './create-translator.ts';
export type { Translator } from './create-translator.ts';
export { CATALOGS, FALLBACK_LANGUAGE, RESOURCES, SUPPORTED_LANGUAGES } from './resources.ts';
export type { MessageKey, SupportedLanguage } from './resources.ts';
export { formatCalendarDate, formatDateRange } from './date-formatters.ts';
export type { CalendarDateInput, CalendarDateRange } from './date-formatters.ts';
export type { Catalog } from './catalog.ts';
