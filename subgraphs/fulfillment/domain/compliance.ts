import type { TransportMode } from './services.ts';

/**
 * Why something cannot be shipped. A stable public contract: these exact strings become a GraphQL
 * enum and the i18n keys `shipping.reason.<CODE>`; never rename one, only add.
 */
export const NotShippableReason = {
  /** A compliance tag of the product is banned for the destination (or for every usable transport mode). */
  RESTRICTED_GOODS: 'RESTRICTED_GOODS',
  /**
   * We do not ship to the destination at all. Kept for the domain's own check, but `Product.delivery` no longer
   * returns it: an embargoed country is never a market, so `requireMarket` refuses it first (NOT_SOLD).
   */
  EMBARGOED_DESTINATION: 'EMBARGOED_DESTINATION',
  /** No warehouse that could serve the destination has stock. */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** No carrier service reaches the destination (or takes a parcel this heavy) from a stocked warehouse. */
  NO_CARRIER_SERVICE: 'NO_CARRIER_SERVICE',
} as const;
export type NotShippableReason = (typeof NotShippableReason)[keyof typeof NotShippableReason];

/** Product compliance tags the reference rules know; products may carry others, which restrict nothing. */
export const ComplianceTag = {
  /** A lithium cell inside a device (UN3481); restricts nothing on its own in the reference rules. */
  LITHIUM_BATTERY: 'lithium-battery',
  /** A loose lithium cell or power bank (UN3480): closed to air services on several lanes. */
  STANDALONE_BATTERY: 'standalone-battery',
  ALCOHOL: 'alcohol',
  AEROSOL: 'aerosol',
  PERFUME: 'perfume',
  KNIFE: 'knife',
} as const;
export type ComplianceTag = (typeof ComplianceTag)[keyof typeof ComplianceTag];

export type Shippability = { shippable: true } | { shippable: false; reason: NotShippableReason; tag?: string };

/**
 * One restriction: goods tagged `tag` may not go to `destinations`. With `modes`, only those
 * transport modes are closed (aerosols are dangerous goods by air but may travel by sea); without,
 * the destination bans the goods outright. `note` says why, for people reading the data.
 */
export type RestrictionRule = {
  tag: string;
  destinations: readonly string[];
  modes?: readonly TransportMode[];
  note: string;
};

export type ComplianceRules = {
  embargoedDestinations: readonly string[];
  restrictions: readonly RestrictionRule[];
};

const SHIPPABLE: Shippability = { shippable: true };

/** Whether we refuse to ship to `country` at all. */
export function isEmbargoed(country: string, rules: ComplianceRules): boolean {
  return rules.embargoedDestinations.includes(country);
}

/**
 * The first rule that stops goods with `tags` going to `destination`. Without `mode`, only
 * outright bans (rules without modes) are considered; with a mode, rules closing that mode count too.
 */
export function findRestriction(
  input: { tags: readonly string[]; destination: string; region?: string | undefined; mode?: TransportMode },
  rules: ComplianceRules,
): RestrictionRule | undefined {
  // Most products carry no tag, and a rule only ever stops a tag.
  if (input.tags.length === 0) return undefined;
  // A rule's destinations are countries or ISO 3166-2 regions (`US-UT`): a region's rule needs the region.
  return rules.restrictions.find(
    (rule) =>
      input.tags.includes(rule.tag) &&
      (rule.destinations.includes(input.destination) || (input.region !== undefined && rule.destinations.includes(input.region))) &&
      (rule.modes === undefined || (input.mode !== undefined && rule.modes.includes(input.mode))),
  );
}

/**
 * What the destination alone decides, before any warehouse is looked at: an embargo, then an
 * outright ban of one of the product's tags. Embargo wins because it applies to every product.
 */
export function checkDestination(
  input: { tags: readonly string[]; destination: string; region?: string | undefined },
  rules: ComplianceRules,
): Shippability {
  if (isEmbargoed(input.destination, rules)) {
    return { shippable: false, reason: NotShippableReason.EMBARGOED_DESTINATION };
  }
  const ban = findRestriction(input, rules);
  return ban ? { shippable: false, reason: NotShippableReason.RESTRICTED_GOODS, tag: ban.tag } : SHIPPABLE;
}

/** Whether one transport mode may carry the goods to the destination (e.g. no aerosols by air to JP). */
export function checkTransportMode(
  input: { tags: readonly string[]; destination: string; region?: string | undefined; mode: TransportMode },
  rules: ComplianceRules,
): Shippability {
  const rule = findRestriction(input, rules);
  return rule ? { shippable: false, reason: NotShippableReason.RESTRICTED_GOODS, tag: rule.tag } : SHIPPABLE;
}
