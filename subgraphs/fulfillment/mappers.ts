import { moneyFromStoredMinor, type Money } from '../common/contract/money.ts';
import { encodeShippingChargeId } from '../common/contract/shipping-charge.ts';
import {
  assertValidService,
  type CarrierService,
  type CartDeliveryOption,
  type CartShipment,
  type ComplianceRules,
  type DeliveryOption,
  type Destination,
  type DestinationArea,
  type Market,
  type QuotePlan,
  ServiceLevel,
  type ShippingZone,
  type UnshippableLine,
  type Warehouse,
} from './domain/index.ts';
import type {
  CarrierServiceDocument,
  DestinationAreaDocument,
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

export function toDestinationArea(document: DestinationAreaDocument): DestinationArea {
  return {
    id: document._id,
    country: document.country,
    region: document.region ?? null,
    postalPrefixes: document.postalPrefixes ?? [],
    timeZone: document.timeZone ?? null,
    holidayRegion: document.holidayRegion ?? null,
    extraTransitDays: document.extraTransitDays,
    extraClearanceDays: document.extraClearanceDays,
    unclearedFrom: document.unclearedFrom ?? [],
    source: document.source,
    asOf: document.asOf.toISOString().slice(0, 10),
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

// The records behind GraphQL types (resolver parents), named in `resolverTypeMappers` for codegen.

export type { DeliveryPlan } from './domain/index.ts';
/** A warehouse as its GraphQL type reads it: the domain record's own fields. */
export type WarehouseRecord = Warehouse;

/** A product as the gateway hands it over: its key plus the fields `delivery` `@requires` from products. */
export interface ProductRepresentation {
  id: string;
  weightGrams?: number | null;
  dimensions?: { lengthCm?: number | null; widthCm?: number | null; heightCm?: number | null } | null;
  complianceTags?: readonly string[] | null;
}

/** A quote as the gateway hands it over: its key plus the fields fulfillment `@requires` from products. */
export interface QuoteRepresentation {
  id: string;
  shipToCountry?: string | null;
  /** Below the country, when the quote gave an address (products subgraph). */
  shipToRegion?: string | null;
  shipToPostalCode?: string | null;
  requestedDeliveryLevel?: string | null;
  lines?: { quantity?: number | null; product?: ProductRepresentation | null }[] | null;
}

/** A `ShippingCharge` entity: the charge and its destination spelled as its id (`<currency>:<minor>:<country>`). */
export interface ShippingChargeRef {
  id: string;
}

/** One option of a product's delivery with the destination it was estimated for (its calendar and its market). */
export interface DeliveryOptionView {
  option: DeliveryOption;
  destination: Destination;
}

/** A cart window with the destination whose calendar it is read in. */
export interface QuoteDeliveryWindowView {
  earliest: string;
  latest: string;
  destination: Destination;
}

/** One cart option, whether it is the recommended one, and its destination. */
export interface QuoteDeliveryOptionView {
  option: CartDeliveryOption;
  recommended: boolean;
  destination: Destination;
}

/** One parcel of the cart with the leg of the selected option it travels by. */
export interface ShipmentView {
  shipment: CartShipment;
  leg: DeliveryOption;
  destination: Destination;
}

/** An unshippable line with its destination (for the sentence). */
export interface UnshippableLineView extends UnshippableLine {
  country: string;
}

export const resolverTypeMappers = {
  Product: 'ProductRepresentation',
  Quote: 'QuoteRepresentation',
  DeliveryEstimate: 'DeliveryPlan',
  DeliveryOption: 'DeliveryOptionView',
  Warehouse: 'WarehouseRecord',
  ShippingCharge: 'ShippingChargeRef',
  QuoteDeliveryOption: 'QuoteDeliveryOptionView',
  QuoteDeliveryWindow: 'QuoteDeliveryWindowView',
  Shipment: 'ShipmentView',
  UnshippableLine: 'UnshippableLineView',
} as const;

// The graph spells service levels in capitals, the domain in lower case.
const SERVICE_LEVEL_NAMES = { [ServiceLevel.STANDARD]: 'STANDARD', [ServiceLevel.EXPRESS]: 'EXPRESS' } as const;

/** A domain service level as the graph's `ServiceLevel` enum spells it. */
export function toServiceLevel(level: ServiceLevel): (typeof SERVICE_LEVEL_NAMES)[ServiceLevel] {
  return SERVICE_LEVEL_NAMES[level];
}

/** A carrier's charge (in the lane's currency) to `country` as the `ShippingCharge` entity pricing converts. */
export function toShippingCharge(charge: Money, country: string): ShippingChargeRef {
  return { id: encodeShippingChargeId({ charge, country }) };
}

/** A cart option as `QuoteDeliveryOption` reads it: the first of the plan's options is the recommended one. */
export function toQuoteDeliveryOption({ plan, destination }: QuotePlan, option: CartDeliveryOption): QuoteDeliveryOptionView {
  return { option, recommended: option === plan.options[0], destination };
}
