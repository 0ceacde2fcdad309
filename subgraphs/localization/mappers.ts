// The records and views behind the localization subgraph's GraphQL types, as resolvers receive them
// (`npm run codegen:resolvers` reads `resolverTypeMappers`), and the views its services answer with.
import type { AddressRules } from '../common/address/address-rules.ts';
import type { AddressFieldCode, LocalizedText, TextDirection } from './domain/index.ts';

export type { LocalizedText } from './domain/index.ts';

/** A product as the gateway hands it over: its key plus the fields `content` and `alternates` @require. */
export interface ProductRepresentation {
  id: string;
  /** @requires of `content`. */
  attributes?: { key: string; value: string }[];
  /** @requires of `alternates`. */
  sku?: string | null;
}

/** A category as the gateway hands it over: its key. */
export interface CategoryReference {
  id: string;
}

/** The schema's spelling of a text direction. */
export type TextDirectionCode = 'LTR' | 'RTL';

/** `textDirection`'s answer as the schema's `TextDirection` enum spells it. */
export function directionCode(direction: TextDirection): TextDirectionCode {
  return direction === 'rtl' ? 'RTL' : 'LTR';
}

/** An attribute's key, and its label and value in the shopper's language. */
export interface LocalizedAttributeView {
  key: string;
  label: LocalizedText;
  value: LocalizedText;
}

/**
 * A product's text in one language. `attributes` and `direction` are functions: graphql-js calls a
 * function-valued field only when the query selects it, so a listing that shows titles never loads or localizes
 * attribute labels.
 */
export interface ProductContentView {
  requestedLocale: string;
  locale: string;
  title: string;
  description: string;
  titleText: LocalizedText;
  descriptionText: LocalizedText | null;
  attributes: () => Promise<LocalizedAttributeView[]>;
  direction: () => TextDirectionCode;
}

/** A language named in the display locale and in itself. */
export interface LanguageView {
  locale: string;
  name: string;
  nativeName: string;
  direction: TextDirectionCode;
}

/** A country named in the display locale, with its currency and languages. */
export interface CountryView {
  code: string;
  name: string;
  currency: string;
  languages: LanguageView[];
}

/** Everything a locale switcher needs, named in `displayLocale`. */
export interface LocalizationInfoView {
  displayLocale: string;
  direction: TextDirectionCode;
  country: CountryView | null;
  countries: CountryView[];
  languages: LanguageView[];
}

/** How much of the catalog is translated into one locale, with the first products that fall back. */
export interface LocaleCoverageView {
  locale: string;
  fullyTranslated: number;
  fallingBack: number;
  percentTranslated: string;
  missing: { productId: string; fields: string[] }[];
}

/** A country's address format in one locale; `label` formats an address with `rules`. */
export interface AddressFormatView {
  country: string;
  locale: string;
  fields: { field: AddressFieldCode; label: string; required: boolean; line: number }[];
  postalCode: { pattern: string; examples: string[] } | null;
  regions: { code: string; name: string; localName: string }[];
  phoneRequired: boolean;
  /** The rules `label` prints with, whether it uses the Latin order, and the country's name in `locale`. */
  rules: AddressRules;
  latin: boolean;
  countryName: string;
}

/** A product a search found: its cursor, the product, and the text that matched. */
export interface ProductSearchEdgeView {
  cursor: string;
  node: ProductRepresentation;
  score: number;
  locale: string;
  isFallback: boolean;
  matchedFields: ('TITLE' | 'CATEGORY' | 'ATTRIBUTE' | 'DESCRIPTION')[];
}

/** A page of search results. */
export interface ProductSearchView {
  locale: string;
  edges: ProductSearchEdgeView[];
  nodes: ProductRepresentation[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const resolverTypeMappers = {
  AddressFormat: 'AddressFormatView',
  Product: 'ProductRepresentation',
  Category: 'CategoryReference',
  ProductContent: 'ProductContentView',
  LocalizedAttribute: 'LocalizedAttributeView',
  LocalizationInfo: 'LocalizationInfoView',
  Country: 'CountryView',
  Language: 'LanguageView',
  LocaleCoverage: 'LocaleCoverageView',
  ProductSearchConnection: 'ProductSearchView',
  ProductSearchEdge: 'ProductSearchEdgeView',
} as const;
