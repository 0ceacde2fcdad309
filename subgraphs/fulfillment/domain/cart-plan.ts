import { badUserInput } from '../../common/contract/errors.ts';
import type { IsoDate } from './calendar.ts';
import type { ChoiceReason, DeliveryOption, ShipmentDetails, WarehouseCandidate } from './choose.ts';
import { chooseWarehouse, compareDeliveryOptions, deliveryOptionsFrom } from './choose.ts';
import type { ComplianceRules, NotShippableReason } from './compliance.ts';
import type { Destination } from './estimate.ts';
import type { Market } from './market.ts';
import type { Parcel, ParcelPiece } from './rates.ts';
import type { CarrierService, ServiceLevel, ShippingZone } from './services.ts';
import type { Warehouse } from './warehouse.ts';

/** One line of a cart: a product's physical facts (per unit) and how many units. */
export type CartLine = {
  productId: string;
  quantity: number;
  parcel: Parcel;
  complianceTags: readonly string[];
};

/** Everything a cart's delivery is planned from, already loaded. */
export type CartPlanInput = {
  lines: readonly CartLine[];
  destination: Destination;
  now: Date;
  warehouses: readonly Warehouse[];
  services: readonly CarrierService[];
  /** Units per warehouse id, per product id (a missing product or warehouse: never stocked there). */
  stock: ReadonlyMap<string, ReadonlyMap<string, number>>;
  rules: ComplianceRules;
  zones: readonly ShippingZone[];
};

/** A line no warehouse can ship to the destination, and the most telling reason (as for one product). */
export type UnshippableLine = { productId: string; quantity: number; reason: NotShippableReason; tag?: string };

/**
 * One parcel of the cart: the warehouse it leaves, the lines packed in it and every way it can travel,
 * best first (domestic, earliest, cheapest), at the shipment's chargeable weight (all its pieces together).
 */
export type CartShipment = {
  warehouse: Warehouse;
  lines: CartLine[];
  options: DeliveryOption[];
};

/**
 * One service level for the whole cart: one leg per shipment (in shipment order) and the cart's window. The
 * cart is complete when its last parcel arrives, so the window runs from the latest of the legs' earliest
 * dates to the latest of their latest dates.
 */
export type CartDeliveryOption = {
  level: ServiceLevel;
  legs: DeliveryOption[];
  earliest: IsoDate;
  latest: IsoDate;
};

/** How a cart reaches its destination. */
export type CartPlan = {
  destination: Destination;
  shipments: CartShipment[];
  unshippableLines: UnshippableLine[];
  /**
   * Levels every shipment offers, best first (earliest window, then shortest); the first is recommended. Empty
   * when nothing ships, or (rarely) when the parcels share no level: see cartDelivery.
   */
  options: CartDeliveryOption[];
  /** Why the single warehouse was chosen; null for a split shipment or when nothing ships. */
  warehouseChoice: ChoiceReason | null;
};

/** A cart planned for its destination, with what a quote's fields need beside the plan. */
export interface QuotePlan {
  plan: CartPlan;
  destination: Destination;
  /** The destination's market (we sell there; its free-shipping threshold). */
  market: Market;
  /** The level the shopper asked for; null for the recommended one. */
  requestedLevel: ServiceLevel | null;
}

/** Beyond this many warehouses able to serve a cart, splits are found greedily instead of exhaustively. */
export const EXHAUSTIVE_SPLIT_WAREHOUSE_LIMIT = 12;

function piecesOf(lines: readonly CartLine[]): ParcelPiece[] {
  return lines.map((line) => ({ parcel: line.parcel, quantity: line.quantity }));
}

function tagsOf(lines: readonly CartLine[]): string[] {
  return [...new Set(lines.flatMap((line) => line.complianceTags))].sort();
}

function shipmentDetails(lines: readonly CartLine[], input: CartPlanInput): ShipmentDetails {
  return { pieces: piecesOf(lines), complianceTags: tagsOf(lines), rules: input.rules, zones: input.zones };
}

