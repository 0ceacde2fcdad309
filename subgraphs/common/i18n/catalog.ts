/**
 * A language's messages as i18next resources: nested objects of strings. Plural messages carry
 * i18next's CLDR suffixes (`_zero _one _two _few _many _other`); each language has exactly the
 * categories `Intl.PluralRules` gives it (Arabic six, Polish four, Japanese only `_other`).
 */
export type Catalog = { readonly [key: string]: string | Catalog };

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type WithoutPluralSuffix<Key extends string> = Key extends `${infer Base}_${PluralSuffix}` ? Base : Key;

/** The dotted keys of a catalog as callers write them: 'delivery.orderWithin', never '…_one'. */
export type MessageKeyOf<T> = WithoutPluralSuffix<LeafPaths<T>>;
