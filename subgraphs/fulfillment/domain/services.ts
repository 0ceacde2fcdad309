import { badUserInput } from '../../common/contract/errors.ts';
import { parseCountryCode } from '../../common/contract/country.ts';
import type { WeightBand } from './rates.ts';
import { assertRate } from './rates.ts';

/** How fast and how dear: `standard` is the default economy product, `express` the time-definite one. */
export const ServiceLevel = { STANDARD: 'standard', EXPRESS: 'express' } as const;
export type ServiceLevel = (typeof ServiceLevel)[keyof typeof ServiceLevel];

/** How the parcel travels; dangerous-goods rules (aerosols, lithium batteries) depend on it. */
export const TransportMode = { AIR: 'air', ROAD: 'road', SEA: 'sea' } as const;
export type TransportMode = (typeof TransportMode)[keyof typeof TransportMode];

/**
 * A carrier product on one lane.
 * - `origin`: country the parcel leaves (the warehouse's country).
 * - `destination`: a country code (`DE`) or a shipping-zone id (`EU`); a country-specific service
 *   beats a zone service of the same origin and level (see `servicesTo`).
 * - `transitDaysMin/Max`: carrier-published transit in business days of the destination.
 * - `clearanceDays`: import customs in destination business days; 0 inside a customs union.
 * - `rateCurrency`: the one currency every weight band of the service is priced in.
 * - `volumetricDivisor`: cm³ per kg for volumetric weight (5000 for most express, 6000 for some road).
 */
export type CarrierService = {
  id: string;
  carrier: string;
  origin: string;
  destination: string;
  level: ServiceLevel;
  mode: TransportMode;
  transitDaysMin: number;
  transitDaysMax: number;
  clearanceDays: number;
  rateCurrency: string;
  weightBands: readonly WeightBand[];
  volumetricDivisor: number;
};

/** A named group of destination countries a carrier prices as one (e.g. `EU`). */
export type ShippingZone = {
  id: string;
  countries: readonly string[];
};

function isWholeDays(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/**
 * Checks a service record where it enters the domain: whole, ordered day counts and every band in
 * the declared rate currency, so that estimates and quotes never meet half a day or mixed money.
 */
export function assertValidService(service: CarrierService): CarrierService {
  const details = { serviceId: service.id };
  parseCountryCode(service.origin, 'service.origin');
  if (![service.transitDaysMin, service.transitDaysMax, service.clearanceDays].every(isWholeDays)) {
    throw badUserInput(`Service ${service.id} day counts must be whole numbers ≥ 0`, details);
  }
  if (service.transitDaysMin > service.transitDaysMax) {
    throw badUserInput(`Service ${service.id} has transitDaysMin > transitDaysMax`, details);
  }
  if (service.weightBands.length === 0) throw badUserInput(`Service ${service.id} has no weight bands`, details);
  for (const band of service.weightBands) {
    assertRate(band.price, 'weightBand.price');
    if (band.price.currency !== service.rateCurrency) {
      throw badUserInput(`Service ${service.id} band priced in ${band.price.currency}, expected ${service.rateCurrency}`, details);
    }
  }
  return service;
}

/** The ids of the zones that contain `country`. */
export function zonesContaining(country: string, zones: readonly ShippingZone[]): string[] {
  return zones.filter((zone) => zone.countries.includes(country)).map((zone) => zone.id);
}

/** Whether the service's destination is `country` itself (true) or a zone containing it ('zone'). */
function destinationMatch(service: CarrierService, country: string, zoneIds: readonly string[]): 'country' | 'zone' | null {
  if (service.destination === country) return 'country';
  return zoneIds.includes(service.destination) ? 'zone' : null;
}

/**
 * The services that can take a parcel to `country`, optionally only those of one `level`.
 * A service addressed to the country itself beats any zone service of the same origin and level,
 * because lane-specific contracts are negotiated exactly to override the zone price list
 * (e.g. Venlo → DE road parcels next door, versus the generic Venlo → EU tariff).
 */
export function servicesTo(
  services: readonly CarrierService[],
  country: string,
  zones: readonly ShippingZone[],
  level?: ServiceLevel,
): readonly CarrierService[] {
  let byZones = lanesMemo.get(services);
  if (byZones === undefined) lanesMemo.set(services, (byZones = new WeakMap()));
  let byDestination = byZones.get(zones);
  if (byDestination === undefined) byZones.set(zones, (byDestination = new Map()));
  const key = `${country}|${level ?? ''}`;
  let lanes = byDestination.get(key);
  if (lanes === undefined) {
    lanes = Object.freeze(computeServicesTo(services, country, zones, level));
    // Keys are validated countries (computeServicesTo threw otherwise) times three levels: a few hundred at most.
    byDestination.set(key, lanes);
  }
  return lanes;
}

// (services list, zones list) → destination and level → the services that reach it. A pure function of its
// inputs, which are read-only reference lists: a reference snapshot keeps one identity per list for its life,
// so its lanes are worked out once per destination and dropped with the snapshot (weak keys).
const lanesMemo = new WeakMap<readonly CarrierService[], WeakMap<readonly ShippingZone[], Map<string, readonly CarrierService[]>>>();

function computeServicesTo(
  services: readonly CarrierService[],
  country: string,
  zones: readonly ShippingZone[],
  level?: ServiceLevel,
): CarrierService[] {
  parseCountryCode(country, 'destination.country');
  const zoneIds = zonesContaining(country, zones);
  const matching = services
    .filter((service) => level === undefined || service.level === level)
    .map((service) => ({ service, match: destinationMatch(service, country, zoneIds) }))
    .filter((entry) => entry.match !== null);
  const hasSpecific = new Set(
    matching.filter((entry) => entry.match === 'country').map((entry) => `${entry.service.origin}|${entry.service.level}`),
  );
  return matching
    .filter((entry) => entry.match === 'country' || !hasSpecific.has(`${entry.service.origin}|${entry.service.level}`))
    .map((entry) => entry.service);
}
