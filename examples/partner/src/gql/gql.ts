/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CartQuote($lines: [QuoteLineInput!]!, $country: CountryCode!, $locale: Locale!) {\n  quote(lines: $lines, shipTo: {country: $country}) {\n    id\n    shipToCountry\n    dutyIncluded\n    belowDeMinimis\n    items {\n      amount\n      currencyCode\n    }\n    tax {\n      amount\n    }\n    duty {\n      amount\n    }\n    total {\n      amount\n      currencyCode\n      formatted(locale: $locale)\n    }\n    dueOnDelivery {\n      amount\n    }\n  }\n}": typeof types.CartQuoteDocument,
    "query LocalizationSwitcher($locale: Locale!, $country: CountryCode) {\n  localization(locale: $locale, country: $country) {\n    displayLocale\n    direction\n    country {\n      code\n      name\n      currency\n    }\n    countries {\n      code\n      name\n      currency\n    }\n    languages {\n      locale\n      name\n      nativeName\n    }\n  }\n}": typeof types.LocalizationSwitcherDocument,
    "query ProductListing($first: Int!, $after: String, $country: CountryCode!, $locale: Locale!) {\n  products(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      sku\n      content(locale: $locale) {\n        title\n      }\n      price(country: $country) {\n        amount {\n          formatted(locale: $locale)\n        }\n      }\n    }\n  }\n}": typeof types.ProductListingDocument,
    "query ProductPage($id: ID!, $country: CountryCode!, $locale: Locale!) {\n  product(id: $id) {\n    id\n    sku\n    brand\n    content(locale: $locale) {\n      title\n      description\n      locale\n    }\n    price(country: $country) {\n      amount {\n        amount\n        currencyCode\n        formatted(locale: $locale)\n      }\n      taxIncluded\n      tax {\n        amount {\n          amount\n        }\n      }\n      duty {\n        amount {\n          amount\n        }\n        included\n      }\n    }\n    delivery(shipTo: $country) {\n      shippable\n      reason\n      earliest\n      latest\n      text(locale: $locale)\n    }\n  }\n}": typeof types.ProductPageDocument,
};
const documents: Documents = {
    "query CartQuote($lines: [QuoteLineInput!]!, $country: CountryCode!, $locale: Locale!) {\n  quote(lines: $lines, shipTo: {country: $country}) {\n    id\n    shipToCountry\n    dutyIncluded\n    belowDeMinimis\n    items {\n      amount\n      currencyCode\n    }\n    tax {\n      amount\n    }\n    duty {\n      amount\n    }\n    total {\n      amount\n      currencyCode\n      formatted(locale: $locale)\n    }\n    dueOnDelivery {\n      amount\n    }\n  }\n}": types.CartQuoteDocument,
    "query LocalizationSwitcher($locale: Locale!, $country: CountryCode) {\n  localization(locale: $locale, country: $country) {\n    displayLocale\n    direction\n    country {\n      code\n      name\n      currency\n    }\n    countries {\n      code\n      name\n      currency\n    }\n    languages {\n      locale\n      name\n      nativeName\n    }\n  }\n}": types.LocalizationSwitcherDocument,
    "query ProductListing($first: Int!, $after: String, $country: CountryCode!, $locale: Locale!) {\n  products(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      sku\n      content(locale: $locale) {\n        title\n      }\n      price(country: $country) {\n        amount {\n          formatted(locale: $locale)\n        }\n      }\n    }\n  }\n}": types.ProductListingDocument,
    "query ProductPage($id: ID!, $country: CountryCode!, $locale: Locale!) {\n  product(id: $id) {\n    id\n    sku\n    brand\n    content(locale: $locale) {\n      title\n      description\n      locale\n    }\n    price(country: $country) {\n      amount {\n        amount\n        currencyCode\n        formatted(locale: $locale)\n      }\n      taxIncluded\n      tax {\n        amount {\n          amount\n        }\n      }\n      duty {\n        amount {\n          amount\n        }\n        included\n      }\n    }\n    delivery(shipTo: $country) {\n      shippable\n      reason\n      earliest\n      latest\n      text(locale: $locale)\n    }\n  }\n}": types.ProductPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CartQuote($lines: [QuoteLineInput!]!, $country: CountryCode!, $locale: Locale!) {\n  quote(lines: $lines, shipTo: {country: $country}) {\n    id\n    shipToCountry\n    dutyIncluded\n    belowDeMinimis\n    items {\n      amount\n      currencyCode\n    }\n    tax {\n      amount\n    }\n    duty {\n      amount\n    }\n    total {\n      amount\n      currencyCode\n      formatted(locale: $locale)\n    }\n    dueOnDelivery {\n      amount\n    }\n  }\n}"): (typeof documents)["query CartQuote($lines: [QuoteLineInput!]!, $country: CountryCode!, $locale: Locale!) {\n  quote(lines: $lines, shipTo: {country: $country}) {\n    id\n    shipToCountry\n    dutyIncluded\n    belowDeMinimis\n    items {\n      amount\n      currencyCode\n    }\n    tax {\n      amount\n    }\n    duty {\n      amount\n    }\n    total {\n      amount\n      currencyCode\n      formatted(locale: $locale)\n    }\n    dueOnDelivery {\n      amount\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LocalizationSwitcher($locale: Locale!, $country: CountryCode) {\n  localization(locale: $locale, country: $country) {\n    displayLocale\n    direction\n    country {\n      code\n      name\n      currency\n    }\n    countries {\n      code\n      name\n      currency\n    }\n    languages {\n      locale\n      name\n      nativeName\n    }\n  }\n}"): (typeof documents)["query LocalizationSwitcher($locale: Locale!, $country: CountryCode) {\n  localization(locale: $locale, country: $country) {\n    displayLocale\n    direction\n    country {\n      code\n      name\n      currency\n    }\n    countries {\n      code\n      name\n      currency\n    }\n    languages {\n      locale\n      name\n      nativeName\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductListing($first: Int!, $after: String, $country: CountryCode!, $locale: Locale!) {\n  products(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      sku\n      content(locale: $locale) {\n        title\n      }\n      price(country: $country) {\n        amount {\n          formatted(locale: $locale)\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query ProductListing($first: Int!, $after: String, $country: CountryCode!, $locale: Locale!) {\n  products(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      sku\n      content(locale: $locale) {\n        title\n      }\n      price(country: $country) {\n        amount {\n          formatted(locale: $locale)\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductPage($id: ID!, $country: CountryCode!, $locale: Locale!) {\n  product(id: $id) {\n    id\n    sku\n    brand\n    content(locale: $locale) {\n      title\n      description\n      locale\n    }\n    price(country: $country) {\n      amount {\n        amount\n        currencyCode\n        formatted(locale: $locale)\n      }\n      taxIncluded\n      tax {\n        amount {\n          amount\n        }\n      }\n      duty {\n        amount {\n          amount\n        }\n        included\n      }\n    }\n    delivery(shipTo: $country) {\n      shippable\n      reason\n      earliest\n      latest\n      text(locale: $locale)\n    }\n  }\n}"): (typeof documents)["query ProductPage($id: ID!, $country: CountryCode!, $locale: Locale!) {\n  product(id: $id) {\n    id\n    sku\n    brand\n    content(locale: $locale) {\n      title\n      description\n      locale\n    }\n    price(country: $country) {\n      amount {\n        amount\n        currencyCode\n        formatted(locale: $locale)\n      }\n      taxIncluded\n      tax {\n        amount {\n          amount\n        }\n      }\n      duty {\n        amount {\n          amount\n        }\n        included\n      }\n    }\n    delivery(shipTo: $country) {\n      shippable\n      reason\n      earliest\n      latest\n      text(locale: $locale)\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;