import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A product as stored (and as `lean()` returns it). */
export interface ProductDocument {
  _id: Types.ObjectId;
  sku: string;
  brand: string;
  categoryId: string;
  categoryPath: string[];
  hsCode: string;
  originCountry: string;
  weightGrams: number;
  dimensions: { lengthCm: number; widthCm: number; heightCm: number };
  complianceTags: string[];
  images: { url: string; width: number; height: number }[];
  attributes: { key: string; value: string }[];
  createdAt: Date;
  /** Codes of the trade agreements under which the merchant holds proof of the goods' preferential origin. */
  originProofs?: string[];
  /** GTIN (8, 12, 13 or 14 digits, check digit valid); null or absent when the product has none. */
  gtin?: string | null;
  /** Plain English description for customs declarations. */
  customsDescription?: string | null;
  /** Tariff codes per customs territory at its declaration precision. */
  tariffCodes?: { territory: string; code: string; verified: boolean }[];
  /** What the pack holds (not its shipping weight); null or absent for goods sold by the piece. */
  netQuantity?: StoredNetQuantity | null;
}

/** A net quantity as stored: an exact positive decimal and its metric unit. */
export interface StoredNetQuantity {
  value: string;
  unit: 'g' | 'kg' | 'ml' | 'l';
}

/** A category as stored: its dotted id and its parent's. */
export interface CategoryDocument {
  _id: string;
  parentId: string | null;
}

// A positive plain decimal: "250", "1.8"; never "0" or an exponent.
const netQuantitySchema = new Schema<StoredNetQuantity>(
  {
    value: { type: String, required: true, match: /^(?!0+(\.0+)?$)\d+(\.\d+)?$/ },
    unit: { type: String, required: true, enum: ['g', 'kg', 'ml', 'l'] },
  },
  { _id: false },
);

/** How a product is stored. Ids are ObjectIds, exposed to clients as 24-character hex strings. */
const productSchema = new Schema<ProductDocument>(
  {
    sku: { type: String, required: true, trim: true, match: /^[A-Z0-9][A-Z0-9-]{2,39}$/ },
    brand: { type: String, required: true, trim: true },
    categoryId: { type: String, required: true },
    // Ancestors and the category itself, so that a filter on a parent category is one indexed equality.
    categoryPath: { type: [String], required: true },
    hsCode: { type: String, required: true, match: /^\d{6,10}$/ },
    originCountry: { type: String, required: true, match: /^[A-Z]{2}$/ },
    weightGrams: { type: Number, required: true, min: 1, validate: Number.isInteger },
    dimensions: {
      lengthCm: { type: Number, required: true, min: 1 },
      widthCm: { type: Number, required: true, min: 1 },
      heightCm: { type: Number, required: true, min: 1 },
    },
    complianceTags: { type: [String], default: [] },
    images: { type: [{ url: String, width: Number, height: Number, _id: false }], default: [] },
    attributes: { type: [{ key: String, value: String, _id: false }], default: [] },
    createdAt: { type: Date, required: true },
    netQuantity: { type: netQuantitySchema, default: null },
    originProofs: { type: [{ type: String, match: /^[A-Z0-9-]{2,32}$/ }], default: [] },
    gtin: { type: String, default: null, match: /^(\d{8}|\d{12,14})$/ },
    customsDescription: { type: String, default: null, trim: true, maxlength: 200 },
    tariffCodes: {
      type: [
        {
          territory: { type: String, required: true, match: /^[A-Z]{2}$/ },
          code: { type: String, required: true, match: /^\d{6,10}$/ },
          verified: { type: Boolean, required: true },
          _id: false,
        },
      ],
      default: [],
    },
  },
  { collection: 'products', versionKey: false },
);
// One index per query path: lookups by SKU, and every filter × sort of `products` (ties broken by SKU).
productSchema.index({ sku: 1 }, { unique: true });
productSchema.index({ brand: 1, sku: 1 });
productSchema.index({ createdAt: 1, sku: 1 });
productSchema.index({ categoryPath: 1, sku: 1 });
productSchema.index({ categoryPath: 1, brand: 1, sku: 1 });
productSchema.index({ categoryPath: 1, createdAt: 1, sku: 1 });

const categorySchema = new Schema<CategoryDocument>(
  {
    _id: { type: String, required: true, match: /^[a-z0-9-]+(\.[a-z0-9-]+)*$/ },
    parentId: { type: String, default: null },
  },
  { collection: 'categories', versionKey: false },
);
categorySchema.index({ parentId: 1, _id: 1 });

/** The products subgraph's models, bound to its own database connection. */
export interface ProductModels {
  Product: Model<ProductDocument>;
  Category: Model<CategoryDocument>;
}

export function createProductModels(connection: Connection): ProductModels {
  return {
    Product: connection.model<ProductDocument>('Product', productSchema),
    Category: connection.model<CategoryDocument>('Category', categorySchema),
  };
}
