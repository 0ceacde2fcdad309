import { hasHolidayCalendar, holidayRegionOf } from './calendar.ts';
import {
  chooseWarehouse,
  deliveryOptionsFrom,
  type DeliveryOption,
  type WarehouseCandidate,
  type WarehouseChoice,
  type WarehouseOptions,
  type ShipmentDetails as WarehouseShipment,
} from './choose.ts';
import type { ComplianceRules } from './compliance.ts';
import type { DestinationPrecision } from '../../common/address/destination.ts';
import type { DestinationArea } from './destination-area.ts';
import { destinationTimeZone } from './destination-zone.ts';
import type { Destination } from './estimate.ts';
import type { Market } from './market.ts';
import type { Parcel } from './rates.ts';
import type { CarrierService, ShippingZone } from './services.ts';
import type { Warehouse } from './warehouse.ts';

/** Everything a delivery estimate is computed from, already loaded. */
export interface DeliveryPlanInput {
  /** Destination country (ISO 3166-1 alpha-2). */
  country: string;
  /** Below the country, when the request gave it: the ISO 3166-2 region and the area it lies in. */
  within?: DestinationWithin | undefined;
  /** The product's physical facts, from the products subgraph through `@requires`. */
  parcel: Parcel;
  complianceTags: readonly string[];
  /** Units of the product per warehouse id, for the warehouses that carry it. */
  stock: ReadonlyMap<string, number>;
  warehouses: readonly Warehouse[];
  services: readonly CarrierService[];
  zones: readonly ShippingZone[];
  rules: ComplianceRules;
  markets: ReadonlyMap<string, Market>;
  now: Date;
  /** The request's estimator (a memo of `estimateDelivery` shared by its products); default the plain one. */
  estimate?: WarehouseShipment['estimate'];
}

/** A destination below its country: its region (given or from the postal code) and the area data that applies. */
export interface DestinationWithin {
  region: string | null;
  area: DestinationArea | null;
  precision: DestinationPrecision;
}

/** One product's delivery to one destination: the warehouse chosen and its options, with the destination's facts. */
export interface DeliveryPlan {
  shipTo: string;
  destination: Destination;
  /** The market of the destination, when we sell there (its free-shipping threshold). */
  market: Market | undefined;
  choice: WarehouseChoice;
  /** When shippable, every option of the chosen warehouse, best first (the chosen one first). */
  options: DeliveryOption[];
  /** False when the holiday dataset does not know the destination's public holidays (only weekends are skipped). */
  holidayCalendarKnown: boolean;
  /** How finely the destination was known: COUNTRY, REGION or POSTAL_CODE. */
  precision: DestinationPrecision;
  /** The area data applied (its id), or null. */
  areaId: string | null;
}

/**
 * Chooses the warehouse and lists the options for one product to one destination. The candidates are the
 * warehouses that carry the product (a stock row, even of 0 units), so the domain can tell "out of stock"
 * (restocking one of them would help) from "restricted" or "no carrier service" (it would not); a warehouse
 * that never stocks the product does not make it "out of stock". A warehouse's services are those leaving
 * its country.
 */
export function planDelivery(input: DeliveryPlanInput): DeliveryPlan {
  return planFrom(input, placeOf(input));
}

/** What a plan reads of its destination alone, the same for every product sent there at one instant. */
interface DeliveryPlace {
  destination: Destination;
  market: Market | undefined;
  holidayCalendarKnown: boolean;
  precision: DestinationPrecision;
  areaId: string | null;
}

function placeOf(input: Pick<DeliveryPlanInput, 'country' | 'markets' | 'now' | 'within'>): DeliveryPlace {
  const market = input.markets.get(input.country);
  const timeZone = destinationTimeZone(input.country, market, input.now);
  return {
    destination: input.within ? destinationWithin(input.country, timeZone, input.within) : { country: input.country, timeZone },
    market,
    holidayCalendarKnown: hasHolidayCalendar(input.country),
    precision: input.within?.precision ?? 'COUNTRY',
    areaId: input.within?.area?.id ?? null,
  };
}

/**
 * The destination of an address: the area's zone, holidays and extra days where an area applies; the region's
 * own holidays where the holiday dataset has the region (German states, Swiss cantons, US states).
 */
export function destinationWithin(country: string, countryTimeZone: string, { region, area }: DestinationWithin): Destination {
  const holidayRegion = area?.holidayRegion ?? (region === null ? null : holidayRegionOf(region));
  return {
    country,
    timeZone: area?.timeZone ?? countryTimeZone,
    ...(region === null ? {} : { region }),
    ...(holidayRegion === null ? {} : { holidayRegion }),
    ...(area && area.extraTransitDays > 0 ? { extraTransitDays: area.extraTransitDays } : {}),
    ...(area && area.extraClearanceDays > 0 ? { extraClearanceDays: area.extraClearanceDays } : {}),
    ...(area && area.unclearedFrom.length > 0 ? { unclearedFrom: area.unclearedFrom } : {}),
  };
}

/** The memo key of a destination: its country alone when the request gave no more. */
function placeKeyOf(country: string, within: DestinationWithin | undefined): string {
  return within ? `${country}|${within.precision}|${within.region ?? ''}|${within.area?.id ?? ''}` : country;
}