// Stock was judged per line (each line against its own quantity), so a warehouse considered for a group of lines
// is known to have them: it enters the shared choice rules as "in stock".
const JUDGED_IN_STOCK = 1;

function servicesFrom(warehouse: Warehouse, input: CartPlanInput): CarrierService[] {
  return input.services.filter((service) => service.origin === warehouse.country);
}

/**
 * The warehouses that carry a line (a stock row, even of 0), as candidates for it: a warehouse counts as in
 * stock only with enough units for the whole line, because a line is not split across parcels.
 */
function lineCandidates(line: CartLine, input: CartPlanInput): WarehouseCandidate[] {
  const stock = input.stock.get(line.productId);
  return input.warehouses.flatMap((warehouse) => {
    const units = stock?.get(warehouse.id);
    if (units === undefined) return [];
    return [{ warehouse, stock: units >= line.quantity ? units : 0, services: servicesFrom(warehouse, input) }];
  });
}

/** A line's best option per warehouse that can ship it alone, or why none can. */
type LineVerdict =
  | { line: CartLine; shippable: true; byWarehouse: Map<string, DeliveryOption> }
  | { line: CartLine; shippable: false; unshippable: UnshippableLine };

function judgeLine(line: CartLine, input: CartPlanInput): LineVerdict {
  const choice = chooseWarehouse(lineCandidates(line, input), input.destination, input.now, shipmentDetails([line], input));
  if (!choice.shippable) {
    const unshippable: UnshippableLine = { productId: line.productId, quantity: line.quantity, reason: choice.reason };
    if (choice.tag !== undefined) unshippable.tag = choice.tag;
    return { line, shippable: false, unshippable };
  }
  const byWarehouse = new Map<string, DeliveryOption>([[choice.chosen.warehouse.id, choice.chosen]]);
  for (const alternative of choice.alternatives) if (alternative.shippable) byWarehouse.set(alternative.warehouseId, alternative.option);
  return { line, shippable: true, byWarehouse };
}

/** The best option of each level, in the shipment's order (best first). */
function bestPerLevel(options: readonly DeliveryOption[]): Map<ServiceLevel, DeliveryOption> {
  const best = new Map<ServiceLevel, DeliveryOption>();
  for (const option of options) if (!best.has(option.service.level)) best.set(option.service.level, option);
  return best;
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** The cart's options: the levels every shipment offers, each with its legs and window, best first. */
export function cartDeliveryOptions(shipments: readonly CartShipment[]): CartDeliveryOption[] {
  if (shipments.length === 0) return [];
  const perShipment = shipments.map((shipment) => bestPerLevel(shipment.options));
  const levels = [...perShipment[0]!.keys()].filter((level) => perShipment.every((best) => best.has(level)));
  const options = levels.map((level): CartDeliveryOption => {
    const legs = perShipment.map((best) => best.get(level)!);
    return {
      level,
      legs,
      earliest: legs.map((leg) => leg.estimate.earliest).reduce(laterOf),
      latest: legs.map((leg) => leg.estimate.latest).reduce(laterOf),
    };
  });
  // Earliest complete arrival first, then the narrower promise, then the level id (stable order).
  return options.sort((a, b) => a.earliest.localeCompare(b.earliest) || a.latest.localeCompare(b.latest) || a.level.localeCompare(b.level));
}

/** Every way to pick `size` of `items`, in order. */
function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let index = start; index <= items.length - size; index++) {
    for (const rest of combinations(items, size - 1, index + 1)) yield [items[index]!, ...rest];
  }
}

/**
 * The shipments of one set of warehouses: each line goes to the warehouse of the set that would ship it alone
 * best (domestic, earliest, cheapest); null when a warehouse of the set gets no line (a smaller set does the
 * same) or cannot carry its lines together (heavier than every band of its services).
 */
