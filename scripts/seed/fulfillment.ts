import { seedProducts } from './catalog.ts';
import { destinationAreaDocuments } from './destination-areas.ts';
import { CARRIER_SERVICES, COMPLIANCE_RULES, LANE_PROVENANCE, MARKETS, SHIPPING_ZONES, WAREHOUSES } from './fulfillment-reference.ts';
import type { RestrictionRule } from '../../subgraphs/fulfillment/domain/index.ts';
import type { Money } from '../../subgraphs/common/contract/money.ts';
import type { FulfillmentModels, MinorMoneyDocument } from '../../subgraphs/fulfillment/models.ts';

// The reference embargo list carries no per-country reasons; say what kind of list it is instead.
/** Money as fulfillment stores it: minor units as a safe integer number beside the currency. */
function storedMoney(money: Money): MinorMoneyDocument {
  return { amountMinor: Number(money.minor), currency: money.currency };
}

const EMBARGO_NOTE = 'Illustrative demo embargo, not a sanctions screening list';

/** A rule's stable id: its tag and the modes it closes (`alcohol:all`, `aerosol:air`). */
function restrictionRuleId(rule: RestrictionRule): string {
  return `${rule.tag}:${rule.modes ? [...rule.modes].sort().join('+') : 'all'}`;
}

/**
 * Upserts the reference data (warehouses, lanes, zones, rules, embargoes, markets) and the demo catalog's
 * stock, one row per product and warehouse. Idempotent: every row is keyed by a natural id, so seeding twice
 * leaves the same data. Rows removed from the reference data are not deleted.
 */
export async function seedFulfillmentSubgraph(models: FulfillmentModels): Promise<Record<string, number>> {
  const ruleIds = COMPLIANCE_RULES.restrictions.map(restrictionRuleId);
  if (new Set(ruleIds).size !== ruleIds.length) {
    throw new Error(`Restriction rules must be unique per tag and modes; merge their destinations: ${ruleIds.join(', ')}`);
  }
  const stock = seedProducts().flatMap((product) =>
    Object.entries(product.stock).map(([warehouseId, units]) => ({ productId: product.id, warehouseId, units })),
  );

  await Promise.all([
    models.Warehouse.bulkWrite(
      WAREHOUSES.map(({ id, ...warehouse }) => ({
        replaceOne: { filter: { _id: id }, replacement: { _id: id, ...warehouse, workingDays: [...warehouse.workingDays] }, upsert: true },
      })),
    ),
    models.CarrierService.bulkWrite(
      CARRIER_SERVICES.map(({ id, ...service }) => ({
        replaceOne: {
          filter: { _id: id },
          replacement: {
            _id: id,
            ...service,
            weightBands: service.weightBands.map((band) => ({ upToGrams: band.upToGrams, price: storedMoney(band.price) })),
            source: LANE_PROVENANCE.source,
            asOf: LANE_PROVENANCE.asOf,
          },
          upsert: true,
        },
      })),
    ),
    models.ShippingZone.bulkWrite(
      SHIPPING_ZONES.map((zone) => ({
        replaceOne: { filter: { _id: zone.id }, replacement: { _id: zone.id, countries: [...zone.countries] }, upsert: true },
      })),
    ),
    models.RestrictionRule.bulkWrite(
      COMPLIANCE_RULES.restrictions.map((rule, index) => ({
        replaceOne: {
          filter: { _id: ruleIds[index]! },
          replacement: {
            _id: ruleIds[index]!,
            tag: rule.tag,
            destinations: [...rule.destinations],
            ...(rule.modes ? { modes: [...rule.modes] } : {}),
            note: rule.note,
          },
          upsert: true,
        },
      })),
    ),
    models.Embargo.bulkWrite(
      COMPLIANCE_RULES.embargoedDestinations.map((country) => ({
        replaceOne: { filter: { _id: country }, replacement: { _id: country, note: EMBARGO_NOTE }, upsert: true },
      })),
    ),
    models.Market.bulkWrite(
      MARKETS.map((market) => ({
        replaceOne: {
          filter: { _id: market.country },
          replacement: {
            _id: market.country,
            currency: market.currency,
            defaultTimeZone: market.defaultTimeZone,
            freeShippingThreshold: market.freeShippingThreshold ? storedMoney(market.freeShippingThreshold) : null,
          },
          upsert: true,
        },
      })),
    ),
    models.DestinationArea.bulkWrite(
      destinationAreaDocuments().map((area) => ({ replaceOne: { filter: { _id: area._id }, replacement: area, upsert: true } })),
    ),
    models.Stock.bulkWrite(
      stock.map((row) => ({
        replaceOne: { filter: { productId: row.productId, warehouseId: row.warehouseId }, replacement: row, upsert: true },
      })),
    ),
  ]);
  return {
    warehouses: WAREHOUSES.length,
    carrierServices: CARRIER_SERVICES.length,
    shippingZones: SHIPPING_ZONES.length,
    restrictionRules: ruleIds.length,
    embargoes: COMPLIANCE_RULES.embargoedDestinations.length,
    markets: MARKETS.length,
    destinationAreas: destinationAreaDocuments().length,
    stock: stock.length,
  };
}