function planFrom(input: DeliveryPlanInput, place: DeliveryPlace): DeliveryPlan {
  const { destination } = place;
  const byOrigin = servicesByOrigin(input.services);
  const candidates: WarehouseCandidate[] = [];
  for (const warehouse of input.warehouses) {
    const units = input.stock.get(warehouse.id);
    if (units !== undefined) candidates.push({ warehouse, stock: units, services: byOrigin.get(warehouse.country) ?? NO_SERVICES });
  }
  const shipment: WarehouseShipment = {
    parcel: input.parcel,
    complianceTags: input.complianceTags,
    rules: input.rules,
    zones: input.zones,
    ...(input.estimate ? { estimate: input.estimate } : {}),
  };
  // The options of every candidate are computed once, while choosing, and the winner's are reused below.
  const optionsByCandidate = new Map<WarehouseCandidate, WarehouseOptions>();
  const choice = chooseWarehouse(candidates, destination, input.now, shipment, optionsByCandidate);
  const chosenCandidate = choice.shippable
    ? candidates.find((candidate) => candidate.warehouse.id === choice.chosen.warehouse.id)
    : undefined;
  const options = chosenCandidate
    ? (optionsByCandidate.get(chosenCandidate) ?? deliveryOptionsFrom(chosenCandidate, destination, input.now, shipment)).options
    : [];
  return {
    shipTo: input.country,
    destination,
    market: place.market,
    choice,
    options,
    holidayCalendarKnown: place.holidayCalendarKnown,
    precision: place.precision,
    areaId: place.areaId,
  };
}

const NO_SERVICES: readonly CarrierService[] = Object.freeze([]);

// A reference snapshot's services grouped by the country they leave from. The grouping is a pure function of
// the services list, remembered per list (a snapshot's list lives as long as the snapshot, so the memo is
// dropped with it): each group keeps one identity for the snapshot's life, which lets `servicesTo` remember
// the lanes of a destination per group.
const servicesByOriginMemo = new WeakMap<readonly CarrierService[], ReadonlyMap<string, readonly CarrierService[]>>();

function servicesByOrigin(services: readonly CarrierService[]): ReadonlyMap<string, readonly CarrierService[]> {
  let groups = servicesByOriginMemo.get(services);
  if (groups === undefined) {
    const building = new Map<string, CarrierService[]>();
    for (const service of services) {
      const group = building.get(service.origin);
      if (group) group.push(service);
      else building.set(service.origin, [service]);
    }
    groups = building;
    servicesByOriginMemo.set(services, groups);
  }
  return groups;
}

/**
 * `planDelivery` remembering its answers for the life of one request. A plan depends on the product only
 * through its parcel, its compliance tags and which warehouses carry it with or without units, so the
 * products of a listing that share a box and a stock pattern share one plan (the plan holds no product id).
 * Reference tables are matched by identity: one request answers from one snapshot, and a different one
 * empties the memo. Only answers are kept; a plan that throws throws again for the next product. Answers are
 * shared: callers must not mutate them.
 */
export function memoizeDeliveryPlans(): (input: DeliveryPlanInput) => DeliveryPlan {
  let warehouses: DeliveryPlanInput['warehouses'] | undefined;
  let services: DeliveryPlanInput['services'] | undefined;
  let zones: DeliveryPlanInput['zones'] | undefined;
  let rules: DeliveryPlanInput['rules'] | undefined;
  let markets: DeliveryPlanInput['markets'] | undefined;
  let estimate: DeliveryPlanInput['estimate'];
  // instant → destination country → the place (one object, so the estimate memo meets the same destination
  // again) and its plans by product key.
  const byInstant = new Map<number, Map<string, { place: DeliveryPlace; plans: PlanTree }>>();
  return (input) => {
    if (
      input.warehouses !== warehouses ||
      input.services !== services ||
      input.zones !== zones ||
      input.rules !== rules ||
      input.markets !== markets ||
      input.estimate !== estimate
    ) {
      byInstant.clear();
      ({ warehouses, services, zones, rules, markets, estimate } = input);
    }
    const ms = input.now.getTime();
    let byCountry = byInstant.get(ms);
    if (byCountry === undefined) byInstant.set(ms, (byCountry = new Map()));
    const placeKey = placeKeyOf(input.country, input.within);
    let destination = byCountry.get(placeKey);
    // A place that throws (an unknown country) is not remembered: the next product throws again.
    if (destination === undefined) byCountry.set(placeKey, (destination = { place: placeOf(input), plans: new Map() }));
    const { parcel, complianceTags } = input;
    // The product's part of the key, one level per part (numbers and short strings hash far faster than one
    // long key spelled per product): weight, the three dimensions, the tags, then the stock pattern.
    let level = branch(
      branch(branch(branch(destination.plans, parcel.actualGrams), parcel.dimensionsCm.l), parcel.dimensionsCm.w),
      parcel.dimensionsCm.h,
    );
    level = branch(level, complianceTags.length === 0 ? '' : JSON.stringify(complianceTags));
    const plans = level as Map<string, DeliveryPlan>;
    const key = stockPatternOf(input.warehouses, input.stock);
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = planFrom(input, destination.place);
      plans.set(key, plan);
    }
    return plan;
  };
}

/** A product's key parts, one map level each, ending in the plans by stock pattern. */
type PlanTree = Map<number | string, unknown>;

function branch(tree: PlanTree, part: number | string): PlanTree {
  let next = tree.get(part) as PlanTree | undefined;
  if (next === undefined) tree.set(part, (next = new Map()));
  return next;
}

/**
 * Which warehouses carry the product, and whether they have units — all the choice reads of the stock: one
 * character per warehouse (not carried / carried without units / with units).
 */
function stockPatternOf(warehouses: readonly Warehouse[], stock: ReadonlyMap<string, number>): string {
  let pattern = '';
  for (const warehouse of warehouses) {
    const units = stock.get(warehouse.id);
    pattern += units === undefined ? '-' : units > 0 ? '+' : '0';
  }
  return pattern;
}
