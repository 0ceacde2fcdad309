import { badUserInput } from '../../common/contract/errors.ts';
import { moneyFromDecimal } from './money.ts';

// Pure rules of a market's product list: cursors, the price range's bounds and the price buckets of its facets.

/** A product's position in a list sorted by shown price: its price in minor units, then its id. */
export interface ListingPosition {
  amountMinor: number;
  productId: string;
}

export function encodeListingCursor(position: ListingPosition): string {
  return Buffer.from(JSON.stringify([position.amountMinor, position.productId]), 'utf8').toString('base64url');
}

export function decodeListingCursor(cursor: string): ListingPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && Number.isSafeInteger(decoded[0]) && typeof decoded[1] === 'string') {
      return { amountMinor: decoded[0] as number, productId: decoded[1] };
    }
  } catch {
    // reported below
  }
  throw badUserInput(`Invalid cursor "${cursor}": pass an endCursor returned by a previous page of the same list`, { cursor });
}

/** A shown price (a Decimal string in the market's currency) in minor units; sub-minor digits are the client's mistake. */
export function minorUnitsOf(amount: string, currency: string): number {
  const minor = moneyFromDecimal(amount, currency).minor;
  if (minor < 0n) throw badUserInput(`A price bound cannot be negative, got ${amount}`, { amount });
  return Number(minor);
}

/** A price bucket of a facet: from `fromMinor` (inclusive) to `toMinor` (exclusive; null: no upper bound). */
export interface PriceBucketRange {
  fromMinor: number;
  toMinor: number | null;
}

/**
 * Bucket edges on the 1–2–5 series in major units, as storefronts show them ("under 10", "10 – 20", "20 – 50"…),
 * between the cheapest and the dearest price of the matches: every step of the series while at most `maxBuckets`
 * buckets result, else every second, third… step; the first bucket starts at zero, the last is open-ended.
 */
export function priceBuckets(minMinor: number, maxMinor: number, minorPerMajor: number, maxBuckets = 6): PriceBucketRange[] {
  const series = (index: number) => [1, 2, 5][index % 3]! * 10 ** Math.floor(index / 3) * minorPerMajor;
  for (let stride = 1; ; stride++) {
    const edges: number[] = [];
    for (let index = 0; series(index) <= maxMinor; index += stride) if (series(index) > minMinor) edges.push(series(index));
    if (edges.length < maxBuckets) {
      const bounds = [0, ...edges];
      return bounds.map((fromMinor, index) => ({ fromMinor, toMinor: bounds[index + 1] ?? null }));
    }
  }
}
