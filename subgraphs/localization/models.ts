import { Schema, type Connection, type Model } from 'mongoose';
import type { ProductTerms } from './domain/index.ts';

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

/**
 * A posting list of the search index: the products whose text in `locale` holds `term`, with the fields it
 * occurs in, for the products of one bucket (`domain/search-posting-lists.ts`: a term's products are spread over
 * buckets by product id, so no list nears the 16 MiB document limit and a product's posting has one known place).
 */
export interface SearchPostingListDocument {
  term: string;
  locale: string;
  bucket: number;
  /** The products and the fields the term occurs in, packed (`packPostings`). */
  postings: Uint8Array;
  /** Raised by every rewrite: a writer replaces the list only at the revision it read (compare and set). */
  revision: number;
}

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
  /** The terms of its text as indexed, per locale (the forward index): the postings to remove when it changes. */
  terms: ProductTerms[];
}

const searchPostingListSchema = new Schema<SearchPostingListDocument>(
  {
    term: { type: String, required: true },
    locale: localeTag,
    bucket: { type: Number, required: true, min: 0 },
    postings: { type: Buffer, required: true },
    revision: { type: Number, required: true, default: 0 },
  },
  { collection: 'search_posting_lists', versionKey: false },
);
// A query reads the lists of its terms in the locales searched (every bucket); a product's change updates the
// one list per term its bucket names.
searchPostingListSchema.index({ term: 1, locale: 1, bucket: 1 }, { unique: true });

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
    terms: { type: [{ locale: String, terms: String, fields: String, _id: false }], default: [] },
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
  SearchPostingList: Model<SearchPostingListDocument>;
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
    SearchPostingList: connection.model<SearchPostingListDocument>('SearchPostingList', searchPostingListSchema),
    SearchTerm: connection.model<SearchTermDocument>('SearchTerm', searchTermSchema),
    SearchableProduct: connection.model<SearchableProductDocument>('SearchableProduct', searchableProductSchema),
  };
}