function shipmentsFor(
  warehouses: readonly Warehouse[],
  lines: readonly Extract<LineVerdict, { shippable: true }>[],
  input: CartPlanInput,
): CartShipment[] | null {
  const assigned = new Map<string, CartLine[]>(warehouses.map((warehouse) => [warehouse.id, []]));
  for (const { line, byWarehouse } of lines) {
    const best = warehouses.flatMap((warehouse) => byWarehouse.get(warehouse.id) ?? []).sort((a, b) => compareDeliveryOptions(a, b))[0];
    if (!best) return null;
    assigned.get(best.warehouse.id)!.push(line);
  }
  const shipments: CartShipment[] = [];
  for (const warehouse of warehouses) {
    const shipmentLines = assigned.get(warehouse.id)!;
    if (shipmentLines.length === 0) return null;
    const candidate = { warehouse, stock: JUDGED_IN_STOCK, services: servicesFrom(warehouse, input) };
    const { options } = deliveryOptionsFrom(candidate, input.destination, input.now, shipmentDetails(shipmentLines, input));
    if (options.length === 0) return null;
    shipments.push({ warehouse, lines: shipmentLines, options });
  }
  return shipments;
}

/** Orders two splits of the same size: the cart complete soonest (latest last arrival), then earliest, then ids. */
function compareSplits(a: CartShipment[], b: CartShipment[]): number {
  const lastOf = (shipments: CartShipment[], date: 'earliest' | 'latest') =>
    shipments.map((shipment) => shipment.options[0]!.estimate[date]).reduce(laterOf);
  const ids = (shipments: CartShipment[]) => shipments.map((shipment) => shipment.warehouse.id).join(',');
  return (
    lastOf(a, 'latest').localeCompare(lastOf(b, 'latest')) ||
    lastOf(a, 'earliest').localeCompare(lastOf(b, 'earliest')) ||
    ids(a).localeCompare(ids(b))
  );
}

/** Greedy set cover: repeatedly the warehouse that serves most of the lines still unserved. */
function greedyWarehouses(warehouses: readonly Warehouse[], lines: readonly Extract<LineVerdict, { shippable: true }>[]): Warehouse[] {
  const chosen: Warehouse[] = [];
  let open = [...lines];
  while (open.length > 0) {
    const serving = (warehouse: Warehouse) => open.filter((line) => line.byWarehouse.has(warehouse.id)).length;
    const next = warehouses.filter((warehouse) => !chosen.includes(warehouse)).sort((a, b) => serving(b) - serving(a))[0];
    if (!next || serving(next) === 0) break;
    chosen.push(next);
    open = open.filter((line) => !line.byWarehouse.has(next.id));
  }
  return chosen;
}

/**
 * Plans a cart's delivery to one destination:
 * 1. Each line is judged alone with the single-product rules (chooseWarehouse): a line no warehouse can ship
 *    (restricted goods, not enough stock in any one warehouse, no carrier service) is set aside as unshippable
 *    with its reason, and the rest still ship.
 * 2. One warehouse for every remaining line when one can serve them all: chosen among those by the
 *    single-product rules (domestic first, then earliest delivery, then cheapest), at the weight of all the
 *    pieces together.
 * 3. Otherwise a split: the fewest warehouses that together serve every line, and among sets of that size the
 *    one whose last parcel arrives soonest; each line goes to the set's warehouse that would ship it best.
 * 4. When no set can carry its lines together (too heavy for every band), each line ships alone from its own
 *    best warehouse.
 */
