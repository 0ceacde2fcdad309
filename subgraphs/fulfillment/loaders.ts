import type DataLoader from 'dataloader';
import { findDocuments } from '../common/find-documents.ts';
import { createGroupedLoader } from '../common/loaders.ts';
import { createReferenceCache } from '../common/reference-cache.ts';
import { memoizeEstimates, type ComplianceRules, type CarrierService, type Market, type ShippingZone, type Warehouse } from './domain/index.ts';
import { memoizeDeliveryPlans } from './plan-delivery.ts';
import type { ShopperTranslator } from './shopper-translator.ts';
import { toCarrierService, toComplianceRules, toMarket, toShippingZone, toWarehouse } from './mappers.ts';
import type {
  CarrierServiceDocument,
  EmbargoDocument,
  FulfillmentModels,
  MarketDocument,
  RestrictionRuleDocument,
  ShippingZoneDocument,
  StockDocument,
  WarehouseDocument,
} from './models.ts';

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
   * window (see `DeliveryEstimate.text`); dropped with the request, never shared with another.
   */
  deliverySentences: Map<ShopperTranslator, Map<string, string>>;
}

// A batch of N products has at most one stock row per product and warehouse. Asking for them all in the
// first reply saves the `getMore` round trip a driver would otherwise make past 101 documents.
const STOCK_FIRST_BATCH = 10_000;



/**
 * The stock rows of some products: one `find` command through the shared `findDocuments` (no mongoose query
 * layer, no driver cursor object — about 0.1 ms of fulfillment's CPU per listing); a read that one reply cannot
 * hold continues through the driver's cursor. The rows are plain numbers and strings read as stored (the schema
 * validated them on write), so casting and hydration would add nothing.
 */
export function findStockRows(models: FulfillmentModels, productIds: readonly string[], batchSize = STOCK_FIRST_BATCH): Promise<StockDocument[]> {
  return findDocuments<StockDocument>(
    models.Stock,
    { productId: { $in: productIds.map(String) } },
    { projection: { _id: 0, productId: 1, warehouseId: 1, units: 1 }, batchSize },
  );
}


/** Fulfillment's reference tables: small, read whole, shared by every request of a freshness window. */
export interface FulfillmentTables {
  warehouses: Warehouse[];
  carrierServices: CarrierService[];
  shippingZones: ShippingZone[];
  complianceRules: ComplianceRules;
  markets: ReadonlyMap<string, Market>;
}

async function loadTables(models: FulfillmentModels): Promise<FulfillmentTables> {
  const [warehouses, services, zones, embargoes, restrictions, markets] = await Promise.all([
    models.Warehouse.find().sort({ _id: 1 }).lean<WarehouseDocument[]>(),
    models.CarrierService.find().lean<CarrierServiceDocument[]>(),
    models.ShippingZone.find().lean<ShippingZoneDocument[]>(),
    models.Embargo.find().lean<EmbargoDocument[]>(),
    models.RestrictionRule.find().lean<RestrictionRuleDocument[]>(),
    models.Market.find().lean<MarketDocument[]>(),
  ]);
  return {
    warehouses: warehouses.map(toWarehouse),
    carrierServices: services.map(toCarrierService),
    shippingZones: zones.map(toShippingZone),
    complianceRules: toComplianceRules(embargoes, restrictions),
    markets: new Map(markets.map(toMarket).map((market) => [market.country, market])),
  };
}

/** Fulfillment's reference data, read from MongoDB at most once per freshness window (`ttlMs`). */
export function createFulfillmentReference(models: FulfillmentModels, ttlMs: number): () => Promise<FulfillmentTables> {
  const cache = createReferenceCache<'tables', FulfillmentTables>(() => loadTables(models), { ttlMs, maxKeys: 1 });
  return () => cache.get('tables');
}

export function createFulfillmentLoaders(models: FulfillmentModels, reference: () => Promise<FulfillmentTables>): FulfillmentLoaders {
  let snapshot: Promise<FulfillmentTables> | undefined;
  const tables = () => (snapshot ??= reference());
  return {
    tables,
    stockByProduct: createGroupedLoader<StockDocument>((productIds) => findStockRows(models, productIds), (row) => row.productId),
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
