import { compare, type Money } from './money.ts';

/**
 * A price a market showed for a product: from `from` (inclusive) until `until` (exclusive; null = still shown),
 * as shown (tax included where the market shows gross prices).
 */
export type PriceHistoryEntry = {
  readonly productId: string;
  readonly market: string;
  readonly amount: Money;
  readonly from: Date;
  readonly until: Date | null;
};

/**
 * Where the EU price-reduction rule applies: the 27 member states (Price Indication Directive 98/6/EC, Art. 6a,
 * inserted by the Omnibus Directive (EU) 2019/2161) and the EEA states that took it over (IS, LI, NO).
 */
export const OMNIBUS_COUNTRIES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
];

/** The period before a reduction whose lowest price is the only one a reduction may be compared with. */
export const OMNIBUS_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/** True where a struck-through price must follow the 30-day lowest-price rule. */
export function omnibusApplies(country: string): boolean {
  return OMNIBUS_COUNTRIES.includes(country);
}

/** The price in force and the lowest one of the window before it took effect. */
export type PriorPrice = {
  /** When the price shown at `now` took effect (rows of equal amount that follow each other count as one). */
  readonly currentSince: Date;
  /** The price shown at `now`. */
  readonly current: Money;
  /** Lowest price shown during the {@link OMNIBUS_WINDOW_DAYS} days before `currentSince`; null without history there. */
  readonly lowestPrior: Money | null;
};

/**
 * Reads one product's history in one market at `now`: the price in force, since when, and the lowest price of
 * the 30 days before that. Contiguous rows with the same amount are one price (re-posting a price does not
 * restart the window). Null when no row is in force at `now`. Rows in another currency than the current one
 * are ignored (a market that changed currency has no comparable history).
 */
export function priorPriceOf(history: readonly PriceHistoryEntry[], now: Date, windowDays = OMNIBUS_WINDOW_DAYS): PriorPrice | null {
  const at = now.getTime();
  const rows = [...history].sort((a, b) => a.from.getTime() - b.from.getTime());
  const endOf = (row: PriceHistoryEntry) => row.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const currentIndex = rows.findLastIndex((row) => row.from.getTime() <= at && at < endOf(row));
  const current = rows[currentIndex];
  if (!current) return null;

  let since = current.from.getTime();
  for (let index = currentIndex - 1; index >= 0; index--) {
    const row = rows[index]!;
    const sameAmount = row.amount.currency === current.amount.currency && row.amount.minor === current.amount.minor;
    if (!sameAmount || endOf(row) < since) break;
    since = Math.min(since, row.from.getTime());
  }

  const windowStart = since - windowDays * DAY_MS;
  let lowest: Money | null = null;
  for (const row of rows) {
    if (row.amount.currency !== current.amount.currency) continue;
    // Overlaps [windowStart, since): shown at some moment of the window.
    if (row.from.getTime() < since && endOf(row) > windowStart) {
      if (!lowest || compare(row.amount, lowest) < 0) lowest = row.amount;
    }
  }
  return { currentSince: new Date(since), current: current.amount, lowestPrior: lowest };
}

/**
 * The struck-through price a reduction may show in an Omnibus market: the lowest price of the 30 days before
 * the reduction started, and only when the shown price is below it (a "reduction" from a price raised just
 * before the sale is no reduction). Null when there is no such history, or when the history's price in force
 * is not the shown one, so nothing is struck through rather than something unlawful.
 */
export function omnibusCompareAt(shown: Money, prior: PriorPrice | null): Money | null {
  const lowest = prior?.lowestPrior;
  if (!prior || !lowest || lowest.currency !== shown.currency) return null;
  // A history whose price in force is not the one shown is out of date: it cannot prove the reduction.
  if (prior.current.currency !== shown.currency || prior.current.minor !== shown.minor) return null;
  return compare(shown, lowest) < 0 ? lowest : null;
}
