import { normalizeHsCode } from './duty.ts';
import { compare, multiply, sum, type Money } from './money.ts';

/**
 * Who collects a consignment's destination VAT/GST (and duty), so that checkout + due on delivery charge each tax
 * once:
 * - SELLER_AT_CHECKOUT: the seller charges the destination's VAT/GST in the checkout total — under a
 *   seller-collection scheme it is registered for (EU IOSS, UK VAT at sale, VOEC, ARN, OVR), or because the goods
 *   cross no customs border (a domestic or intra-EU sale, taxed like any sale there).
 * - SELLER_AS_IMPORTER: our carrier clears the parcel duty-paid in our name (DDP): duty and import VAT/GST are
 *   computed as the border computes them (thresholds included) and are in the checkout total.
 * - CARRIER_ON_DELIVERY: the parcel is cleared at the border in the shopper's name (DAP): the checkout total has
 *   no destination VAT/GST; duty, import VAT/GST and the carrier's fee are due on delivery.
 */
export const Collector = {
  SELLER_AT_CHECKOUT: 'SELLER_AT_CHECKOUT',
  SELLER_AS_IMPORTER: 'SELLER_AS_IMPORTER',
  CARRIER_ON_DELIVERY: 'CARRIER_ON_DELIVERY',
} as const;
export type Collector = (typeof Collector)[keyof typeof Collector];

/** Whether a scheme's ceiling is on the whole consignment's goods or on each unit's price. */
export const CeilingPer = { CONSIGNMENT: 'CONSIGNMENT', UNIT: 'UNIT' } as const;
export type CeilingPer = (typeof CeilingPer)[keyof typeof CeilingPer];

/**
 * A seller-collection scheme as the law lays it down: a registered seller charges the destination's VAT/GST at the
 * sale on eligible consignments (value at most `ceiling` on the goods' intrinsic value, no excluded goods, shipped
 * from outside the destination's customs territory), and the border does not tax them again.
 */
export type CollectionScheme = {
  /** Stable code a registration names: `EU_IOSS`, `UK_LOW_VALUE_VAT`, `NO_VOEC`, `AU_LVIG`, `SG_OVR`, `CH_MAIL_ORDER`. */
  readonly code: string;
  readonly name: string;
  /** ISO countries the scheme covers. */
  readonly destinations: readonly string[];
  /** The value ceiling on the goods' intrinsic value (without transport and insurance); null: no ceiling. */
  readonly ceiling: Money | null;
  /** The ceiling as the law states it, kept when `ceiling` is converted into a presentment currency. */
  readonly statedCeiling?: Money | null;
  readonly ceilingPer: CeilingPer;
  /** True: a value AT the ceiling is eligible ("not exceeding"); false: it must be strictly below ("under"). */
  readonly ceilingInclusive: boolean;
  /** HS prefixes the scheme never covers (excise goods, foodstuffs…): a consignment holding one is not eligible. */
  readonly excludedHsPrefixes: readonly string[];
  /** True when goods under the scheme owe no customs duty at the border (Norway: VOEC goods are duty-free). */
  readonly exemptsDuty: boolean;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  readonly source: string;
  readonly asOf: Date;
  /** False when the decisive text could not be read from a primary source (see `note`). */
  readonly verified: boolean;
  /** Our reading where the law is ambiguous, and what could not be verified. */
  readonly note: string;
};

/** The merchant's registration for a scheme: its number goes on the customs data of every parcel it covers. */
export type TaxRegistration = {
  readonly scheme: string;
  readonly number: string;
  /** The destinations it covers (a subset of the scheme's). */
  readonly destinations: readonly string[];
  readonly validFrom: Date;
  /** The first instant it no longer applies; null while it runs. */
  readonly validTo: Date | null;
  readonly note: string | null;
};

/** Who collects one consignment's taxes, and under what. */
export type Collection = {
  readonly collector: Collector;
  /** The scheme the seller collects under (SELLER_AT_CHECKOUT across a border); null otherwise. */
  readonly scheme: CollectionScheme | null;
  /** The registration number used (goes on the customs data); null without a scheme. */
  readonly registrationNumber: string | null;
  /** The legal ground of the decision. */
  readonly source: string;
};

/** One line of a consignment as the decision reads it. */
export type CollectionGood = {
  readonly hsCode: string;
  readonly quantity: number;
  /** The line's net value (all its units), in the presentment currency. */
  readonly net: Money;
};

/** What the regime of a consignment is decided from. */
export type CollectionInput = {
  readonly destination: string;
  /** True when the consignment's goods cross a customs border into the destination. */
  readonly crossesCustomsBorder: boolean;
  /** Its goods that cross the border. */
  readonly goods: readonly CollectionGood[];
  /** The destination's schemes, ceilings in the presentment currency (see `schemesIn`). */
  readonly schemes: readonly CollectionScheme[];
  readonly registrations: readonly TaxRegistration[];
  /** True when the market's policy is that our carrier clears duty-paid (DDP) where no scheme applies. */
  readonly dutyPaidClearance: boolean;
  readonly now: Date;
};

