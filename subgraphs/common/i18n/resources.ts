import type { Resource } from 'i18next';
import { ar } from './catalogs/ar.ts';
import { de } from './catalogs/de.ts';
import { en } from './catalogs/en.ts';
import { fr } from './catalogs/fr.ts';
import { ja } from './catalogs/ja.ts';
import { pl } from './catalogs/pl.ts';
import type { MessageKeyOf } from './catalog.ts';

/** Languages the graph's own strings exist in. Content languages (product texts) are separate. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'pl', 'ja', 'ar'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** The language every other one falls back to, key by key. */
export const FALLBACK_LANGUAGE = 'en' satisfies SupportedLanguage;

/** Every catalog by language, the shape the unit tests walk. */
export const CATALOGS = { en, de, fr, pl, ja, ar } as const;

/** A message key as callers write it: `t('delivery.orderWithin', { count })`. */
export type MessageKey = MessageKeyOf<typeof en>;

/** The catalogs as i18next resources, all in its default `translation` namespace. */
export const RESOURCES: Resource = Object.fromEntries(
  SUPPORTED_LANGUAGES.map((language) => [language, { translation: CATALOGS[language] }]),
);
