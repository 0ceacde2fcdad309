import { crossesCustomsBorder, type CustomsUnion } from './duty.ts';

/**
 * How a special territory stands to its country's customs territory and VAT area (Council Directive 2006/112/EC
 * Art. 6, Regulation (EU) No 952/2013 Art. 4), as its tax jurisdiction row states it.
 */
export interface TerritoryBorder {
  readonly insideCustomsTerritory: boolean;
  readonly insideVatArea: boolean;
  /**
   * A customs union whose rules the territory also follows for goods (Northern Ireland: the EU's, Windsor
   * Framework): goods from its members arrive without an import. Null for none.
   */
  readonly goodsCustomsUnion: string | null;
}

/** What a parcel meets on its way to a destination: a declaration and the border's tax, and the tariff. */
export interface BorderCrossing {
  /** A customs declaration is made and the destination's import tax is due at its border. */
  readonly crosses: boolean;
  /** The destination's tariff applies (the goods are not already in free circulation in its customs territory). */
  readonly owesDuty: boolean;
}

/**
 * The border a parcel from `from` crosses to `country`, or to a special territory of it. A territory outside its
 * country's VAT area or customs territory is reached across a fiscal border from everywhere, even from the rest of
 * the country (UCC Art. 1(3): customs formalities apply to that trade), so Venlo → Las Palmas is an export with
 * IGIC at the border. Its tariff is the country's only where it is inside the customs territory and the goods come
 * from outside it; outside the customs territory the territory's own duties (AIEM, octroi de mer) are not modelled.
 */
export function borderCrossing(
  from: string,
  country: string,
  unions: readonly CustomsUnion[],
  territory: TerritoryBorder | null = null,
): BorderCrossing {
  const intoCountry = crossesCustomsBorder(from, country, unions);
  if (territory === null) return { crosses: intoCountry, owesDuty: intoCountry };
  if (!territory.insideVatArea || !territory.insideCustomsTerritory) {
    return { crosses: true, owesDuty: territory.insideCustomsTerritory && intoCountry };
  }
  const union = unions.find((candidate) => candidate.name === territory.goodsCustomsUnion);
  const crosses = intoCountry && !(union?.members.includes(from) ?? false);
  return { crosses, owesDuty: crosses };
}
