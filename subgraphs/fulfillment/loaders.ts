import type DataLoader from 'dataloader';
import { createGroupedLoader } from '../common/loaders.ts';
import type { ComplianceRules, CarrierService, Market, ShippingZone, Warehouse } from './domain/index.ts';
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
 * however many products the request estimates); the reference tables are read whole, once per request, and
 * shared by every product of it. So a request costs one round trip per collection, for 1 product or 500.
 */
export interface FulfillmentLoaders {
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
}

// A batch of N products has at most one stock row per product and warehouse. Asking for them all in the
// first reply saves the `getMore` round trip a driver would otherwise make past 101 documents.
const STOCK_FIRST_BATCH = 10_000;

/** The result of `load`, computed on first call and shared by every later call (one query per request). */
function memoise<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= load());
}

export function createFulfillmentLoaders(models: FulfillmentModels): FulfillmentLoaders {
  return {
    stockByProduct: createGroupedLoader<StockDocument>(
      (productIds) =>
        models.Stock.find({ productId: { $in: [...productIds] } }, { _id: 0, productId: 1, warehouseId: 1, units: 1 })
          .batchSize(STOCK_FIRST_BATCH)
          .lean<StockDocument[]>(),
      (row) => row.productId,
    ),
    warehouses: memoise(async () =>
      (await models.Warehouse.find().sort({ _id: 1 }).lean<WarehouseDocument[]>()).map(toWarehouse),
    ),
    carrierServices: memoise(async () =>
      (await models.CarrierService.find().lean<CarrierServiceDocument[]>()).map(toCarrierService),
    ),
    shippingZones: memoise(async () => (await models.ShippingZone.find().lean<ShippingZoneDocument[]>()).map(toShippingZone)),
    complianceRules: memoise(async () => {
      const [embargoes, restrictions] = await Promise.all([
        models.Embargo.find().lean<EmbargoDocument[]>(),
        models.RestrictionRule.find().lean<RestrictionRuleDocument[]>(),
      ]);
      return toComplianceRules(embargoes, restrictions);
    }),
    markets: memoise(async () => {
      const markets = (await models.Market.find().lean<MarketDocument[]>()).map(toMarket);
      return new Map(markets.map((market) => [market.country, market]));
    }),
  };
}
