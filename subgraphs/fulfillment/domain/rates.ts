import { assertCurrency } from '../../common/contract/currency.ts';
import { badUserInput } from '../../common/contract/errors.ts';
import type { Money } from '../../common/contract/money.ts';

/**
 * Shipping rates are the shared contract's `Money` (integer minor units beside the ISO 4217 code) in the lane's
 * rate currency; converting them to the shopper's currency is pricing's job and goes through the graph.
 */
/** A price step: parcels up to and including `upToGrams` chargeable grams cost `price`. */
export type WeightBand = {
  upToGrams: number;
  price: Money;
};

/** Outer box measurements in centimetres: length, width, height. */
export type DimensionsCm = { l: number; w: number; h: number };

/** What the carrier weighs and measures. */
export type Parcel = {
  actualGrams: number;
  dimensionsCm: DimensionsCm;
};

/** Checks that `money` is a non-negative amount in a payment currency: a lane never pays the shopper. */
export function assertRate(money: Money, field = 'amount'): Money {
  if (typeof money.minor !== 'bigint' || money.minor < 0n) {
    throw badUserInput(`${field} must be a whole number of minor units ≥ 0, got ${String(money.minor)}`, { [field]: String(money.minor) });
  }
  assertCurrency(money.currency);
  return money;
}

function assertPositiveMeasure(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw badUserInput(`${field} must be a positive number, got ${value}`, { [field]: value });
  }
}

/**
 * Volumetric ("dimensional") weight in grams: l × w × h (cm³) ÷ divisor (cm³ per kg) × 1000.
 * Rounding follows the carriers' published practice and always goes up, so we never quote below
 * what the carrier will bill: each dimension is first rounded UP to a whole centimetre, then the
 * result is rounded UP to a whole gram. The division is done in BigInt, so it is exact.
 */
export function volumetricWeightGrams(dimensionsCm: DimensionsCm, volumetricDivisor: number): number {
  assertPositiveMeasure(dimensionsCm.l, 'dimensionsCm.l');
  assertPositiveMeasure(dimensionsCm.w, 'dimensionsCm.w');
  assertPositiveMeasure(dimensionsCm.h, 'dimensionsCm.h');
  if (!Number.isSafeInteger(volumetricDivisor) || volumetricDivisor <= 0) {
    throw badUserInput(`volumetricDivisor must be a positive whole number (e.g. 5000), got ${volumetricDivisor}`, {
      volumetricDivisor,
    });
  }
  const volumeCm3 = Math.ceil(dimensionsCm.l) * Math.ceil(dimensionsCm.w) * Math.ceil(dimensionsCm.h);
  const dividend = volumeCm3 * 1000 + volumetricDivisor - 1;
  // Below 2^50 every operand and the product are exact integers in a double, and a quotient that is not whole
  // lies at least 1/divisor from the next integer, far more than the division's rounding error: flooring it is
  // exact. Any box beyond that (a 10-km cube) is divided in BigInt.
  if (dividend < 2 ** 50) return Math.floor(dividend / volumetricDivisor);
  const divisor = BigInt(volumetricDivisor);
  const exactVolume = BigInt(Math.ceil(dimensionsCm.l)) * BigInt(Math.ceil(dimensionsCm.w)) * BigInt(Math.ceil(dimensionsCm.h));
  return Number((exactVolume * 1000n + divisor - 1n) / divisor);
}

/**
 * The weight a carrier bills: the greater of the actual weight (rounded up to a whole gram) and the
 * volumetric weight, because a light but bulky box takes the space of a heavy one.
 */
export function chargeableWeightGrams(input: { actualGrams: number; dimensionsCm: DimensionsCm; volumetricDivisor: number }): number {
  return chargeableGramsOf(input.actualGrams, input.dimensionsCm, input.volumetricDivisor);
}

function chargeableGramsOf(actualGrams: number, dimensionsCm: DimensionsCm, volumetricDivisor: number): number {
  if (!Number.isFinite(actualGrams) || actualGrams < 0) {
    throw badUserInput(`actualGrams must be a number ≥ 0, got ${actualGrams}`, { actualGrams });
  }
  return Math.max(Math.ceil(actualGrams), volumetricWeightGrams(dimensionsCm, volumetricDivisor));
}

