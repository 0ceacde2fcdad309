import { moneyFromStoredMinor } from '../common/contract/money.ts';
import { assertValidService, type CarrierService, type ComplianceRules, type Market, type ShippingZone, type Warehouse } from './domain/index.ts';
import type {
  CarrierServiceDocument,
  EmbargoDocument,
  MarketDocument,
  RestrictionRuleDocument,
  ShippingZoneDocument,
  WarehouseDocument,
} from './models.ts';

// Stored documents → domain values. Loaders read documents; these shape them for the pure domain.

/** Stored warehouse → domain warehouse. */
export function toWarehouse(document: WarehouseDocument): Warehouse {
  const { _id: id, ...rest } = document;
  return { id, ...rest };
}

/**
 * Stored service → domain service, validated: a lane with days out of order or bands in a foreign currency
 * would quote wrong dates or prices, so it fails loudly when read rather than when a shopper sees it.
 */
export function toCarrierService(document: CarrierServiceDocument): CarrierService {
  const { _id: id, weightBands, ...rest } = document;
  try {
    return assertValidService({
      id,
      ...rest,
      weightBands: weightBands.map((band) => ({
        upToGrams: band.upToGrams,
        price: moneyFromStoredMinor(band.price.amountMinor, band.price.currency),
      })),
    });
  } catch (error) {
    // Our data is wrong, not the client's request: an internal error, logged with the cause.
    throw new Error(`Stored carrier service "${id}" is invalid: ${(error as Error).message}`, { cause: error });
  }
}

export function toShippingZone(document: ShippingZoneDocument): ShippingZone {
  return { id: document._id, countries: document.countries };
}

export function toComplianceRules(embargoes: EmbargoDocument[], restrictions: RestrictionRuleDocument[]): ComplianceRules {
  return {
    embargoedDestinations: embargoes.map((embargo) => embargo._id),
    restrictions: restrictions.map(({ tag, destinations, modes, note }) =>
      modes && modes.length > 0 ? { tag, destinations, modes, note } : { tag, destinations, note },
    ),
  };
}

export function toMarket(document: MarketDocument): Market {
  return {
    country: document._id,
    currency: document.currency,
    defaultTimeZone: document.defaultTimeZone,
    freeShippingThreshold: document.freeShippingThreshold
      ? moneyFromStoredMinor(document.freeShippingThreshold.amountMinor, document.freeShippingThreshold.currency)
      : null,
  };
}

