import { Schema, type Connection, type Model } from 'mongoose';
import { durableCollection } from '../common/durability.ts';

/**
 * One product as a market's shoppers see it, for filtering and sorting catalog pages by price: the shown unit
 * price (`Product.price(country).amount`, the product page's figure) in the market's currency, in minor units,
 * with the facts a storefront filters and counts by (brand and category from products; shippability and stock
 * from fulfillment), as read through the graph by the price projector. Derived data: rebuilt, never edited.
 */
export interface PriceProjectionDocument {
  country: string;
  productId: string;
  currency: string;
  /** The shown unit price in minor units of `currency` (an integer; a Number holds every price exactly). */
  amountMinor: number;
  brand: string;
  /** The product's category and its ancestors, as products' `Category.path`. */
  categoryPath: string[];
  /** Whether fulfillment can deliver the product to `country` (`Product.delivery(shipTo).shippable`). */
  shippable: boolean;
  /** Whether any warehouse holds a unit (`Product.stockCountries` not empty). */
  inStock: boolean;
  /** The projector pass that wrote the row: rows an older pass wrote are products that left the market. */
  pass: string;
  /** When that pass read the price. */
  refreshedAt: Date;
}

const priceProjectionSchema = new Schema<PriceProjectionDocument>(
  {
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    productId: { type: String, required: true, match: /^[0-9a-f]{24}$/ },
    currency: { type: String, required: true, match: /^[A-Z]{3}$/ },
    amountMinor: { type: Number, required: true, validate: Number.isSafeInteger },
    brand: { type: String, required: true },
    categoryPath: { type: [String], required: true },
    shippable: { type: Boolean, required: true },
    inStock: { type: Boolean, required: true },
    pass: { type: String, required: true },
    refreshedAt: { type: Date, required: true },
  },
  { collection: 'price_projections', versionKey: false },
);
// A filtered page is an index range in price order (ties by product id) under the market and the filter's
// equalities, so it reads as many rows as it returns. Removing what a pass did not write reads the market's rows
// by the first index, once per pass (the pass has just written all of them): no index on `pass` of its own.
priceProjectionSchema.index({ country: 1, productId: 1 }, { unique: true });
priceProjectionSchema.index({ country: 1, amountMinor: 1, productId: 1 });
priceProjectionSchema.index({ country: 1, shippable: 1, amountMinor: 1, productId: 1 });
priceProjectionSchema.index({ country: 1, shippable: 1, inStock: 1, amountMinor: 1, productId: 1 });
priceProjectionSchema.index({ country: 1, brand: 1, amountMinor: 1, productId: 1 });
priceProjectionSchema.index({ country: 1, categoryPath: 1, amountMinor: 1, productId: 1 });

/** The price projection, outside `PricingModels`: it is derived, never seeded. */
export function createPriceProjectionModel(connection: Connection): Model<PriceProjectionDocument> {
  return connection.model<PriceProjectionDocument>('PriceProjection', priceProjectionSchema);
}

/**
 * Why a part of the projection is stale: written by pricing's own writes (a price change, a sale's start or end, an
 * exchange-rate import) and read by the price projector, which re-projects what a mark names once `dueAt` has
 * come and then removes the mark. An outbox rather than a change stream: it works on the embedded database and on a
 * standalone MongoDB as on a replica set, and a mark due in the future is how a sale that starts next week
 * reaches the lists on time.
 */
export interface PriceProjectionMarkDocument {
  /** The product to re-project; null = every product (an exchange rate or a market changed). */
  productId: string | null;
  /** The market to re-project it in; null = every market. */
  country: string | null;
  /** What changed, for the logs: `price-change`, `sale-start`, `sale-end`, `exchange-rates`, `tax-registration`, `catalog-grown`. */
  reason: string;
  /** When the projector may re-project: when the change shows on product pages (after pricing's reference-data freshness window for rates). */
  dueAt: Date;
}

const priceProjectionMarkSchema = new Schema<PriceProjectionMarkDocument>(
  {
    productId: { type: String, default: null, match: /^[0-9a-f]{24}$/ },
    country: { type: String, default: null, match: /^[A-Z]{2}$/ },
    reason: { type: String, required: true },
    dueAt: { type: Date, required: true },
  },
  { collection: 'price_projection_marks', versionKey: false },
);
// The projector's one query: the marks due now, oldest first.
priceProjectionMarkSchema.index({ dueAt: 1, _id: 1 });
// A lost mark would leave a changed price out of the lists until the next full pass.
durableCollection(priceProjectionMarkSchema);

/** The projection's outbox, in `PricingModels`: pricing's writes add to it. */
export function createPriceProjectionMarkModel(connection: Connection): Model<PriceProjectionMarkDocument> {
  return connection.model<PriceProjectionMarkDocument>('PriceProjectionMark', priceProjectionMarkSchema);
}
