import { badUserInput } from '../../common/contract/errors.ts';
import type { ComplianceRules } from './compliance.ts';
import { checkDestination, checkTransportMode, NotShippableReason } from './compliance.ts';
import type { DeliveryEstimate, Destination } from './estimate.ts';
import { estimateDelivery } from './estimate.ts';
import type { Money } from '../../common/contract/money.ts';
import type { Parcel, ParcelPiece } from './rates.ts';
import { quoteParcel, quotePieces } from './rates.ts';
import type { CarrierService, ServiceLevel, ShippingZone } from './services.ts';
import { servicesTo } from './services.ts';
import type { Warehouse } from './warehouse.ts';

/**
 * Why a warehouse was chosen. A stable public contract (a GraphQL enum); never rename, only add.
 * The reason names the first rule that put the winner ahead of the runner-up.
 */
export const ChoiceReason = {
  /** It ships from inside the destination country: no customs, no duties, usually soonest. */
  DOMESTIC: 'DOMESTIC',
  /** Its delivery window starts earliest (also used when it is the only warehouse able to ship). */
  FASTEST: 'FASTEST',
  /** It arrives as early as the runner-up and costs less. */
  CHEAPEST: 'CHEAPEST',
} as const;
export type ChoiceReason = (typeof ChoiceReason)[keyof typeof ChoiceReason];

/** A warehouse that could fulfil the order, its stock of the product and its carrier services. */
export type WarehouseCandidate = {
  warehouse: Warehouse;
  stock: number;
  services: readonly CarrierService[];
};

/**
 * What is shipped and under which rules.
 * - `parcel`: one box; or `pieces`: several boxes on one waybill (a cart's lines), billed together. One of the two.
 * - `level`: consider only services of this level; all levels compete when omitted.
 * - `comparePrices`: orders two prices (negative when `a` is cheaper). The default compares amounts
 *   in the same currency and calls different currencies incomparable (null), because FX belongs to
 *   pricing; a resolver that has rates at hand may pass a converting comparator.
 */
export type ShipmentDetails = {
  parcel?: Parcel;
  pieces?: readonly ParcelPiece[];
  complianceTags: readonly string[];
  rules: ComplianceRules;
  zones: readonly ShippingZone[];
  level?: ServiceLevel;
  comparePrices?: (a: Money, b: Money) => number | null;
  /**
   * Computes a delivery window; default `estimateDelivery`. A request estimating many products passes a
   * memo of it (see `memoizeEstimates`), since the window depends only on the warehouse, the service, the
   * destination and the instant, never on the product.
   */
  estimate?: typeof estimateDelivery;
};

/** One way to deliver: a warehouse, a carrier service, when it arrives and what the carrier charges. */
export type DeliveryOption = {
  warehouse: Warehouse;
  service: CarrierService;
  domestic: boolean;
  estimate: DeliveryEstimate;
  chargeableGrams: number;
  price: Money;
};

/** How one warehouse fared: its best option, or why it cannot ship. */
export type ConsideredWarehouse =
  | { warehouseId: string; shippable: true; option: DeliveryOption }
  | { warehouseId: string; shippable: false; reason: NotShippableReason; tag?: string };

export type WarehouseChoice =
  | { shippable: true; chosen: DeliveryOption; reason: ChoiceReason; alternatives: ConsideredWarehouse[] }
  | { shippable: false; reason: NotShippableReason; tag?: string; alternatives: ConsideredWarehouse[] };

type Criterion = 'domestic' | 'earliest' | 'price';

function parcelOf(shipment: ShipmentDetails): Parcel {
  if (!shipment.parcel) throw badUserInput('A shipment needs a parcel or pieces', {});
  return shipment.parcel;
}

/** Same-currency amounts compare; different currencies cannot be ordered without FX. */
export function compareSameCurrencyPrices(a: Money, b: Money): number | null {
  if (a.currency !== b.currency) return null;
  return a.minor === b.minor ? 0 : a.minor < b.minor ? -1 : 1;
}

/** The first ranking rule on which two options differ, and which way (negative: `a` ranks first). */
function firstDifference(
  a: DeliveryOption,
  b: DeliveryOption,
  comparePrices: NonNullable<ShipmentDetails['comparePrices']>,
): { criterion: Criterion; order: number } | null {
  if (a.domestic !== b.domestic) return { criterion: 'domestic', order: a.domestic ? -1 : 1 };
  if (a.estimate.earliest !== b.estimate.earliest) {
    return { criterion: 'earliest', order: a.estimate.earliest < b.estimate.earliest ? -1 : 1 };
  }
  const price = comparePrices(a.price, b.price);
  return price ? { criterion: 'price', order: price } : null;
}

