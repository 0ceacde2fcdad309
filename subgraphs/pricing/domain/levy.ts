import { Collector, type Collection } from './collection.ts';
import { normalizeHsCode } from './duty.ts';
import { Exact } from './exact.ts';
import { compare, currencyExponent, type Money } from './money.ts';
import { moneyToExact, roundToMoney, type RoundingMode } from './rounding.ts';

/**
 * A charge that is neither VAT/GST nor customs duty, as the law lays it down:
 * - EXCISE: a tax on the goods themselves, per quantity (Germany's coffee tax, KaffeeStG § 2: per kg of coffee);
 * - LEVY: a fixed charge per consignment or parcel (Italy's €2 contribution, Romania's RON 25 per parcel).
 */
export const LevyKind = { EXCISE: 'EXCISE', LEVY: 'LEVY' } as const;
export type LevyKind = (typeof LevyKind)[keyof typeof LevyKind];

/**
 * What the levy is counted on: once per consignment, or per kilogram (Germany's coffee tax) or per litre (Japan's
 * liquor tax) of the goods' net quantity.
 */
export const LevyBasis = { PER_CONSIGNMENT: 'PER_CONSIGNMENT', PER_KG_NET: 'PER_KG_NET', PER_LITRE_NET: 'PER_LITRE_NET' } as const;
export type LevyBasis = (typeof LevyBasis)[keyof typeof LevyBasis];

/**
 * Who owes it, which decides where the shopper pays it:
 * - SELLER: the seller owes it whatever the clearance (Romania's parcel levy): in the checkout total, never due
 *   on delivery;
 * - DECLARANT: on an import, whoever clears the goods owes it (in the checkout total when the seller collects or
 *   clears as importer, due on delivery when the carrier clears in the recipient's name); on a delivery that
 *   crosses no customs border (mail order from another member state) the seller owes it.
 */
export const LevyLiable = { SELLER: 'SELLER', DECLARANT: 'DECLARANT' } as const;
export type LevyLiable = (typeof LevyLiable)[keyof typeof LevyLiable];

/** Which deliveries it applies to: only imports (consignments crossing a customs border), or every delivery into the destination. */
export const LevyScope = { IMPORTS: 'IMPORTS', ALL_DELIVERIES: 'ALL_DELIVERIES' } as const;
export type LevyScope = (typeof LevyScope)[keyof typeof LevyScope];

/** The value a levy's ceiling is compared with: the goods' intrinsic value, or the customs value (with freight). */
export const LevyCeilingBasis = { INTRINSIC_VALUE: 'INTRINSIC_VALUE', CUSTOMS_VALUE: 'CUSTOMS_VALUE' } as const;
export type LevyCeilingBasis = (typeof LevyCeilingBasis)[keyof typeof LevyCeilingBasis];

/** A rate of an excise per kg or per litre (its levy's basis), for the goods whose tariff code starts with `hsPrefix`. */
export type LevyRate = {
  readonly hsPrefix: string;
  /** What the goods are, as the law names them ("roasted coffee"). */
  readonly goods: string;
  /** Per kilogram (PER_KG_NET) or per litre (PER_LITRE_NET) of net quantity. */
  readonly perUnit: Money;
};

/** A levy or excise of one destination, with its legal source and validity (reference data). */
export type Levy = {
  /** Stable code, e.g. `DE_COFFEE_TAX`. */
  readonly code: string;
  readonly name: string;
  readonly destination: string;
  readonly kind: LevyKind;
  readonly basis: LevyBasis;
  /** PER_CONSIGNMENT: the amount per consignment; null for an excise per kg or litre. */
  readonly amount: Money | null;
  /** PER_KG_NET, PER_LITRE_NET: the rates by tariff code; empty for a per-consignment levy. */
  readonly rates: readonly LevyRate[];
  /** The consignment value above which it does not apply; null: any value. */
  readonly ceiling: Money | null;
  /** The ceiling as the law states it, kept when `ceiling` is converted into a presentment currency. */
  readonly statedCeiling?: Money | null;
  /** True: a value AT the ceiling is liable ("not exceeding"); false: strictly below. */
  readonly ceilingInclusive: boolean;
  readonly ceilingBasis: LevyCeilingBasis;
  readonly scope: LevyScope;
  readonly liable: LevyLiable;
  /** True when the levy is part of the VAT/GST base (an excise is; Italy's contribution is not). */
  readonly inVatBase: boolean;
  readonly validFrom: Date;
  readonly validTo: Date | null;
  readonly source: string;
  readonly asOf: Date;
  /** False when the decisive text could not be read from a primary source (see `note`). */
  readonly verified: boolean;
  /** Our reading where the law is ambiguous (who collects, VAT base), and what could not be verified. */
  readonly note: string;
};

/** The levies of `destination` in force at `now`. */
export function leviesInForce(levies: readonly Levy[], destination: string, now: Date): Levy[] {
  return levies.filter(
    (levy) => levy.destination === destination && levy.validFrom <= now && (levy.validTo === null || now < levy.validTo),
  );
}