/**
 * The price of the first band (ordered by `upToGrams`) whose limit is at least `grams`, or null
 * when the parcel is heavier than the last band, meaning the service cannot carry it at all.
 * All bands must share one currency: a lane is priced in exactly one rate currency.
 */
export function rateForWeight(bands: readonly WeightBand[], grams: number): Money | null {
  if (!Number.isFinite(grams) || grams < 0) throw badUserInput(`grams must be a number ≥ 0, got ${grams}`, { grams });
  for (const band of orderedBands(bands)) if (grams <= band.upToGrams) return { minor: band.price.minor, currency: band.price.currency };
  return null;
}

// A band list → the same bands ordered by weight, once they passed the checks. A pure function of the list,
// which is read-only reference data (a service's bands live as long as its snapshot): a listing prices the same
// few lanes for every product, so each list is sorted and checked once, and dropped with it (weak keys).
const orderedBandsMemo = new WeakMap<readonly WeightBand[], readonly WeightBand[]>();

/** The bands ordered by `upToGrams`; BAD_USER_INPUT when one is not a rate or they mix currencies. */
function orderedBands(bands: readonly WeightBand[]): readonly WeightBand[] {
  let ordered = orderedBandsMemo.get(bands);
  if (ordered !== undefined) return ordered;
  const sorted = [...bands].sort((a, b) => a.upToGrams - b.upToGrams);
  const currency = sorted[0]?.price.currency;
  for (const band of sorted) {
    assertRate(band.price, 'weightBand.price');
    if (band.price.currency !== currency) {
      throw badUserInput(`Weight bands mix currencies (${currency} and ${band.price.currency})`, { currency: band.price.currency });
    }
  }
  ordered = Object.freeze(sorted);
  orderedBandsMemo.set(bands, ordered);
  return ordered;
}

/** A service's price for one parcel, or null when the parcel exceeds its heaviest band. */
export function quoteParcel(
  service: { weightBands: readonly WeightBand[]; volumetricDivisor: number },
  parcel: Parcel,
): { chargeableGrams: number; price: Money } | null {
  const chargeableGrams = chargeableGramsOf(parcel.actualGrams, parcel.dimensionsCm, service.volumetricDivisor);
  const price = rateForWeight(service.weightBands, chargeableGrams);
  return price ? { chargeableGrams, price } : null;
}

/** Several units of one box in a shipment: a cart line packed as it is sold. */
export type ParcelPiece = {
  parcel: Parcel;
  quantity: number;
};

/**
 * The weight a carrier bills for a multi-piece shipment: the greater of the total actual weight and the
 * total volumetric weight (each box's volumetric weight rounded up as for one parcel, then summed), the way
 * carriers bill a consignment of several boxes on one waybill.
 */
export function chargeableWeightOfPieces(pieces: readonly ParcelPiece[], volumetricDivisor: number): number {
  let actualGrams = 0;
  let volumetricGrams = 0;
  for (const { parcel, quantity } of pieces) {
    if (!Number.isSafeInteger(quantity) || quantity < 1) {
      throw badUserInput(`quantity must be a whole number ≥ 1, got ${quantity}`, { quantity });
    }
    if (!Number.isFinite(parcel.actualGrams) || parcel.actualGrams < 0) {
      throw badUserInput(`actualGrams must be a number ≥ 0, got ${parcel.actualGrams}`, { actualGrams: parcel.actualGrams });
    }
    actualGrams += Math.ceil(parcel.actualGrams) * quantity;
    volumetricGrams += volumetricWeightGrams(parcel.dimensionsCm, volumetricDivisor) * quantity;
  }
  return Math.max(actualGrams, volumetricGrams);
}

/** A service's price for a multi-piece shipment, or null when it exceeds the service's heaviest band. */
export function quotePieces(
  service: { weightBands: readonly WeightBand[]; volumetricDivisor: number },
  pieces: readonly ParcelPiece[],
): { chargeableGrams: number; price: Money } | null {
  const chargeableGrams = chargeableWeightOfPieces(pieces, service.volumetricDivisor);
  const price = rateForWeight(service.weightBands, chargeableGrams);
  return price ? { chargeableGrams, price } : null;
}