const DOMESTIC_SOURCE =
  'No import: the goods do not cross a customs border, so the sale is taxed like any sale in the destination (VAT/GST at checkout)';
const IMPORTER_SOURCE =
  'Meridian market policy: our carrier clears consignments no seller-collection scheme covers duty-paid (DDP), duty and import VAT/GST as the border assesses them';
const CARRIER_SOURCE =
  'No seller-collection scheme covers the consignment and the market clears DAP: the border assesses duty and import VAT/GST and the carrier collects them from the recipient';

// The regimes without a scheme are the same for every consignment: shared, so a listing allocates none per product.
const DOMESTIC: Collection = { collector: Collector.SELLER_AT_CHECKOUT, scheme: null, registrationNumber: null, source: DOMESTIC_SOURCE };
const AS_IMPORTER: Collection = {
  collector: Collector.SELLER_AS_IMPORTER,
  scheme: null,
  registrationNumber: null,
  source: IMPORTER_SOURCE,
};
const ON_DELIVERY: Collection = {
  collector: Collector.CARRIER_ON_DELIVERY,
  scheme: null,
  registrationNumber: null,
  source: CARRIER_SOURCE,
};

/**
 * The regime of one consignment at `now`: seller-collected under the first scheme in force that a registration in
 * force covers and the consignment is eligible for; else duty-paid clearance as importer where the market's policy
 * says so; else border-collected (DAP). One regime per consignment: customs clear a parcel whole, so a parcel
 * holding one ineligible line is not split.
 */
export function decideCollection(input: CollectionInput): Collection {
  if (!input.crossesCustomsBorder) return DOMESTIC;
  for (const scheme of input.schemes) {
    if (!inForce(scheme, input.now) || !scheme.destinations.includes(input.destination)) continue;
    const registration = input.registrations.find(
      (candidate) =>
        candidate.scheme === scheme.code && candidate.destinations.includes(input.destination) && inForce(candidate, input.now),
    );
    if (registration && isEligible(input.goods, scheme)) {
      return { collector: Collector.SELLER_AT_CHECKOUT, scheme, registrationNumber: registration.number, source: scheme.source };
    }
  }
  return input.dutyPaidClearance ? AS_IMPORTER : ON_DELIVERY;
}

/** Whether `goods` may travel under `scheme`: none excluded, and their value within its ceiling. */
export function isEligible(goods: readonly CollectionGood[], scheme: CollectionScheme): boolean {
  if (goods.some((good) => isExcluded(good.hsCode, scheme))) return false;
  const { ceiling } = scheme;
  if (ceiling === null || goods.length === 0) return true;
  if (scheme.ceilingPer === CeilingPer.UNIT) {
    // Each unit's price is the line's net ÷ quantity: compared as net ≤ ceiling × quantity, with no division.
    return goods.every((good) => within(good.net, multiply(ceiling, good.quantity), scheme.ceilingInclusive));
  }
  const value = sum(
    goods.map((good) => good.net),
    ceiling.currency,
  );
  return within(value, ceiling, scheme.ceilingInclusive);
}

function within(value: Money, ceiling: Money, inclusive: boolean): boolean {
  const order = compare(value, ceiling);
  return inclusive ? order <= 0 : order < 0;
}

function isExcluded(hsCode: string, scheme: CollectionScheme): boolean {
  if (scheme.excludedHsPrefixes.length === 0) return false;
  const digits = normalizeHsCode(hsCode);
  return scheme.excludedHsPrefixes.some((prefix) => digits.startsWith(prefix));
}

/** Whether a dated row applies at `now`: from `validFrom` (inclusive) until `validTo` (exclusive). */
export function inForce(row: { readonly validFrom: Date; readonly validTo: Date | null }, now: Date): boolean {
  const instant = now.getTime();
  return row.validFrom.getTime() <= instant && (row.validTo === null || instant < row.validTo.getTime());
}

/** True when the consignment's duty and import charges are in the checkout total. */
export function chargesAtCheckout(collection: Collection): boolean {
  return collection.collector !== Collector.CARRIER_ON_DELIVERY;
}

/**
 * The destination's schemes with their ceilings converted into `currency` by `convert` (the FX path de minimis
 * thresholds take: the reference rate, no margin), once per request and currency.
 */
export function schemesIn(schemes: readonly CollectionScheme[], convert: (money: Money) => Money): CollectionScheme[] {
  return schemes.map((scheme) =>
    scheme.ceiling === null
      ? scheme
      : { ...scheme, statedCeiling: scheme.statedCeiling ?? scheme.ceiling, ceiling: convert(scheme.ceiling) },
  );
}