/** `levies` with their money converted into a presentment currency (ceilings keep the law's figure in `statedCeiling`). */
export function leviesIn(levies: readonly Levy[], convert: (money: Money) => Money): Levy[] {
  return levies.map((levy) => ({
    ...levy,
    amount: levy.amount ? convert(levy.amount) : null,
    rates: levy.rates.map((rate) => ({ ...rate, perUnit: convert(rate.perUnit) })),
    ceiling: levy.ceiling ? convert(levy.ceiling) : null,
    statedCeiling: levy.statedCeiling ?? levy.ceiling,
  }));
}

/** A net quantity as products state it: `{ value: '250', unit: 'g' }`. */
export type LevyQuantity = { readonly value: string; readonly unit: string };

/** The rate of `levy` for goods of `hsCode` (the longest matching prefix); null when it does not tax them. */
export function levyRateFor(levy: Levy, hsCode: string): LevyRate | null {
  const digits = normalizeHsCode(hsCode);
  let best: LevyRate | null = null;
  for (const rate of levy.rates) {
    if (digits.startsWith(rate.hsPrefix) && (!best || rate.hsPrefix.length > best.hsPrefix.length)) best = rate;
  }
  return best;
}

/** The net quantity in kilograms, exact; throws for a volume (a per-kg excise needs a mass). */
export function kilogramsOf(quantity: LevyQuantity): Exact {
  const value = Exact.parse(quantity.value, 'net quantity');
  // The schema's enum spells units in capitals (KG, G), the seed in lower case.
  const unit = quantity.unit.toLowerCase();
  if (unit === 'kg') return value;
  if (unit === 'g') return value.times(Exact.of(1, 3));
  throw new Error(`A per-kg excise needs a net mass, not ${quantity.value} ${quantity.unit}`);
}

/** The net quantity in litres, exact; throws for a mass (a per-litre excise needs a volume). */
export function litresOf(quantity: LevyQuantity): Exact {
  const value = Exact.parse(quantity.value, 'net quantity');
  const unit = quantity.unit.toLowerCase();
  if (unit === 'l') return value;
  if (unit === 'ml') return value.times(Exact.of(1, 3));
  throw new Error(`A per-litre excise needs a net volume, not ${quantity.value} ${quantity.unit}`);
}

/** Whether `levy` is counted per quantity of the goods (kg or litre) rather than once per consignment. */
export function isPerQuantity(levy: Levy): boolean {
  return levy.basis !== LevyBasis.PER_CONSIGNMENT;
}

/** The quantity of one unit that `levy` is counted on: kilograms or litres, by its basis. */
function taxedQuantityOf(levy: Levy, netQuantity: LevyQuantity): Exact {
  return levy.basis === LevyBasis.PER_LITRE_NET ? litresOf(netQuantity) : kilogramsOf(netQuantity);
}

/**
 * The excise on `units` of goods of `netQuantity` each, exact: rate per kg (or litre) × kg (or litres) per unit ×
 * units. Rounded once per line by the caller: KaffeeStG and the Liquor Tax Act state the rate per kg or kilolitre
 * and no per-item rounding, so the exact figure is kept until the amount is charged.
 */
export function exciseOf(levy: Levy, rate: LevyRate, netQuantity: LevyQuantity, units: number): Exact {
  return moneyToExact(rate.perUnit).times(taxedQuantityOf(levy, netQuantity)).times(Exact.of(units));
}

/** Whether a consignment of `value` (on the levy's ceiling basis) is within the levy's ceiling. */
export function withinLevyCeiling(levy: Levy, value: Money): boolean {
  if (levy.ceiling === null) return true;
  const order = compare(value, levy.ceiling);
  return levy.ceilingInclusive ? order <= 0 : order < 0;
}

/** Whether the shopper pays the levy at checkout (true) or to the carrier on delivery (false); see {@link LevyLiable}. */
export function levyAtCheckout(levy: Levy, crossesCustomsBorder: boolean, collection: Collection): boolean {
  if (levy.liable === LevyLiable.SELLER || !crossesCustomsBorder) return true;
  return collection.collector !== Collector.CARRIER_ON_DELIVERY;
}

/** A levy's amount rounded to the currency's minor unit, half up by default. */
export function levyMoney(amount: Exact, currency: string, mode: RoundingMode): Money {
  return roundToMoney(amount, currency, mode);
}

/** "Coffee tax, roasted coffee: EUR 2.19/kg × 0.25 kg" — how an excise per kg or litre was counted, for a label. */
export function exciseLabel(levy: Levy, rate: LevyRate, netQuantity: LevyQuantity, units: number): string {
  const symbol = levy.basis === LevyBasis.PER_LITRE_NET ? 'l' : 'kg';
  const quantity = taxedQuantityOf(levy, netQuantity).normalized().toString();
  const perUnit = moneyToExact(rate.perUnit).toFixed(currencyExponent(rate.perUnit.currency));
  return `${levy.name}, ${rate.goods}: ${rate.perUnit.currency} ${perUnit}/${symbol} × ${quantity} ${symbol}${units > 1 ? ` × ${units}` : ''}`;
}
