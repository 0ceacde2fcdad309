import { createReferenceCache } from '../common/reference-cache.ts';
import type { CarrierService, ComplianceRules, DestinationArea, Market, ShippingZone, Warehouse } from './domain/index.ts';
import { toCarrierService, toComplianceRules, toDestinationArea, toMarket, toShippingZone, toWarehouse } from './mappers.ts';
import type {
  CarrierServiceDocument,
  DestinationAreaDocument,
  EmbargoDocument,
  FulfillmentModels,
  MarketDocument,
  RestrictionRuleDocument,
  ShippingZoneDocument,
  WarehouseDocument,
} from './models.ts';

/** Fulfillment's reference tables: small, read whole, shared by every request of a freshness window. */
export interface FulfillmentTables {
  warehouses: Warehouse[];
  carrierServices: CarrierService[];
  shippingZones: ShippingZone[];
  complianceRules: ComplianceRules;
  markets: ReadonlyMap<string, Market>;
  /** Parts of countries with their own zone, holidays, transit or customs. */
  areas: DestinationArea[];
}

/** Fulfillment's reference data, read from MongoDB at most once per freshness window (`ttlMs`). */
export interface FulfillmentReference {
  tables(): Promise<FulfillmentTables>;
}

async function loadTables(models: FulfillmentModels): Promise<FulfillmentTables> {
  const [warehouses, services, zones, embargoes, restrictions, markets, areas] = await Promise.all([
    models.Warehouse.find().sort({ _id: 1 }).lean<WarehouseDocument[]>(),
    models.CarrierService.find().lean<CarrierServiceDocument[]>(),
    models.ShippingZone.find().lean<ShippingZoneDocument[]>(),
    models.Embargo.find().lean<EmbargoDocument[]>(),
    models.RestrictionRule.find().lean<RestrictionRuleDocument[]>(),
    models.Market.find().lean<MarketDocument[]>(),
    models.DestinationArea.find().sort({ _id: 1 }).lean<DestinationAreaDocument[]>(),
  ]);
  return {
    warehouses: warehouses.map(toWarehouse),
    carrierServices: services.map(toCarrierService),
    shippingZones: zones.map(toShippingZone),
    complianceRules: toComplianceRules(embargoes, restrictions),
    markets: new Map(markets.map(toMarket).map((market) => [market.country, market])),
    areas: areas.map(toDestinationArea),
  };
}

export function createFulfillmentReference(models: FulfillmentModels, ttlMs: number): FulfillmentReference {
  const cache = createReferenceCache<'tables', FulfillmentTables>(() => loadTables(models), { ttlMs, maxKeys: 1 });
  return { tables: () => cache.get('tables') };
}
