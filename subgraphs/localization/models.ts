import { Schema, type Connection, type Model } from 'mongoose';

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

/** The localization subgraph's models, bound to its own database connection. */
export interface LocalizationModels {
  ProductTranslation: Model<ProductTranslationDocument>;
  CategoryTranslation: Model<CategoryTranslationDocument>;
  AttributeLabel: Model<AttributeLabelDocument>;
  Country: Model<CountryDocument>;
  StorefrontSite: Model<StorefrontSiteDocument>;
}

export function createLocalizationModels(connection: Connection): LocalizationModels {
  return {
    ProductTranslation: connection.model<ProductTranslationDocument>('ProductTranslation', productTranslationSchema),
    CategoryTranslation: connection.model<CategoryTranslationDocument>('CategoryTranslation', categoryTranslationSchema),
    AttributeLabel: connection.model<AttributeLabelDocument>('AttributeLabel', attributeLabelSchema),
    Country: connection.model<CountryDocument>('Country', countrySchema),
    StorefrontSite: connection.model<StorefrontSiteDocument>('StorefrontSite', storefrontSiteSchema),
  };
}
