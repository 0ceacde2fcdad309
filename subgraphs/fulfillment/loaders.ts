import type DataLoader from 'dataloader';
import { findDocuments } from '../common/find-documents.ts';
import { createGroupedLoader } from '../common/loaders.ts';
import {
  memoizeDeliveryPlans,
  memoizeEstimates,
  type ComplianceRules,
  type CarrierService,
  type Market,
  type ShippingZone,
  type Warehouse,
} from './domain/index.ts';
import type { ShopperTranslator } from './services/choose-shopper-translator.ts';
import type { FulfillmentModels, StockDocument } from './models.ts';
import type { FulfillmentReference, FulfillmentTables } from './reference-data.ts';

/**
 * Per-request loaders of the fulfillment subgraph. Stock is batched by product (one `$in` query per tick,
 * however many products the request estimates); the reference tables (warehouses, lanes, zones, rules,
 * markets) come from the process's reference cache, read whole at most once per freshness window. So a
 * request costs one stock query, for 1 product or 500.
 */
export interface FulfillmentLoaders {
  /**
   * The reference snapshot this request answers from: read once per request (one promise shared by every
   * resolver), so all products of a page see the same tables even when the freshness window ends mid-request.
   */
  tables: () => Promise<FulfillmentTables>;
  /** Stock rows of a product, one per warehouse that has a row (units may be 0). */
  stockByProduct: DataLoader<string, StockDocument[]>;
  /** Every warehouse, ordered by id. */
  warehouses: () => Promise<Warehouse[]>;
  /** Every carrier service. */
  carrierServices: () => Promise<CarrierService[]>;
  /** Every shipping zone. */
  shippingZones: () => Promise<ShippingZone[]>;
  /** Embargoed destinations and restricted-goods rules. */
  complianceRules: () => Promise<ComplianceRules>;
  /** Every market we sell into, by country. */
  markets: () => Promise<ReadonlyMap<string, Market>>;
  /** Delivery windows computed once per (warehouse, service, destination) for this request's products. */
  estimateDelivery: ReturnType<typeof memoizeEstimates>;
  /** Delivery plans computed once per (destination, parcel, tags, stock pattern) for this request's products. */
  planDelivery: ReturnType<typeof memoizeDeliveryPlans>;
  /**
   * Arrival sentences written for this request, by shopper language and then by destination calendar and
   * window (see services/write-delivery-sentence.ts); dropped with the request, never shared with another.
   */
  deliverySentences: Map<ShopperTranslator, Map<string, string>>;
}

// A batch of N products has at most one stock row per product and warehouse. Asking for them all in the
// first reply saves the `getMore` round trip a driver would otherwise make past 101 documents.
const STOCK_FIRST_BATCH = 10_000;

/**
 * The stock rows of some products: one `find` command through the shared `findDocuments` (no mongoose query
 * layer, no driver cursor object, which cost fulfillment CPU on every listing); a read that one reply cannot
 * hold continues through the driver's cursor. The rows are plain numbers and strings read as stored (the schema
 * validated them on write), so casting and hydration would add nothing.
 */
export function findStockRows(
  models: FulfillmentModels,
  productIds: readonly string[],
  batchSize = STOCK_FIRST_BATCH,
): Promise<StockDocument[]> {
  return findDocuments<StockDocument>(
    models.Stock,
    { productId: { $in: productIds.map(String) } },
    { projection: { _id: 0, productId: 1, warehouseId: 1, units: 1 }, batchSize },
  );
}

export function createFulfillmentLoaders(models: FulfillmentModels, reference: FulfillmentReference): FulfillmentLoaders {
  let snapshot: Promise<FulfillmentTables> | undefined;
  const tables = () => (snapshot ??= reference.tables());
  return {
    tables,
    stockByProduct: createGroupedLoader<StockDocument>(
      (productIds) => findStockRows(models, productIds),
      (row) => row.productId,
    ),
    warehouses: async () => (await tables()).warehouses,
    carrierServices: async () => (await tables()).carrierServices,
    shippingZones: async () => (await tables()).shippingZones,
    complianceRules: async () => (await tables()).complianceRules,
    markets: async () => (await tables()).markets,
    estimateDelivery: memoizeEstimates(),
    planDelivery: memoizeDeliveryPlans(),
    deliverySentences: new Map(),
  };
}
