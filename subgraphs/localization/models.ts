import { Schema, type Connection, type Model } from 'mongoose';
import type { SearchPosting } from './domain/index.ts';

/** A product's text in one locale. A missing field falls back along the locale chain when read. */
export interface ProductTranslationDocument {
  productId: string;
  locale: string;
  title?: string | null;
  description?: string | null;
}

/** A category's name in one locale. */
export interface CategoryTranslationDocument {
  categoryId: string;
  locale: string;
  name: string;
}

/** The label of an attribute key (`color`) or value code (`navy`) in one locale. */
export interface AttributeLabelDocument {
  kind: 'key' | 'value';
  code: string;
  locale: string;
  label: string;
}

/** A country we sell to and the content languages offered there, best first. */
export interface CountryDocument {
  _id: string;
  languages: string[];
}

/**
 * A storefront site: the pages one market's shoppers read in one language (see `domain/alternates.ts`).
 * `_id` is the site's hreflang (`fr-CH`, `x-default`); `country` is null only for the international site.
 */
export interface StorefrontSiteDocument {
  _id: string;
  country: string | null;
  locale: string;
  urlTemplate: string;
}

/**
 * The shape of one product's translations, kept by the text write path (`services/translation-shapes.ts`) so the
 * coverage report counts products per shape in one pass over one row per product, whatever the catalog's size.
 */
export interface TranslationShapeDocument {
  productId: string;
  /** Per translated field, the locales (sorted, as stored) whose text is not blank. */
  localesWithText: Record<string, string[]>;
}

const localeTag = { type: String, required: true, match: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/ };

const productTranslationSchema = new Schema<ProductTranslationDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    locale: localeTag,
    title: { type: String, default: null },
    description: { type: String, default: null },
  },
  { collection: 'product_translations', versionKey: false },
);
productTranslationSchema.index({ productId: 1, locale: 1 }, { unique: true });
productTranslationSchema.index({ locale: 1 });

const translationShapeSchema = new Schema<TranslationShapeDocument>(
  {
    productId: { type: String, required: true },
    localesWithText: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'translation_shapes', versionKey: false, minimize: false },
);
translationShapeSchema.index({ productId: 1 }, { unique: true });

const categoryTranslationSchema = new Schema<CategoryTranslationDocument>(
  { categoryId: { type: String, required: true }, locale: localeTag, name: { type: String, required: true } },
  { collection: 'category_translations', versionKey: false },
);
categoryTranslationSchema.index({ categoryId: 1, locale: 1 }, { unique: true });

const attributeLabelSchema = new Schema<AttributeLabelDocument>(
  {
    kind: { type: String, required: true, enum: ['key', 'value'] },
    code: { type: String, required: true },
    locale: localeTag,
    label: { type: String, required: true },
  },
  { collection: 'attribute_labels', versionKey: false },
);
attributeLabelSchema.index({ code: 1, kind: 1, locale: 1 }, { unique: true });

const countrySchema = new Schema<CountryDocument>(
  { _id: { type: String, required: true, match: /^[A-Z]{2}$/ }, languages: { type: [String], required: true } },
  { collection: 'countries', versionKey: false },
);

const storefrontSiteSchema = new Schema<StorefrontSiteDocument>(
  {
    _id: { type: String, required: true, match: /^(x-default|[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2})$/ },
    country: { type: String, default: null, match: /^[A-Z]{2}$/ },
    locale: localeTag,
    // An absolute https URL with the slug (and the SKU or id) in its path: `https://shop.example.de/p/{slug}/{sku}`.
    urlTemplate: { type: String, required: true, match: /^https:\/\/[^\s/{}]+\/\S*\{slug\}\S*$/ },
  },
  { collection: 'storefront_sites', versionKey: false },
);

/** A row of the search index: a term of a product's text in one locale (see `domain/search-postings.ts`). */
export type SearchPostingDocument = SearchPosting;

/**
 * A term of the search index with its deletion variants, so that a misspelt query word finds it by equality
 * (`domain/search-analyzer.ts`). One row per distinct term of the whole catalog, not per product.
 */
export interface SearchTermDocument {
  _id: string;
  variants: string[];
}

/**
 * What the search index of a product was built from besides its own text: its category path and attribute
 * codes, as the products subgraph reported them at indexing. Lets a renamed category or relabelled attribute
 * value reindex exactly the products that show it.
 */
export interface SearchableProductDocument {
  productId: string;
  categoryPath: string[];
  attributes: { key: string; value: string }[];
}

const searchPostingSchema = new Schema<SearchPostingDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    term: { type: String, required: true },
    locale: localeTag,
    weight: { type: Number, required: true },
    fields: { type: [String], required: true },
  },
  { collection: 'search_postings', versionKey: false },
);
// A query reads the postings of its terms in the locales searched; reindexing a product replaces its rows.
searchPostingSchema.index({ term: 1, locale: 1 });
searchPostingSchema.index({ productId: 1 });

const searchTermSchema = new Schema<SearchTermDocument>(
  { _id: { type: String, required: true }, variants: { type: [String], required: true } },
  { collection: 'search_terms', versionKey: false },
);
searchTermSchema.index({ variants: 1 });

const searchableProductSchema = new Schema<SearchableProductDocument>(
  {
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    categoryPath: { type: [String], required: true },
    attributes: { type: [{ key: String, value: String, _id: false }], default: [] },
  },
  { collection: 'search_products', versionKey: false },
);
searchableProductSchema.index({ productId: 1 }, { unique: true });
searchableProductSchema.index({ categoryPath: 1 });
searchableProductSchema.index({ 'attributes.key': 1 });
searchableProductSchema.index({ 'attributes.value': 1 });

/** The localization subgraph's models, bound to its own database connection. */
export interface LocalizationModels {
  ProductTranslation: Model<ProductTranslationDocument>;
  TranslationShape: Model<TranslationShapeDocument>;
  CategoryTranslation: Model<CategoryTranslationDocument>;
  AttributeLabel: Model<AttributeLabelDocument>;
  Country: Model<CountryDocument>;
  StorefrontSite: Model<StorefrontSiteDocument>;
  SearchPosting: Model<SearchPostingDocument>;
  SearchTerm: Model<SearchTermDocument>;
  SearchableProduct: Model<SearchableProductDocument>;
}

export function createLocalizationModels(connection: Connection): LocalizationModels {
  return {
    ProductTranslation: connection.model<ProductTranslationDocument>('ProductTranslation', productTranslationSchema),
    TranslationShape: connection.model<TranslationShapeDocument>('TranslationShape', translationShapeSchema),
    CategoryTranslation: connection.model<CategoryTranslationDocument>('CategoryTranslation', categoryTranslationSchema),
    AttributeLabel: connection.model<AttributeLabelDocument>('AttributeLabel', attributeLabelSchema),
    Country: connection.model<CountryDocument>('Country', countrySchema),
    StorefrontSite: connection.model<StorefrontSiteDocument>('StorefrontSite', storefrontSiteSchema),
    SearchPosting: connection.model<SearchPostingDocument>('SearchPosting', searchPostingSchema),
    SearchTerm: connection.model<SearchTermDocument>('SearchTerm', searchTermSchema),
    SearchableProduct: connection.model<SearchableProductDocument>('SearchableProduct', searchableProductSchema),
  };
}
