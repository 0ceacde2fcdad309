import { code as currencyByCode } from 'currency-codes';
import { badUserInput } from '../../common/errors.ts';

/**
 * An exact amount in integer MINOR units of `currency` (ISO 4217): `{ amountMinor: 1290, currency: 'EUR' }`
 * is €12.90, `{ amountMinor: 1500, currency: 'JPY' }` is ¥1,500, `{ amountMinor: 25000, currency: 'KWD' }`
 * is KWD 25.000. Shipping rates stay in the lane's rate currency here; converting them to the
 * shopper's currency is pricing's job and goes through the graph.
 */
export type MinorMoney = {
  amountMinor: number;
  currency: string;
};

/** A price step: parcels up to and including `upToGrams` chargeable grams cost `price`. */
export type WeightBand = {
  upToGrams: number;
  price: MinorMoney;
};

/** Outer box measurements in centimetres: length, width, height. */
export type DimensionsCm = { l: number; w: number; h: number };

/** What the carrier weighs and measures. */
export type Parcel = {
  actualGrams: number;
  dimensionsCm: DimensionsCm;
};

/**
 * Checks that `money` is a whole, non-negative, safely representable number of minor units in a
 * known ISO 4217 currency. Integers below 2^53 are exact in a JS number, so no float ever touches
 * the amount; anything else (12.9, NaN, 1e20) is refused rather than rounded.
 */
export function assertMinorMoney(money: MinorMoney, field = 'amount'): MinorMoney {
  if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor < 0) {
    throw badUserInput(`${field} must be a whole number of minor units ≥ 0, got ${money.amountMinor}`, { [field]: money.amountMinor });
  }
  if (!currencyByCode(money.currency)) {
    throw badUserInput(`${field} has an unknown ISO 4217 currency "${money.currency}"`, { currency: money.currency });
  }
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
  const volumeCm3 = BigInt(Math.ceil(dimensionsCm.l)) * BigInt(Math.ceil(dimensionsCm.w)) * BigInt(Math.ceil(dimensionsCm.h));
  const divisor = BigInt(volumetricDivisor);
  return Number((volumeCm3 * 1000n + divisor - 1n) / divisor);
}

/**
 * The weight a carrier bills: the greater of the actual weight (rounded up to a whole gram) and the
 * volumetric weight, because a light but bulky box takes the space of a heavy one.
 */
export function chargeableWeightGrams(input: {
  actualGrams: number;
  dimensionsCm: DimensionsCm;
  volumetricDivisor: number;
}): number {
  if (!Number.isFinite(input.actualGrams) || input.actualGrams < 0) {
    throw badUserInput(`actualGrams must be a number ≥ 0, got ${input.actualGrams}`, { actualGrams: input.actualGrams });
  }
  return Math.max(Math.ceil(input.actualGrams), volumetricWeightGrams(input.dimensionsCm, input.volumetricDivisor));
}

/**
 * The price of the first band (ordered by `upToGrams`) whose limit is at least `grams`, or null
 * when the parcel is heavier than the last band, meaning the service cannot carry it at all.
 * All bands must share one currency: a lane is priced in exactly one rate currency.
 */
export function rateForWeight(bands: readonly WeightBand[], grams: number): MinorMoney | null {
  if (!Number.isFinite(grams) || grams < 0) throw badUserInput(`grams must be a number ≥ 0, got ${grams}`, { grams });
  const ordered = [...bands].sort((a, b) => a.upToGrams - b.upToGrams);
  const currency = ordered[0]?.price.currency;
  for (const band of ordered) {
    assertMinorMoney(band.price, 'weightBand.price');
    if (band.price.currency !== currency) {
      throw badUserInput(`Weight bands mix currencies (${currency} and ${band.price.currency})`, { currency: band.price.currency });
    }
  }
  const band = ordered.find((candidate) => grams <= candidate.upToGrams);
  return band ? { ...band.price } : null;
}

/**
 * Whether an order qualifies for free shipping: the items total reaches the market's threshold.
 * Both amounts must be in the same currency (the market's); comparing across currencies would need
 * FX, which lives in pricing, so a mismatch is an error rather than a guess. No threshold (null)
 * means the market never ships free.
 */
export function isFreeShipping(itemsTotal: MinorMoney, threshold: MinorMoney | null | undefined): boolean {
  if (!threshold) return false;
  assertMinorMoney(itemsTotal, 'itemsTotal');
  assertMinorMoney(threshold, 'freeShippingThreshold');
  if (itemsTotal.currency !== threshold.currency) {
    throw badUserInput(
      `Free-shipping threshold is in ${threshold.currency} but the items total is in ${itemsTotal.currency}; convert first`,
      { currency: itemsTotal.currency, thresholdCurrency: threshold.currency },
    );
  }
  return itemsTotal.amountMinor >= threshold.amountMinor;
}

/** A service's price for one parcel, or null when the parcel exceeds its heaviest band. */
export function quoteParcel(
  service: { weightBands: readonly WeightBand[]; volumetricDivisor: number },
  parcel: Parcel,
): { chargeableGrams: number; price: MinorMoney } | null {
  const chargeableGrams = chargeableWeightGrams({ ...parcel, volumetricDivisor: service.volumetricDivisor });
  const price = rateForWeight(service.weightBands, chargeableGrams);
  return price ? { chargeableGrams, price } : null;
}