/**
 * The order of two options by the ranking rules alone (domestic, earliest, then price): negative when `a`
 * ranks first, 0 when no rule tells them apart. Allocation-free, because ranking compares every option of
 * every product of a listing.
 */
function ruleOrder(a: DeliveryOption, b: DeliveryOption, comparePrices: NonNullable<ShipmentDetails['comparePrices']>): number {
  if (a.domestic !== b.domestic) return a.domestic ? -1 : 1;
  if (a.estimate.earliest !== b.estimate.earliest) return a.estimate.earliest < b.estimate.earliest ? -1 : 1;
  return comparePrices(a.price, b.price) || 0;
}

/**
 * Orders two options by the warehouse-choice rules (domestic, then earliest delivery, then cheaper in the same
 * currency), then by warehouse and service id so equal inputs always give the same order. Negative: `a` first.
 */
export function compareDeliveryOptions(a: DeliveryOption, b: DeliveryOption, comparePrices = compareSameCurrencyPrices): number {
  return ruleOrder(a, b, comparePrices) || a.warehouse.id.localeCompare(b.warehouse.id) || a.service.id.localeCompare(b.service.id);
}

/**
 * Sorts a list the caller has just built (and owns) best first; ids break complete ties. An insertion sort:
 * the lists are a warehouse's few services or a product's few warehouses, where `Array#sort`'s setup costs
 * more than the comparisons (both are stable, so the order is the same).
 */
function rankInPlace(options: DeliveryOption[], comparePrices: NonNullable<ShipmentDetails['comparePrices']>): DeliveryOption[] {
  for (let i = 1; i < options.length; i++) {
    const option = options[i]!;
    let j = i - 1;
    while (j >= 0 && compareDeliveryOptions(options[j]!, option, comparePrices) > 0) {
      options[j + 1] = options[j]!;
      j--;
    }
    options[j + 1] = option;
  }
  return options;
}

// How far a warehouse got before it failed: the overall "why not" comes from the one that came
// closest to shipping. No service at all < restricted on every service < just out of stock.
const PROGRESS: Record<NotShippableReason, number> = {
  [NotShippableReason.EMBARGOED_DESTINATION]: -1,
  [NotShippableReason.NO_CARRIER_SERVICE]: 0,
  [NotShippableReason.RESTRICTED_GOODS]: 1,
  [NotShippableReason.OUT_OF_STOCK]: 2,
};

/** Every way one warehouse can deliver, and the tag that closed a service when one did. */
export type WarehouseOptions = {
  /** Options best first: earliest delivery, then cheapest (same-currency prices only), then service id. */
  options: DeliveryOption[];
  /** How many services reach the destination at all, legal or not. */
  reachingServices: number;
  /** The first compliance tag that closed one of those services for its transport mode. */
  restrictedTag?: string;
};

/**
 * Every way one warehouse can deliver the parcel: the services that reach the destination, may
 * legally carry the goods by their transport mode and take the parcel's weight, each with its
 * delivery window and carrier price, best first. Stock is not looked at, so the same list answers
 * "which options does the chosen warehouse offer?" and "could this warehouse ship if restocked?".
 */
export function deliveryOptionsFrom(
  candidate: WarehouseCandidate,
  destination: Destination,
  now: Date,
  shipment: ShipmentDetails,
): WarehouseOptions {
  const { warehouse } = candidate;
  const reaching = servicesTo(candidate.services, destination.country, shipment.zones, shipment.level);
  const options: DeliveryOption[] = [];
  let restrictedTag: string | undefined;
  for (const service of reaching) {
    const legal = checkTransportMode(
      { tags: shipment.complianceTags, destination: destination.country, region: destination.region, mode: service.mode },
      shipment.rules,
    );
    if (!legal.shippable) {
      restrictedTag ??= legal.tag;
      continue;
    }
    const quote = shipment.pieces ? quotePieces(service, shipment.pieces) : quoteParcel(service, parcelOf(shipment));
    if (!quote) continue; // heavier than the service's last band
    const estimate = (shipment.estimate ?? estimateDelivery)({ now, warehouse, service, destination });
    options.push({
      warehouse,
      service,
      domestic: warehouse.country === destination.country,
      estimate,
      chargeableGrams: quote.chargeableGrams,
      price: quote.price,
    });
  }
  const ranked = rankInPlace(options, shipment.comparePrices ?? compareSameCurrencyPrices);
  return restrictedTag === undefined
    ? { options: ranked, reachingServices: reaching.length }
    : { options: ranked, reachingServices: reaching.length, restrictedTag };
}

/**
 * Evaluates one warehouse, in order: a service reaches the destination; one of them may legally
 * carry the goods (transport-mode rules) and takes the parcel's weight; the warehouse has stock.
 * Stock is checked last so that "out of stock" is only reported where restocking would help.
 */