export function planCart(input: CartPlanInput): CartPlan {
  const verdicts = input.lines.map((line) => judgeLine(line, input));
  const unshippableLines = verdicts.flatMap((verdict) => (verdict.shippable ? [] : [verdict.unshippable]));
  const shippable = verdicts.filter((verdict): verdict is Extract<LineVerdict, { shippable: true }> => verdict.shippable);
  const plan = (shipments: CartShipment[], warehouseChoice: ChoiceReason | null): CartPlan => ({
    destination: input.destination,
    shipments,
    unshippableLines,
    options: cartDeliveryOptions(shipments),
    warehouseChoice,
  });
  if (shippable.length === 0) return plan([], null);

  const usable = input.warehouses.filter((warehouse) => shippable.some((verdict) => verdict.byWarehouse.has(warehouse.id)));
  const allLines = shippable.map((verdict) => verdict.line);

  // One warehouse: the single-product rules, for the whole cart as one consignment.
  const serveAll = usable.filter((warehouse) => shippable.every((verdict) => verdict.byWarehouse.has(warehouse.id)));
  if (serveAll.length > 0) {
    const candidates = serveAll.map((warehouse) => ({ warehouse, stock: JUDGED_IN_STOCK, services: servicesFrom(warehouse, input) }));
    const choice = chooseWarehouse(candidates, input.destination, input.now, shipmentDetails(allLines, input));
    if (choice.shippable) {
      const winner = candidates.find((candidate) => candidate.warehouse.id === choice.chosen.warehouse.id)!;
      const { options } = deliveryOptionsFrom(winner, input.destination, input.now, shipmentDetails(allLines, input));
      return plan([{ warehouse: winner.warehouse, lines: allLines, options }], choice.reason);
    }
  }

  // A split: the fewest shipments, then the soonest last arrival.
  if (usable.length <= EXHAUSTIVE_SPLIT_WAREHOUSE_LIMIT) {
    for (let size = 2; size <= Math.min(usable.length, shippable.length); size++) {
      let best: CartShipment[] | null = null;
      for (const set of combinations(usable, size)) {
        const shipments = shipmentsFor(set, shippable, input);
        if (shipments && (!best || compareSplits(shipments, best) < 0)) best = shipments;
      }
      if (best) return plan(best, null);
    }
  } else {
    const shipments = shipmentsFor(greedyWarehouses(usable, shippable), shippable, input);
    if (shipments) return plan(shipments, null);
  }

  // Nothing carries its lines together: every line in its own parcel from its own best warehouse.
  const alone = shippable.map(({ line, byWarehouse }) => {
    const best = [...byWarehouse.values()].sort((a, b) => compareDeliveryOptions(a, b))[0]!;
    const candidate = { warehouse: best.warehouse, stock: JUDGED_IN_STOCK, services: servicesFrom(best.warehouse, input) };
    return {
      warehouse: best.warehouse,
      lines: [line],
      options: deliveryOptionsFrom(candidate, input.destination, input.now, shipmentDetails([line], input)).options,
    };
  });
  return plan(alone, null);
}

/**
 * The option the cart ships with: the requested level when the cart offers it (a level it does not offer is
 * BAD_USER_INPUT naming those it does), else the recommended (first) one; null when nothing ships.
 */
export function selectCartOption(plan: CartPlan, requested: ServiceLevel | null | undefined): CartDeliveryOption | null {
  if (requested === null || requested === undefined || plan.shipments.length === 0) return plan.options[0] ?? null;
  // A cart whose parcels share no level offers none to choose.
  const option = plan.options.find((candidate) => candidate.level === requested);
  if (option) return option;
  const available = plan.options.map((candidate) => candidate.level.toUpperCase());
  throw badUserInput(
    `${requested.toUpperCase()} delivery is not available for this cart to ${plan.destination.country}; available: ${available.join(', ') || 'none'}`,
    { reason: 'DELIVERY_OPTION_UNAVAILABLE', requested: requested.toUpperCase(), available },
  );
}

/** How the cart ships: the selected option (null when no level is common to every parcel), and each parcel's leg. */
export type CartDelivery = {
  option: CartDeliveryOption | null;
  legs: DeliveryOption[];
  earliest: IsoDate;
  latest: IsoDate;
};

/**
 * The legs the cart's parcels travel by: the selected option's (see selectCartOption); when the parcels share
 * no service level, each parcel's own best service, so the cart still ships and still has charges. Null when
 * nothing ships.
 */
export function cartDelivery(plan: CartPlan, requested: ServiceLevel | null | undefined): CartDelivery | null {
  const option = selectCartOption(plan, requested);
  if (option) return { option, legs: option.legs, earliest: option.earliest, latest: option.latest };
  if (plan.shipments.length === 0) return null;
  const legs = plan.shipments.map((shipment) => shipment.options[0]!);
  return {
    option: null,
    legs,
    earliest: legs.map((leg) => leg.estimate.earliest).reduce(laterOf),
    latest: legs.map((leg) => leg.estimate.latest).reduce(laterOf),
  };
}
