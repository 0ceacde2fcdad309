import { Exact, type RoundingMode } from './exact.ts';
import { compare } from './money.ts';
import type { Money } from './money-type.ts';
import { divideToMoney, moneyToExact } from './rounding.ts';

/** A metric unit of net quantity, as the schema's `QuantityUnit` names it. */
export type QuantityUnit = 'G' | 'KG' | 'ML' | 'L';

/** What a unit measures: goods are sold by weight (mass) or by volume. */
export type Measure = 'MASS' | 'VOLUME';

/** A net quantity: an exact positive decimal and its unit, e.g. `{ value: '250', unit: 'G' }`. */
export interface NetQuantity {
  readonly value: string;
  readonly unit: QuantityUnit;
}

/** The quantity a unit price is given for, e.g. 1 `KG` or 100 `ML`. */
export interface ReferenceQuantity {
  readonly quantity: number;
  readonly unit: QuantityUnit;
}

/**
 * When a market does not require a unit price beside the selling price, for goods its law exempts by price:
 * a unit price above `limit` for goods whose HS code starts with one of `hsPrefixes` (null: any goods not matched
 * by an earlier entry).
 */
export interface UnitPriceCeiling {
  readonly hsPrefixes: readonly string[] | null;
  readonly limit: Money;
}

/**
 * A market's unit-price rule (the price per kg or litre shown beside the selling price), as the law states it,
 * from `validFrom` (inclusive) to `validTo` (exclusive; null: open).
 */
export interface UnitPriceRule {
  readonly country: string;
  /** The goods it covers: those sold by these measures. */
  readonly measures: readonly Measure[];
  /** The unit each measure's price is given for. */
  readonly referenceQuantities: Readonly<Record<Measure, ReferenceQuantity>>;
  /** The law waives the unit price when it equals the selling price (a pack of exactly the reference quantity). */
  readonly omitWhenEqualToSellingPrice: boolean;
  /** Pack sizes the law exempts (Switzerland: 25, 125, 250, 2,500 g; 1, 2, 5 kg or l). */
  readonly exemptNetQuantities: readonly NetQuantity[];
  /** A selling price at or below which no unit price is needed; null when the law sets none. */
  readonly exemptSellingPriceUpTo: Money | null;
  /** Unit prices (per the reference quantity, as shown) above which none is needed, per class of goods; first match wins. */
  readonly exemptUnitPriceAbove: readonly UnitPriceCeiling[];
  /** How the exact quotient is rounded to the currency's minor unit. */
  readonly rounding: RoundingMode;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  /** The law it follows, shown with the unit price. */
  readonly source: string;
}

/** A unit price: the selling price per `referenceQuantity` `referenceUnit`, rounded to the minor unit. */
export interface PricePerQuantity {
  readonly amount: Money;
  readonly referenceQuantity: number;
  readonly referenceUnit: QuantityUnit;
  readonly rounding: RoundingMode;
}

const MEASURE_OF: Readonly<Record<QuantityUnit, Measure>> = { G: 'MASS', KG: 'MASS', ML: 'VOLUME', L: 'VOLUME' };
// Grams and millilitres per unit: every quantity is compared and divided in the smaller unit, exactly.
const BASE_UNITS: Readonly<Record<QuantityUnit, bigint>> = { G: 1n, KG: 1000n, ML: 1n, L: 1000n };

/** The measure a unit belongs to: mass for g and kg, volume for ml and l. */
export function measureOf(unit: QuantityUnit): Measure {
  return MEASURE_OF[unit];
}

/** `quantity` in grams or millilitres, exactly (1.8 L → 1800). */
function inBaseUnits(quantity: NetQuantity): Exact {
  return Exact.parse(quantity.value, 'netQuantity').times(Exact.of(BASE_UNITS[quantity.unit]));
}

function sameQuantity(a: NetQuantity, b: NetQuantity): boolean {
  return measureOf(a.unit) === measureOf(b.unit) && inBaseUnits(a).eq(inBaseUnits(b));
}

/** The rule of `country` in force at `now` (the latest to take effect when two overlap); null when it has none. */
export function unitPriceRuleAt(rules: readonly UnitPriceRule[], country: string, now: Date): UnitPriceRule | null {
  let found: UnitPriceRule | null = null;
  for (const rule of rules) {
    if (rule.country !== country || rule.validFrom > now || (rule.validTo && rule.validTo <= now)) continue;
    if (!found || rule.validFrom > found.validFrom) found = rule;
  }
  return found;
}

/** The ceiling of the first class `hsCode` belongs to, or null. */
function ceilingFor(rule: UnitPriceRule, hsCode: string): Money | null {
  const entry = rule.exemptUnitPriceAbove.find(
    (ceiling) => !ceiling.hsPrefixes || ceiling.hsPrefixes.some((prefix) => hsCode.startsWith(prefix)),
  );
  return entry?.limit ?? null;
}

/** −1, 0 or 1 as `money` is below, at or above `limit`; null when there is no limit in `money`'s currency. */
function against(money: Money, limit: Money | null): -1 | 0 | 1 | null {
  return limit && limit.currency === money.currency ? compare(money, limit) : null;
}

/**
 * The unit price to show beside `sellingPrice` (the amount as the shopper sees it, tax as shown): the selling price
 * × the reference quantity ÷ the net quantity, rounded once to the currency's minor unit with the rule's mode. Null
 * where no unit price is required: no rule, goods sold by the piece or by a measure the rule does not cover, or an
 * exemption of the rule. An exemption in another currency than the shown price (a Swiss price shown in euros) is
 * not applied: showing a unit price the law waives is lawful, leaving out one it requires is not.
 */
export function unitPriceOf(input: {
  readonly sellingPrice: Money;
  readonly netQuantity: NetQuantity | null;
  readonly hsCode: string;
  readonly rule: UnitPriceRule | null;
}): PricePerQuantity | null {
  const { sellingPrice, netQuantity, hsCode, rule } = input;
  if (!rule || !netQuantity) return null;
  const measure = measureOf(netQuantity.unit);
  if (!rule.measures.includes(measure)) return null;
  const reference = rule.referenceQuantities[measure];
  const referenceQuantity: NetQuantity = { value: String(reference.quantity), unit: reference.unit };
  if (rule.exemptNetQuantities.some((exempt) => sameQuantity(exempt, netQuantity))) return null;
  if (rule.omitWhenEqualToSellingPrice && sameQuantity(referenceQuantity, netQuantity)) return null;
  const bySellingPrice = against(sellingPrice, rule.exemptSellingPriceUpTo);
  if (bySellingPrice !== null && bySellingPrice <= 0) return null;
  const amount = divideToMoney(
    moneyToExact(sellingPrice).times(inBaseUnits(referenceQuantity)),
    inBaseUnits(netQuantity),
    sellingPrice.currency,
    rule.rounding,
  );
  if (against(amount, ceilingFor(rule, hsCode)) === 1) return null;
  return { amount, referenceQuantity: reference.quantity, referenceUnit: reference.unit, rounding: rule.rounding };
}