function considerWarehouse(
  candidate: WarehouseCandidate,
  destination: Destination,
  now: Date,
  shipment: ShipmentDetails,
  optionsByCandidate?: Map<WarehouseCandidate, WarehouseOptions>,
): ConsideredWarehouse {
  const { warehouse } = candidate;
  const computed = deliveryOptionsFrom(candidate, destination, now, shipment);
  optionsByCandidate?.set(candidate, computed);
  const { options, reachingServices, restrictedTag } = computed;
  if (reachingServices === 0) return { warehouseId: warehouse.id, shippable: false, reason: NotShippableReason.NO_CARRIER_SERVICE };
  const [best] = options;
  if (!best) {
    return restrictedTag === undefined
      ? { warehouseId: warehouse.id, shippable: false, reason: NotShippableReason.NO_CARRIER_SERVICE }
      : { warehouseId: warehouse.id, shippable: false, reason: NotShippableReason.RESTRICTED_GOODS, tag: restrictedTag };
  }
  if (!(candidate.stock > 0)) return { warehouseId: warehouse.id, shippable: false, reason: NotShippableReason.OUT_OF_STOCK };
  return { warehouseId: warehouse.id, shippable: true, option: best };
}

function reasonFor(
  winner: DeliveryOption,
  runnerUp: DeliveryOption | undefined,
  comparePrices: NonNullable<ShipmentDetails['comparePrices']>,
): ChoiceReason {
  const difference = runnerUp ? firstDifference(winner, runnerUp, comparePrices) : null;
  // Alone, or tied with the runner-up on every rule.
  if (!difference) return winner.domestic ? ChoiceReason.DOMESTIC : ChoiceReason.FASTEST;
  switch (difference.criterion) {
    case 'domestic':
      return ChoiceReason.DOMESTIC;
    case 'earliest':
      return ChoiceReason.FASTEST;
    case 'price':
      return ChoiceReason.CHEAPEST;
    default: {
      const unreachable: never = difference.criterion;
      return unreachable;
    }
  }
}

/**
 * Picks the warehouse to ship from. Eligible warehouses have stock, a carrier service to the
 * destination and may legally ship the goods there. They are ranked: domestic first (no customs),
 * then the earliest `earliest` delivery date in the shopper's calendar, then the cheapest carrier
 * price. Returns the winner with the reason and every other warehouse considered, so the API can
 * say which was chosen and why; when none is eligible, the most telling reason it cannot ship
 * (embargo and outright bans first, then the warehouse that came closest to shipping).
 *
 * `optionsByCandidate`, when given, receives every option list computed on the way (one per candidate that
 * passed the destination check), so a caller that also lists the winner's options need not compute them again.
 */
export function chooseWarehouse(
  candidates: readonly WarehouseCandidate[],
  destination: Destination,
  now: Date,
  shipment: ShipmentDetails,
  optionsByCandidate?: Map<WarehouseCandidate, WarehouseOptions>,
): WarehouseChoice {
  const verdict = checkDestination(
    { tags: shipment.complianceTags, destination: destination.country, region: destination.region },
    shipment.rules,
  );
  if (!verdict.shippable) {
    const alternatives = candidates.map((candidate): ConsideredWarehouse => ({ warehouseId: candidate.warehouse.id, ...verdict }));
    return { ...verdict, alternatives };
  }

  const comparePrices = shipment.comparePrices ?? compareSameCurrencyPrices;
  const considered = candidates.map((candidate) => considerWarehouse(candidate, destination, now, shipment, optionsByCandidate));
  const shippable: DeliveryOption[] = [];
  for (const entry of considered) if (entry.shippable) shippable.push(entry.option);
  const ranked = rankInPlace(shippable, comparePrices);
  const [winner, runnerUp] = ranked;
  if (winner) {
    const alternatives = considered.filter((entry) => entry.warehouseId !== winner.warehouse.id);
    return { shippable: true, chosen: winner, reason: reasonFor(winner, runnerUp, comparePrices), alternatives };
  }

  let closest: Extract<ConsideredWarehouse, { shippable: false }> | undefined;
  for (const entry of considered) {
    if (!entry.shippable && (!closest || PROGRESS[entry.reason] > PROGRESS[closest.reason])) closest = entry;
  }
  // No candidate at all means the product is stocked nowhere.
  const { reason, tag } = closest ?? { reason: NotShippableReason.OUT_OF_STOCK, tag: undefined };
  return tag === undefined
    ? { shippable: false, reason, alternatives: considered }
    : { shippable: false, reason, tag, alternatives: considered };
}
