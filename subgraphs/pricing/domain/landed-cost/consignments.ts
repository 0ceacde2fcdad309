import { CUSTOMS_UNIONS } from '../duty.ts';
import { borderCrossing } from '../territory-border.ts';
import type { ConsignmentGroup, PlacedLine, TaxedLine } from './line-assessment.ts';
import type { ConsignmentInput } from './types.ts';

/**
 * The consignments of a quote. With `parcels`: one per parcel, its goods crossing a customs border when its
 * warehouse is outside the destination's customs territory, plus the lines no parcel carries (they do not ship,
 * so they cross nothing and carry no freight). Without: the whole cart as one consignment with the lines'
 * own `dutiable` flags and `shippingCharges` spread over all lines (a product page, or a caller without parcels).
 */
export function consignmentGroupsOf(input: ConsignmentInput): ConsignmentGroup[] {
  const { lines, parcels } = input;
  if (!parcels) {
    return [
      {
        fromCountry: null,
        lineIndexes: lines.map((_, index) => index),
        charges: input.shippingCharges ?? [],
        dutiable: (index) => lines[index]?.dutiable !== false,
      },
    ];
  }
  if (input.shippingCharges) throw new Error('Give shipping either per parcel (parcels) or per cart (shippingCharges), not both');
  const unions = input.customsUnions ?? CUSTOMS_UNIONS;
  const carried = new Set<number>();
  const groups: ConsignmentGroup[] = parcels.map((parcel) => {
    for (const index of parcel.lineIndexes) {
      if (!Number.isInteger(index) || index < 0 || index >= lines.length || carried.has(index)) {
        throw new Error(
          `Parcel from ${parcel.fromCountry} names line ${index}, which is not a line of the quote or is already in a parcel`,
        );
      }
      carried.add(index);
    }
    const { crosses, owesDuty } = borderCrossing(parcel.fromCountry, input.market.country, unions, input.territory ?? null);
    return {
      fromCountry: parcel.fromCountry,
      lineIndexes: parcel.lineIndexes,
      charges: [parcel.charge],
      dutiable: () => crosses,
      owesDuty: () => owesDuty,
    };
  });
  const unshipped = lines.map((_, index) => index).filter((index) => !carried.has(index));
  if (unshipped.length > 0) groups.push({ fromCountry: null, lineIndexes: unshipped, charges: [], dutiable: () => false });
  return groups;
}

/** Step 2: the line in the consignment that carries it (every line is in exactly one), and whether it crosses a customs border. */
export function placeLine(line: TaxedLine, groups: readonly ConsignmentGroup[]): PlacedLine {
  const consignment = groups.findIndex((group) => group.lineIndexes.includes(line.index));
  const group = groups[consignment];
  const dutiable = group ? group.dutiable(line.index) : false;
  return { ...line, consignment, dutiable, owesDuty: dutiable && (group?.owesDuty?.(line.index) ?? true) };
}
